/**
 * PRIORITY_UNKNOWN (warning): Okta returned a live assignment without a numeric `priority` (null, missing
 * or not a number). Okta's API always documents one (docs/okta-api.md §1), so this is read leniently
 * (docs/style.md §1) rather than guessed: a 0 would rank the group first. Which OU wins for users in this group
 * and another is then unknown. A managed group gets a fresh slot from the plan (an update that writes its
 * priority); an unmanaged one is left alone and takes no part in slot maths (known-priority.ts).
 */
import type { DesiredGroup, Finding } from '../../model/types';
import { sortedAssignments } from '../diff-assignments';
import { hasKnownPriority } from '../known-priority';
import { at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const priorityUnknown: Lint = {
  code: 'PRIORITY_UNKNOWN',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, resolution }): Finding[] => {
      const unknown = sortedAssignments(live).filter((a) => !hasKnownPriority(a));
      // Indexed only when some priority is unknown (rare), not for every plan of a large app.
      const managed = unknown.length === 0 ? new Map<string, DesiredGroup>() : new Map(resolution.managed.map((m) => [m.group.id, m.desired]));
      return unknown
        .map((a): Finding => {
          const name = live.groups[a.groupId]?.name ?? a.groupId;
          const listed = managed.get(a.groupId);
          return {
            code: 'PRIORITY_UNKNOWN',
            severity: 'warning',
            message: `Okta returned no priority for the live assignment of "${name}": which OU wins for its users who are in other assigned groups is unknown`,
            hint: listed
              ? 'nothing to do: the plan writes a priority for it'
              : "list the group in the mappings so the plan gives it a priority, or set its order under the app's Assignments > Groups in the Admin Console",
            ...(listed ? at(desired, listed.source) : { directory: desired.name }),
            object: { type: 'assignment', id: a.groupId, name },
          };
        });
    }),
};
