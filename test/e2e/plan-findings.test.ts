/**
 * Every finding that needs live data, end to end: seed the local Okta, plan, check each finding's code,
 * severity, directory and the Okta object it concerns; and that planning wrote nothing.
 */
import type { Finding, Plan } from '../../src/model/types';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { expectReadOnly, mappingFile, plan, project, removeProjects, seeded, type Sandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const EMPTY = 'OU=Nobody,DC=corp,DC=example,DC=com';
const WEST = 'OU=Staff,DC=west,DC=example,DC=com';

const users = ['ada', 'bob', 'cyd', 'dee', 'eve'].map((n) => ({ login: `${n}@example.com`, firstName: n, lastName: 'Test' }));

const org: OrgSeed = {
  users,
  groups: [
    { name: 'Engineering', members: ['ada@example.com', 'bob@example.com'] },
    { name: 'Sales', members: ['cyd@example.com'] },
    { name: 'Support', members: ['dee@example.com'] },
    { name: 'Twin', members: [] },
    { name: 'Twin', members: [] },
    { name: 'legacy-vpn', members: ['eve@example.com'] },
    { name: 'West Staff', members: ['eve@example.com'] },
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP, EMPTY],
      updateOUOnGroupChange: true,
      assignments: [
        // Engineering and Sales share priority 1 (PRIORITY_DUPLICATE); Sales carries a key the file does not manage.
        { group: 'Engineering', priority: 1, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` } },
        { group: 'Sales', priority: 1, profile: { organizationalUnit: `ou=sales,${EMP.toLowerCase()}`, manager: 'someone' } },
        // Not under an import OU, ignored by the file: a live-only OU_NOT_IMPORT_OU warning.
        { group: 'legacy-vpn', priority: 3, profile: { organizationalUnit: 'ou=vpn,ou=legacy,dc=corp,dc=example,dc=com' } },
      ],
      mapping: {
        properties: {
          firstName: { expression: 'user.firstName', pushStatus: 'PUSH' },
          dn: { expression: `"CN=" + user.firstName + ",${EMP}"`, pushStatus: 'PUSH' },
        },
      },
      // ada is a member of Engineering but assigned individually: her OU will not follow the group.
      users: [{ user: 'ada@example.com', scope: 'USER' }],
    },
    {
      label: 'west.example.com',
      name: 'active_directory',
      namingContext: 'west.example.com',
      importOUs: [WEST],
      updateOUOnGroupChange: false,
      assignments: [{ group: 'West Staff', priority: 0, profile: { organizationalUnit: `ou=old,${WEST.toLowerCase()}` } }],
    },
    { label: 'east.example.com', name: 'active_directory', namingContext: 'east.example.com', importOUs: ['OU=Staff,DC=east,DC=example,DC=com'] },
    { label: 'Intranet', name: 'bookmark', signOnMode: 'BOOKMARK', url: 'https://intranet.example.com' },
  ],
};

const files = {
  'corp.yaml': mappingFile(`  corp:
    app: corp.example.com
    namingContext: DC=corp,DC=example,DC=com
    importOUs: ["${EMP}", "${EMPTY}"]
    updateOUOnGroupChange: true
    assignments: { mode: authoritative, ignore: ["legacy-*"] }
    groups:
      - group: Engineering
        ou: OU=Engineering,${EMP}
      - group: Sales
        ou: OU=Sales,${EMP}
      - group: No Such Group
        ou: OU=Nowhere,${EMP}
      - group: Twin
        ou: OU=Twins,${EMP}
`),
  'west.yaml': mappingFile(`  west:
    app: west.example.com
    namingContext: DC=west,DC=example,DC=com
    importOUs: ["${WEST}"]
    updateOUOnGroupChange: false
    groups:
      - group: West Staff
        ou: OU=New,${WEST}
  mismatch:
    app: ${'${EAST_ID}'}
    namingContext: DC=elsewhere,DC=example,DC=com
    importOUs: ["OU=Staff,DC=elsewhere,DC=example,DC=com"]
`),
  'others.yaml': mappingFile(`  ghost:
    app: ghost.example.com
    importOUs: ["OU=Staff,DC=ghost,DC=example,DC=com"]
  intranet:
    app: Intranet
    importOUs: ["OU=Staff,DC=intranet,DC=example,DC=com"]
`),
};

describe('plan: findings that need live data', () => {
  let sb: Sandbox;
  let result: Awaited<ReturnType<typeof plan>>;
  let parsed: Plan;
  const find = (code: string, directory?: string): Finding[] =>
    parsed.findings.filter((f) => f.code === code && (directory === undefined || f.directory === directory));

  beforeAll(async () => {
    sb = await seeded(org);
    // The "mismatch" directory names its app by id (found with GET /api/v1/apps/{id}).
    const eastId = sb.org.findApp('east.example.com')!.id;
    const cwd = project({ ...files, 'west.yaml': files['west.yaml'].replace('${EAST_ID}', eastId) });
    // --check-placement: every managed group's members are read, so USER_SCOPE_ASSIGNMENT sees ada
    // (individually assigned, a member of an unchanged group).
    result = await plan(sb, cwd, ['--format', 'json', '--detailed-exitcode', '--check-placement']);
    parsed = parsePlanJson(result.stdout);
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  test('error findings make the plan exit 1, and planning wrote nothing', () => {
    expect(result.code).toBe(1);
    expect(parsed.summary.errors).toBeGreaterThan(0);
    expectReadOnly(sb);
  });

  test('APP_NOT_FOUND and APP_NOT_AD', () => {
    expect(find('APP_NOT_FOUND', 'ghost')).toEqual([expect.objectContaining({ severity: 'error' })]);
    const notAd = find('APP_NOT_AD', 'intranet');
    expect(notAd).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(notAd[0].object?.id).toBe(sb.org.findApp('Intranet')!.id);
  });

  test('NAMING_CONTEXT_MISMATCH', () => {
    expect(find('NAMING_CONTEXT_MISMATCH', 'mismatch')).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(find('NAMING_CONTEXT_MISMATCH', 'west')).toEqual([]);
    expect(find('NAMING_CONTEXT_MISMATCH', 'corp')).toEqual([]);
  });

  test('GROUP_NOT_FOUND and GROUP_AMBIGUOUS point at the file line', () => {
    const nf = find('GROUP_NOT_FOUND', 'corp');
    expect(nf).toEqual([expect.objectContaining({ severity: 'error', file: 'mappings/corp.yaml', line: 14 })]);
    const amb = find('GROUP_AMBIGUOUS', 'corp');
    expect(amb).toEqual([expect.objectContaining({ severity: 'error', file: 'mappings/corp.yaml', line: 16 })]);
    const twins = [...sb.org.groups.values()].filter((g) => g.profile.name === 'Twin').map((g) => g.id);
    for (const id of twins) expect(amb[0].message).toContain(id);
  });

  test('PRIORITY_DUPLICATE warning', () => {
    expect(find('PRIORITY_DUPLICATE', 'corp')).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });

  test('UNMANAGED_PROFILE_KEYS info names the group', () => {
    const f = find('UNMANAGED_PROFILE_KEYS', 'corp');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toContain('manager');
    expect(f[0].object?.id).toBe(sb.org.findGroup('Sales')!.id);
  });

  test('OU_NOT_IMPORT_OU warning for a live assignment the files do not manage', () => {
    const f = find('OU_NOT_IMPORT_OU', 'corp');
    expect(f).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(f[0].object?.id).toBe(sb.org.findGroup('legacy-vpn')!.id);
  });

  test('DN_MAPPED warning for the live dn mapping the plan removes', () => {
    expect(find('DN_MAPPED', 'corp')).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(parsed.changes.some((c) => c.kind === 'attributeMapping' && c.property === 'dn' && c.action === 'delete')).toBe(true);
  });

  test('OU_NOT_SEEN_LIVE for the import OU nobody lives under, not for the populated one', () => {
    const f = find('OU_NOT_SEEN_LIVE', 'corp');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('OU=Nobody');
  });

  test('USER_SCOPE_ASSIGNMENT names the individually assigned member', () => {
    const f = find('USER_SCOPE_ASSIGNMENT', 'corp');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    // named by its AD user name (Okta's template: login before @ + naming context)
    expect(f[0].message).toContain('ada@corp.example.com');
  });

  test('UPDATE_OU_DISABLED for an OU change while the setting is off', () => {
    expect(find('UPDATE_OU_DISABLED', 'west')).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(find('UPDATE_OU_DISABLED', 'corp')).toEqual([]);
  });
});
