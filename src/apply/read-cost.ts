/**
 * How apply reads an app's assignments around its writes, so the reads grow with the change and not
 * with the app (pure). Listing an app costs one call per 200 assignments; one assignment is one GET.
 * Both the check before the first write and the read-back after the last cost at most as many
 * `/api/v1/apps` calls as the app's writes: at 100,000 assignments and 200 writes, 200 GETs instead of
 * two more lists of 500 pages each (docs/design.md "What apply reads").
 */
import type { DirectoryExpectation } from './types';

/** Assignments per list page (the endpoint's maximum, docs/okta-api.md §1). */
export const ASSIGNMENT_PAGE = 200;

/** Calls a list of `count` assignments takes (one even when empty). */
export function listPages(count: number): number {
  return Math.max(1, Math.ceil(count / ASSIGNMENT_PAGE));
}

/**
 * Re-list the app right before its first write (CHANGED_DURING_APPLY) only when that costs no more calls
 * than the writes. The plan was read just before (apply always plans afresh before it executes), so a
 * re-list only narrows the window since that read; once it takes as many pages as the plan's read did,
 * it takes about as long and narrows nothing, while costing more than the change. Small apps keep the check.
 */
export function recheckBeforeWriting(exp: DirectoryExpectation, writes: number): boolean {
  return listPages(Object.keys(exp.before).length) <= writes;
}

/**
 * Read back one GET per written or deleted assignment when that is fewer calls than listing the app
 * after apply; else list it (which also shows that no assignment outside the plan moved).
 */
export function readBackEachWritten(exp: DirectoryExpectation): boolean {
  const written = Object.keys(exp.assignments);
  const after = Object.keys(exp.untouched).length + written.filter((g) => exp.assignments[g] !== null).length;
  return written.length < listPages(after);
}
