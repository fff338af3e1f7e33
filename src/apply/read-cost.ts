/**
 * How apply reads an app's assignments around its writes (pure). Listing an app costs one call per 200
 * assignments; one assignment is one GET.
 *
 * Okta shifts another assignment only when a priority is written onto the slot it holds. So an app
 * whose writes are all profile-only PATCHes and DELETEs can shift nobody's assignment, whatever another
 * writer did since the plan's read; there apply reads in proportion to the change: no re-list before the
 * first write where the list costs more calls than the writes, and one GET per written assignment after
 * the last where that is fewer calls than the list (100,000 assignments, 200 OU updates: 200 GETs instead
 * of two more lists of 500 pages each). Once any write to the app carries a priority (a create, move,
 * respace, park or settle), the schedule's slots are only safe as the app is now: it is listed before the
 * first write and after the last, whatever its size (docs/design.md "What apply reads").
 */
import type { DirectoryExpectation, WritePlan } from './types';

/** Assignments per list page (the endpoint's maximum, docs/okta-api.md §1). */
export const ASSIGNMENT_PAGE = 200;

/** An app's assignment writes, in the write plan's three phases. */
export type AppWrites = Pick<WritePlan['directories'][number], 'writes' | 'deletes' | 'settle'>;

/** Calls a list of `count` assignments takes (one even when empty). */
export function listPages(count: number): number {
  return Math.max(1, Math.ceil(count / ASSIGNMENT_PAGE));
}

/** No write to the app carries a priority: every one is a profile-only PATCH or a DELETE. */
export function writesNoPriority(d: AppWrites): boolean {
  return [...d.writes, ...d.deletes, ...d.settle].every((r) => r.method === 'PATCH' || r.method === 'DELETE');
}

/**
 * Re-list the app right before its first write (CHANGED_DURING_APPLY) whenever a write carries a priority:
 * a slot another writer took since the plan's read would be written onto and its holder shifted. When
 * none does, nothing can be shifted, and the list is made only while it costs no more calls than the writes.
 */
export function recheckBeforeWriting(exp: DirectoryExpectation, d: AppWrites): boolean {
  return !writesNoPriority(d) || listPages(Object.keys(exp.before).length) <= d.writes.length + d.deletes.length + d.settle.length;
}

/**
 * Read back one GET per written or deleted assignment when no write carried a priority and that is fewer
 * calls than listing the app after apply; else list it (which also shows that no assignment outside the
 * plan moved, and lets apply put one back).
 */
export function readBackEachWritten(exp: DirectoryExpectation, d: AppWrites): boolean {
  const written = Object.keys(exp.assignments);
  const after = Object.keys(exp.untouched).length + written.filter((g) => exp.assignments[g] !== null).length;
  return writesNoPriority(d) && written.length < listPages(after);
}
