/**
 * A small org for the people tests, and the oracle: what the local Okta's provisioning simulation did to
 * the AD app's users between two snapshots (who was added, removed, or moved to another OU).
 */
import type { OrgSeed } from '../../src/sandbox/types';
import type { Sandbox } from '../support/sandbox';
import { mappingFile } from '../e2e/helpers';

export const APP = 'corp.example.com';
export const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
export const ou = (name: string): string => `ou=${name},ou=employees,dc=corp,dc=example,dc=com`;
export const login = (i: number): string => `u${String(i).padStart(2, '0')}@example.com`;
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => login(from + i));

/**
 * 22 users. Alpha (u00–u04) outranks Beta (u03–u07), which outranks Gamma (u03, u07–u09): u03 is in all
 * three, u07 in two; Leavers (u10–u12) and
 * Base (u13–u19) are their members' only groups; u04 is also assigned to the app individually. Newcomers
 * (u13, new1, new2) is not assigned: new1 and new2 are in no assigned group.
 */
export function peopleOrg(updateOUOnGroupChange = true): OrgSeed {
  const groups: Array<[string, string[]]> = [
    ['Alpha', range(0, 4)],
    ['Beta', range(3, 7)],
    ['Gamma', [login(3), ...range(7, 9)]],
    ['Leavers', range(10, 12)],
    ['Base', range(13, 19)],
  ];
  return {
    users: [...range(0, 19), 'new1@example.com', 'new2@example.com'].map((l) => ({ login: l, firstName: l.split('@')[0], lastName: 'Test' })),
    groups: [...groups.map(([name, members]) => ({ name, members })), { name: 'Newcomers', members: [login(13), 'new1@example.com', 'new2@example.com'] }],
    apps: [
      {
        label: APP,
        name: 'active_directory',
        namingContext: APP,
        importOUs: [EMP],
        updateOUOnGroupChange,
        assignments: groups.map(([name], i) => ({ group: name, priority: i, profile: { organizationalUnit: ou(name.toLowerCase()) } })),
        users: [{ user: login(4), scope: 'USER' }],
      },
    ],
  };
}

/** Mapping file for the org's app: `groups` in priority order as [name, ou-name]. */
export function peopleYaml(groups: Array<[string, string]>, updateOUOnGroupChange = true): string {
  return mappingFile(`  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    updateOUOnGroupChange: ${updateOUOnGroupChange}
    assignments: { mode: authoritative }
    groups:
${groups.map(([g, o]) => `      - group: ${g}\n        ou: OU=${o},${EMP}\n`).join('')}`);
}

/** login → the OU (parent of the dn, lower case) of each of the app's users in the local Okta. */
export function placements(sb: Sandbox): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of sb.org.appUsersOf(APP)) {
    const user = sb.org.users.get(u.userId)!;
    const dn = String(u.profile.dn ?? '');
    out.set(user.profile.login, dn.slice(dn.indexOf(',') + 1).toLowerCase());
  }
  return out;
}

/** What the local Okta did between two snapshots, as sorted `login: from → to` lines per kind. */
export function observed(before: Map<string, string>, after: Map<string, string>): { gain: string[]; lose: string[]; move: string[] } {
  const gain = [...after].filter(([l]) => !before.has(l)).map(([l, o]) => `${l}: (none) → ${o}`);
  const lose = [...before].filter(([l]) => !after.has(l)).map(([l, o]) => `${l}: ${o} → (none)`);
  const move = [...after].filter(([l, o]) => before.has(l) && before.get(l) !== o).map(([l, o]) => `${l}: ${before.get(l)} → ${o}`);
  return { gain: gain.sort(), lose: lose.sort(), move: move.sort() };
}
