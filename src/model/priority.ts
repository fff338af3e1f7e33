/**
 * The one place that decides which way Okta's assignment `priority` runs. Okta's docs only say "the group
 * with the higher priority has its profile applied"; the Admin Console lists 0 first, and we treat the
 * LOWER number as the HIGHER priority (docs/design.md §1). Flip `LOWER_NUMBER_WINS` if Okta proves otherwise.
 *
 * Before flipping, know this: new and parked assignments go "past the lowest-priority one"
 * (src/plan/assign-slots.ts, src/apply/schedule.ts). With LOWER_NUMBER_WINS that is max + 1; flipped it
 * is min − 1, which reaches negative numbers that Okta refuses. Flipping therefore also needs a re-pack
 * of the managed slots (not built yet; priorities are never compacted today).
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
