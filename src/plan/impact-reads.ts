/**
 * Which groups' members the impact needs (so the reads stay proportional to the change):
 * - `changed`: the groups whose assignment the plan writes; their members are the users it can affect;
 * - `deciding`: the other assigned groups that can decide those users' placement before or after. For
 *   updates and reorders that is every group ranked above the lowest changed one (a user in a changed
 *   group is placed at least that high); a create or a delete can hand a user to any lower group too, so
 *   then every assigned group counts.
 * No assignment change: nothing to read. The deciding groups only matter for the affected users, so
 * when those are fewer than the calls the groups' member pages take, their own groups are read instead
 * (`readByUser`). Pure.
 */
import type { AssignmentChange, LiveAssignment } from '../model/types';
import { groupsOfChange } from './impact';
import { assignmentsAfter, assignmentsBefore, type RankedAssignment } from './placement';

export function groupsToRead(live: readonly LiveAssignment[], changes: readonly AssignmentChange[]): { changed: string[]; deciding: string[] } {
  const changed = new Set(changes.flatMap(groupsOfChange));
  if (changed.size === 0) return { changed: [], deciding: [] };
  const before = assignmentsBefore(live);
  const after = assignmentsAfter(live, changes);
  const wholeList = changes.some((c) => c.action === 'create' || c.action === 'delete');
  const deciding = new Set<string>();
  const above = (ranked: RankedAssignment[]): void => {
    const last = ranked.reduce((n, a, i) => (changed.has(a.groupId) ? i : n), -1);
    ranked.forEach((a, i) => {
      if ((wholeList || i < last) && !changed.has(a.groupId)) deciding.add(a.groupId);
    });
  };
  above(before);
  above(after);
  return { changed: [...changed].sort(), deciding: [...deciding].sort() };
}

/**
 * True when reading each affected user's groups (a call per user: more for a user in over 200 groups,
 * which only the read tells; none for a user already read for another directory, which this does not
 * count) takes fewer calls than reading the deciding groups' members: a page per group at least, more
 * where its member count is known to fill several pages of `pageSize`. On a tie the groups are read
 * (their member counts come with them).
 */
export function readByUser(affectedUsers: number, deciding: readonly string[], memberCount: (groupId: string) => number | undefined, pageSize: number): boolean {
  let groupCalls = 0;
  for (const g of deciding) {
    groupCalls += Math.max(1, Math.ceil((memberCount(g) ?? 0) / pageSize));
    if (groupCalls > affectedUsers) return true;
  }
  return false;
}
