/**
 * UNMANAGED_PROFILE_KEYS (info): the live profile of a managed assignment has keys the file does not
 * list. The assignment profile is app-specific and open (`GroupAssignmentProfile`, additionalProperties;
 * docs/okta-api.md §1); okta-ou manages only organizationalUnit and the listed keys, and keeps the
 * others as they are when it writes (apply PUTs the whole profile).
 */
import type { Finding } from '../../model/types';
import { isManagedKey } from '../normalise';
import { assignmentsByGroup } from '../diff-assignments';
import { at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const unmanagedProfileKeys: Lint = {
  code: 'UNMANAGED_PROFILE_KEYS',
  severity: 'info',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, resolution }): Finding[] => {
      const byGroup = assignmentsByGroup(live);
      return resolution.managed.flatMap(({ desired: g, group }): Finding[] => {
        const current = byGroup.get(group.id);
        if (!current) return [];
        const extra = Object.keys(current.profile)
          .filter((k) => !isManagedKey(g, k) && current.profile[k] !== null && current.profile[k] !== undefined)
          .sort();
        if (extra.length === 0) return [];
        return [
          {
            code: 'UNMANAGED_PROFILE_KEYS',
            severity: 'info',
            message: `live assignment profile of "${group.name}" has keys the file does not manage: ${extra.join(', ')} (kept as they are)`,
            hint: 'to manage them, list them under the group\'s profile:',
            ...at(desired, g.source),
            object: { type: 'assignment', id: group.id, name: group.name },
          },
        ];
      });
    }),
};
