/**
 * The one place that decides which way Okta's assignment `priority` runs. Okta's docs only say "the group
 * with the higher priority has its profile applied"; the Admin Console lists 0 first, and we treat the
 * LOWER number as the HIGHER priority (docs/design.md §1). Flip `LOWER_NUMBER_WINS` if Okta proves otherwise.
 *
 * Before flipping, know this: the slot maths (src/plan/assign-slots.ts, src/plan/schedule.ts) works in
 * rank space, 0 = highest, and writes ranks 0 … 2n + 16. Flipped, a rank r becomes priority −r, which
 * Okta refuses: flipping also needs a rank → priority map that stays non-negative (e.g. bound − 1 − r).
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

/**
 * The range of `priority` Okta's old Apps API reference gives (0 to 100; docs/okta-api.md §1); the current
 * spec sets no bound. UNCONFIRMED whether Okta refuses a priority past it: `okta-ou doctor` reports the
 * highest one an org holds against it.
 */
export const DOCUMENTED_PRIORITY_RANGE = { min: 0, max: 100 } as const;

/** Priority → rank (0 = highest priority, larger = lower): the space the slot maths works in. */
export function toRank(priority: number): number {
  return LOWER_NUMBER_WINS ? priority : -priority;
}

/** Rank → priority (the inverse of toRank). */
export function toPriority(rank: number): number {
  return LOWER_NUMBER_WINS ? rank : -rank;
}
