/**
 * The one place that decides which way Okta's assignment `priority` runs. Okta's docs only say "the group
 * with the higher priority has its profile applied"; the Admin Console lists 0 first, and we treat the
 * LOWER number as the HIGHER priority (DESIGN.md §1). Flip `LOWER_NUMBER_WINS` if Okta proves otherwise.
 */
export const LOWER_NUMBER_WINS = true;

/** Sort comparator: highest priority first. */
export function byPriority(a: { priority: number }, b: { priority: number }): number {
  return LOWER_NUMBER_WINS ? a.priority - b.priority : b.priority - a.priority;
}

/** True when priority `a` outranks priority `b`. */
export function outranks(a: number, b: number): boolean {
  return LOWER_NUMBER_WINS ? a < b : a > b;
}
