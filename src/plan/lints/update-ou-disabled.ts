/**
 * UPDATE_OU_DISABLED (warning): the plan changes the OU of an existing assignment while the directory
 * declares `updateOUOnGroupChange: false`. Okta moves EXISTING users to another OU only when the AD
 * integration's "Update OU when the group that provisions a user to AD changes" (Provisioning > To App)
 * is on (help.okta.com Topics/Directory/ad-agent-ou-updates.htm, docs/okta-api.md §1); otherwise only
 * users provisioned from now on land in the new OU. The setting is not exposed by the API, so the file
 * declares it; when it is not declared this lint stays silent.
 */
import type { Finding } from '../../model/types';
import { OU_KEY, ouToWrite, ousEqual } from '../normalise';
import { adPairs, at } from './live-helpers';
import type { Lint } from './types';

export const updateOuDisabled: Lint = {
  code: 'UPDATE_OU_DISABLED',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    adPairs(ctx).flatMap(({ desired, live, resolution }): Finding[] => {
      if (desired.updateOUOnGroupChange !== false) return [];
      const byGroup = new Map(live.assignments.map((a) => [a.groupId, a]));
      return resolution.managed.flatMap(({ desired: g, group }): Finding[] => {
        const current = byGroup.get(group.id);
        if (!current || ousEqual(current.profile[OU_KEY], g.ou)) return [];
        const from = typeof current.profile[OU_KEY] === 'string' ? (current.profile[OU_KEY] as string) : '(no OU)';
        const to = ouToWrite(g.ou, desired.ouCase);
        // A member placed by a higher-priority group is not this group's to move: the count is of members,
        // the plan's people lines say exactly who stays.
        const who = group.usersCount === undefined ? 'the existing users it places' : `the existing users it places (of its ${group.usersCount} members)`;
        return [
          {
            code: 'UPDATE_OU_DISABLED',
            severity: 'warning',
            message: `group "${group.name}" moves from ${from} to ${to} while updateOUOnGroupChange is false: ${who} stay in the old OU, only new users go to the new one`,
            hint: 'enable "Update OU when the group that provisions a user to AD changes" (AD integration > Provisioning > To App), then set updateOUOnGroupChange: true; or move existing users in AD',
            ...at(desired, g.ouSource),
            object: { type: 'assignment', id: group.id, name: group.name },
          },
        ];
      });
    }),
};
