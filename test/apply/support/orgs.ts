/**
 * A small org for apply tests: a three-way priority cycle (Sales ↑ to the top, Engineering and
 * Operations down), an OU change with an unmanaged profile key to keep, a create, a delete, an ignored
 * group sitting between managed ones, and a `dn` mapping to remove.
 */
import type { AppSeed, OrgSeed } from '../../../src/sandbox/types';

export const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
export const ou = (name: string): string => `ou=${name},ou=employees,dc=corp,dc=example,dc=com`;
export const APP = 'corp.example.com';

/** The AD app these tests use (import OU Employees, OU follows group changes), with `assignments`. */
export function corpApp(assignments: AppSeed['assignments']): AppSeed {
  return { label: APP, name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP], updateOUOnGroupChange: true, assignments };
}

const users = ['ada', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus'].map((n) => ({ login: `${n}@example.com`, firstName: n, lastName: 'Test', department: 'X' }));

export const cycleOrg: OrgSeed = {
  users,
  groups: [
    { name: 'Engineering', members: ['ada@example.com', 'bob@example.com'] },
    { name: 'Operations', members: ['bob@example.com'] },
    { name: 'Sales', members: ['cyd@example.com', 'dee@example.com'] },
    { name: 'Finance', members: ['eve@example.com'] },
    { name: 'Marketing', members: ['fay@example.com', 'ada@example.com'] },
    { name: 'legacy-kiosk', members: ['gus@example.com'] },
  ],
  apps: [
    {
      ...corpApp([
        { group: 'Engineering', priority: 0, profile: { organizationalUnit: ou('engineering'), description: 'kept: not managed by the file' } },
        { group: 'Operations', priority: 1, profile: { organizationalUnit: ou('operations') } },
        { group: 'legacy-kiosk', priority: 2, profile: { organizationalUnit: ou('kiosk'), note: 'ignored' } },
        { group: 'Sales', priority: 3, profile: { organizationalUnit: ou('sales') } },
        { group: 'Finance', priority: 4, profile: { organizationalUnit: ou('finance') } },
      ]),
      mapping: {
        properties: {
          firstName: { expression: 'user.firstName', pushStatus: 'PUSH' },
          dn: { expression: `"CN=" + user.firstName + ",${EMP}"`, pushStatus: 'PUSH' },
        },
      },
    },
  ],
};

export const cycleYaml = `version: 1
directories:
  corp:
    app: ${APP}
    namingContext: DC=corp,DC=example,DC=com
    importOUs: ["${EMP}"]
    updateOUOnGroupChange: true
    assignments: { mode: authoritative, ignore: ["legacy-*"] }
    groups:
      - group: Sales
        ou: OU=Sales,${EMP}
      - group: Engineering
        ou: OU=Platform,${EMP}
      - group: Operations
        ou: OU=Operations,${EMP}
      - group: Marketing
        ou: OU=Marketing,${EMP}
    attributeMappings:
      properties:
        firstName: user.firstName
        department: user.department
`;

/** The state every converging run must end in (name → priority, OU); legacy-kiosk untouched. */
export const cycleDesired = {
  Sales: { priority: 0, ou: ou('sales') },
  Engineering: { priority: 1, ou: ou('platform') },
  'legacy-kiosk': { priority: 2, ou: ou('kiosk') },
  Operations: { priority: 3, ou: ou('operations') },
  Marketing: { priority: 5, ou: ou('marketing') },
};

/** Managed groups in the file's order. */
export const cycleManagedOrder = ['Sales', 'Engineering', 'Operations', 'Marketing'];

/** "Team 00", "Team 01", … (`width` digits). */
export const team = (i: number, width = 2): string => `Team ${String(i).padStart(width, '0')}`;

/**
 * `total` groups "Team NN" (one member each), the first `assigned` of them assigned to the AD app at
 * priorities 0, 1, … with OU ou=t<i>,ou=employees,…: a large, plain org for deletes and pacing.
 */
export function teamsOrg(total: number, opts: { assigned?: number; width?: number } = {}): OrgSeed {
  const assigned = opts.assigned ?? total;
  return {
    users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
    groups: Array.from({ length: total }, (_, i) => ({ name: team(i, opts.width), members: ['ada@example.com'] })),
    apps: [
      {
        label: APP,
        name: 'active_directory',
        namingContext: 'corp.example.com',
        importOUs: [EMP],
        assignments: Array.from({ length: assigned }, (_, i) => ({ group: team(i, opts.width), priority: i, profile: { organizationalUnit: ou(`t${i}`) } })),
      },
    ],
  };
}

/** Authoritative mappings for teamsOrg listing the teams `kept` (indices), in that order, each in OU=T<i>. */
export function teamsYaml(kept: number[], width = 2): string {
  return `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative }
    groups:
${kept.map((i) => `      - { group: "${team(i, width)}", ou: "OU=T${i},${EMP}" }`).join('\n')}
`;
}
