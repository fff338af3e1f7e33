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
  const { changed, deciding } = groupSets(live, changes);
  return { changed: [...changed].sort(), deciding: [...deciding].sort() };
}

/** groupsToRead's groups as sets (what the plan checks against what was read: no sorting 100,000 ids). */
export function groupSets(live: readonly LiveAssignment[], changes: readonly AssignmentChange[]): { changed: ReadonlySet<string>; deciding: ReadonlySet<string> } {
  const changed = new Set(changes.flatMap(groupsOfChange));
  const deciding = new Set<string>();
  if (changed.size === 0) return { changed, deciding };
  const wholeList = changes.some((c) => c.action === 'create' || c.action === 'delete');
  const above = (ranked: RankedAssignment[]): void => {
    // The lowest changed group, found from the end (each group is looked up once at most).
    let last = ranked.length - 1;
    while (last >= 0 && !changed.has(ranked[last].groupId)) last--;
    const end = wholeList ? ranked.length : last;
    for (let i = 0; i < end; i++) if (!changed.has(ranked[i].groupId)) deciding.add(ranked[i].groupId);
  };
  above(assignmentsBefore(live));
  above(assignmentsAfter(live, changes));
  return { changed, deciding };
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
