/**
 * PRIORITY_DUPLICATE (warning): live assignments of one app share a `priority`. Okta applies "the group
 * with the higher priority" to a user in several assigned groups (docs/okta-api.md §1), so for users in
 * both groups the OU is undefined. okta-ou does not cause this; for managed groups the plan gives each a
 * distinct slot (assign-slots.ts rule 5).
 */
import type { DesiredGroup, Finding } from '../../model/types';
import { sortedAssignments } from '../diff-assignments';
import { hasKnownPriority } from '../known-priority';
import { at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const priorityDuplicate: Lint = {
  code: 'PRIORITY_DUPLICATE',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, resolution }): Finding[] => {
      // In priority order, so the assignments sharing one stand together: runs, not a map of every priority.
      const sorted = sortedAssignments(live);
      const shared: Array<[number, string[]]> = [];
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i];
        if (!hasKnownPriority(a) || a.priority !== sorted[i - 1].priority) continue;
        const run = shared[shared.length - 1];
        if (run !== undefined && run[0] === a.priority) run[1].push(a.groupId);
        else shared.push([sorted[i - 1].priority, [sorted[i - 1].groupId, a.groupId]]);
      }
      // Indexed only when some priority is shared (rare), not for every plan of a large app.
      const managed = shared.length === 0 ? new Map<string, DesiredGroup>() : new Map(resolution.managed.map((m) => [m.group.id, m.desired]));
      return shared
        .map(([priority, ids]) => {
          const names = ids.map((id) => live.groups[id]?.name ?? id);
          const allManaged = ids.every((id) => managed.has(id));
          const located = ids.map((id) => managed.get(id)).find((g) => g !== undefined);
          const last = ids[ids.length - 1];
          return {
            code: 'PRIORITY_DUPLICATE',
            severity: 'warning',
            message: `live assignments of ${names.map((n) => `"${n}"`).join(', ')} share priority ${priority}: which OU wins for users in several of them is undefined`,
            hint: allManaged
              ? 'nothing to do: the plan gives each managed group its own priority'
              : 'list these groups in the mappings to order them, or drag them into order under the app\'s Assignments > Groups in the Admin Console',
            ...(located ? at(desired, located.source) : { directory: desired.name }),
            object: { type: 'assignment', id: last, name: live.groups[last]?.name ?? last },
          };
        });
    }),
};
