/**
 * The benchmark org: two AD domains with N group assignments each, and the desired state as okta-ou
 * mapping files and as the rows a hand-written script would loop over (group id, OU, priority).
 *
 * Per domain the desired state keeps the live order and changes: every 10th group's OU (updates), every
 * 20th group dropped (deletes, authoritative mode), two neighbours near the end swapped (a reorder),
 * N/20 new groups appended (creates), plus the Okta→AD mapping (dn removed, department added).
 */
import type { OrgSeed } from '../src/sandbox';

export interface Domain {
  /** Directory name in the files, e.g. `corp`. */
  name: string;
  label: string;
  dc: string;
}

export const DOMAINS: Domain[] = [
  { name: 'corp', label: 'corp.example.com', dc: 'DC=corp,DC=example,DC=com' },
  { name: 'emea', label: 'emea.example.com', dc: 'DC=emea,DC=example,DC=com' },
];

export interface Row {
  app: string;
  group: string;
  ou: string;
  priority: number;
}

const groupName = (d: Domain, i: number): string => `${d.name}-team-${String(i).padStart(5, '0')}`;
const newGroupName = (d: Domain, i: number): string => `${d.name}-new-${String(i).padStart(5, '0')}`;
const liveOu = (d: Domain, i: number): string => `ou=team${i % 40},ou=staff,${d.dc.toLowerCase()}`;
const movedOu = (d: Domain, i: number): string => `ou=moved${i % 40},ou=staff,${d.dc.toLowerCase()}`;

export const isDeleted = (i: number): boolean => i % 20 === 7;
export const isUpdated = (i: number): boolean => i % 10 === 3;

export function benchOrg(perDomain: number): OrgSeed {
  const users = Array.from({ length: 100 }, (_, i) => ({ login: `user${i}@example.com`, firstName: `User${i}`, lastName: 'Bench', department: 'Eng' }));
  const creates = Math.max(1, Math.floor(perDomain / 20));
  const groups: NonNullable<OrgSeed['groups']> = [];
  for (const d of DOMAINS) {
    for (let i = 0; i < perDomain; i++) groups.push({ name: groupName(d, i), members: [users[i % users.length].login] });
    for (let i = 0; i < creates; i++) groups.push({ name: newGroupName(d, i), members: [users[(i * 7) % users.length].login] });
  }
  return {
    users,
    groups,
    apps: DOMAINS.map((d) => ({
      label: d.label,
      name: 'active_directory',
      namingContext: d.label,
      importOUs: [`OU=Staff,${d.dc}`],
      updateOUOnGroupChange: true,
      assignments: Array.from({ length: perDomain }, (_, i) => ({ group: groupName(d, i), priority: i, profile: { organizationalUnit: liveOu(d, i) } })),
      mapping: {
        properties: {
          firstName: { expression: 'user.firstName', pushStatus: 'PUSH' },
          dn: { expression: `"CN=" + user.firstName + ",OU=Staff,${d.dc}"`, pushStatus: 'PUSH' },
        },
      },
    })),
  };
}

/** The desired order per domain: [group name, OU], highest priority first. */
function desiredList(d: Domain, perDomain: number): Array<[string, string]> {
  const creates = Math.max(1, Math.floor(perDomain / 20));
  const kept: Array<[string, string]> = [];
  for (let i = 0; i < perDomain; i++) {
    if (isDeleted(i)) continue;
    kept.push([groupName(d, i), isUpdated(i) ? movedOu(d, i) : liveOu(d, i)]);
  }
  // Swap two neighbours near the end: a small reorder.
  const a = kept.length - 10;
  if (a > 0) [kept[a], kept[a + 1]] = [kept[a + 1], kept[a]];
  for (let i = 0; i < creates; i++) kept.push([newGroupName(d, i), `ou=new${i % 40},ou=staff,${d.dc.toLowerCase()}`]);
  return kept;
}

/** okta-ou mapping files, one per domain. */
export function mappingFiles(perDomain: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (const d of DOMAINS) {
    const groups = desiredList(d, perDomain)
      .map(([g, ou]) => `      - { group: ${g}, ou: "${ou}" }`)
      .join('\n');
    files[`${d.name}.yaml`] = `version: 1
directories:
  ${d.name}:
    app: ${d.label}
    namingContext: ${d.dc}
    importOUs: ["OU=Staff,${d.dc}"]
    updateOUOnGroupChange: true
    assignments: { mode: authoritative }
    groups:
${groups}
    attributeMappings:
      properties:
        firstName: user.firstName
        department: user.department
`;
  }
  return files;
}

/** The same desired state as a spreadsheet a script loops over: one row per group, priority = row number. */
export function desiredRows(perDomain: number, idOf: (app: string, group: string) => { appId: string; groupId: string }): Array<Row & { appId: string; groupId: string }> {
  return DOMAINS.flatMap((d) =>
    desiredList(d, perDomain).map(([group, ou], priority) => ({ app: d.label, group, ou, priority, ...idOf(d.label, group) })),
  );
}
