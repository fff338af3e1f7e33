/**
 * USER_OU_MISMATCH (warning): provisioned users whose app user `dn` is not in the OU their winning group
 * says (placement.ts): users left behind while `updateOUOnGroupChange` was off, users assigned
 * individually (they keep their own placement), and moves that failed. Needs every assigned group's
 * members and every app user's dn, so it runs only when those were read (`plan --check-placement`, as the
 * drift job does); a count and the first few users, so an admin finds them without clicking through users.
 */
import type { Finding } from '../../model/types';
import { byCodeUnits } from '../../model/sorted-json';
import { USER_SAMPLE_SIZE } from '../../model/user-sample';
import { assignmentsBefore, dnInOu, placementOf } from '../placement';
import { appObject, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const userOuMismatch: Lint = {
  code: 'USER_OU_MISMATCH',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, app }): Finding[] => {
      const people = live.people;
      if (!people?.allMembers || !people.dns) return [];
      const ranked = assignmentsBefore(live.assignments);
      const groupsOf = new Map<string, Set<string>>();
      for (const [g, ids] of Object.entries(people.members)) for (const id of ids) groupsOf.set(id, (groupsOf.get(id) ?? new Set()).add(g));
      const individual = new Set(people.individual);
      const found: Array<[string, string]> = [];
      for (const [id, dn] of Object.entries(people.dns)) {
        const p = placementOf(ranked, groupsOf.get(id) ?? new Set());
        if (p.kind !== 'group' || p.ou === null || dnInOu(dn, p.ou)) continue;
        const user = people.users[id] ?? id;
        const name = live.groups[p.groupId]?.name ?? p.groupId;
        found.push([user, `${user}${individual.has(id) ? ' (assigned individually)' : ''} is in ${dn}, ${name} says ${p.ou}`]);
      }
      // By login, so the sample is the same on every run.
      const off = found.sort(([a], [b]) => byCodeUnits(a, b)).map(([, text]) => text);
      if (off.length === 0) return [];
      const shown = off.slice(0, USER_SAMPLE_SIZE);
      const more = off.length > shown.length ? `; and ${off.length - shown.length} more` : '';
      return [
        {
          code: 'USER_OU_MISMATCH',
          severity: 'warning',
          message: `${off.length} provisioned user${off.length === 1 ? ' of' : 's of'} "${app.label}" ${off.length === 1 ? 'is' : 'are'} not in the OU ${off.length === 1 ? 'its' : 'their'} winning group says: ${shown.join('; ')}${more}`,
          hint: 'okta-ou explain USER shows why for one user; convert individual assignments to group assignments, move users left behind (updateOUOnGroupChange off) in AD, and look for failed pushes in the System Log',
          directory: desired.name,
          object: appObject(app),
        },
      ];
    }),
};
