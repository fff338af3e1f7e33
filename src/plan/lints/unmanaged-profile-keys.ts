/**
 * UNMANAGED_PROFILE_KEYS (info): the live profile of a managed assignment has keys the file does not
 * list. The assignment profile is app-specific and open (`GroupAssignmentProfile`, additionalProperties;
 * docs/okta-api.md §1); okta-ou manages only organizationalUnit and the listed keys, and keeps the
 * others as they are when it writes (apply PUTs the whole profile).
 */
import type { Finding } from '../../model/types';
import { isManagedKey } from '../normalise';
import { at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const unmanagedProfileKeys: Lint = {
  code: 'UNMANAGED_PROFILE_KEYS',
  severity: 'info',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, resolution, assigned }): Finding[] => {
      const out: Finding[] = [];
      resolution.managed.forEach(({ desired: g, group }, k) => {
        const current = assigned[k];
        if (!current) return;
        // Collected only when there is one (most live profiles hold managed keys alone).
        let extra: string[] | undefined;
        for (const k in current.profile) {
          if (Object.hasOwn(current.profile, k) && !isManagedKey(g, k) && current.profile[k] !== null && current.profile[k] !== undefined) (extra ??= []).push(k);
        }
        if (extra === undefined) return;
        out.push({
          code: 'UNMANAGED_PROFILE_KEYS',
          severity: 'info',
          message: `live assignment profile of "${group.name}" has keys the file does not manage: ${extra.sort().join(', ')} (kept as they are)`,
          hint: 'to manage them, list them under the group\'s profile:',
          ...at(desired, g.source),
          object: { type: 'assignment', id: group.id, name: group.name },
        });
      });
      return out;
    }),
};
