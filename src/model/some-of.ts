/** "a, b and 3 more": the first `max` items joined, and how many more there are (the caller quotes or escapes them). Pure. */
export function someOf(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
