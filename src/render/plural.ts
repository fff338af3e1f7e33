/** "1 error", "2 errors", "1,200 members" (en-US digit grouping, as the rest of the output). Pure. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
