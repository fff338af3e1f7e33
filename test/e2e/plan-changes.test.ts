/**
 * `okta-ou plan` end to end over real HTTP against the local Okta: every change kind, read-only.
 */
import type { AssignmentChange, AttributeMappingChange, Plan } from '../../src/model/types';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { expectReadOnly, mappingFile, plan, project, removeProjects, seeded, type Sandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const ou = (name: string): string => `ou=${name},ou=employees,dc=corp,dc=example,dc=com`;

const users = ['ada', 'bob', 'cyd', 'dee', 'eve', 'fay'].map((n) => ({ login: `${n}@example.com`, firstName: n, lastName: 'Test' }));

const org: OrgSeed = {
  users,
  groups: [
    { name: 'Engineering', members: ['ada@example.com'] },
    { name: 'Operations', members: ['bob@example.com'] },
    { name: 'Sales', members: ['cyd@example.com', 'dee@example.com'] },
    { name: 'Finance', members: ['eve@example.com'] },
    { name: 'Marketing', members: ['fay@example.com', 'ada@example.com', 'bob@example.com'] },
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      updateOUOnGroupChange: true,
      assignments: [
        { group: 'Engineering', priority: 0, profile: { organizationalUnit: ou('engineering') } },
        { group: 'Operations', priority: 1, profile: { organizationalUnit: ou('operations') } },
        { group: 'Sales', priority: 2, profile: { organizationalUnit: ou('sales') } },
        { group: 'Finance', priority: 3, profile: { organizationalUnit: ou('finance') } },
      ],
      mapping: {
        properties: {
          firstName: { expression: 'user.firstName', pushStatus: 'PUSH' },
          title: { expression: 'user.title', pushStatus: 'PUSH' },
          nickName: { expression: 'user.nickName', pushStatus: 'PUSH' },
          dn: { expression: '"CN=" + user.firstName + ",' + EMP + '"', pushStatus: 'PUSH' },
        },
      },
    },
  ],
};

const corpYaml = mappingFile(`  corp:
    app: corp.example.com
    namingContext: DC=corp,DC=example,DC=com
    importOUs: ["${EMP}"]
    updateOUOnGroupChange: true
    assignments: { mode: authoritative }
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
      prune: true
      properties:
        firstName: user.firstName
        title: { expression: user.title, push: createOnly }
        department: user.department
`);

describe('plan: every change kind', () => {
  let sb: Sandbox;
  let cwd: string;
  let result: Awaited<ReturnType<typeof plan>>;
  let parsed: Plan;
  let before: unknown;

  beforeAll(async () => {
    sb = await seeded(org);
    cwd = project({ 'corp.yaml': corpYaml });
    before = JSON.stringify({ a: sb.org.assignmentsOf('corp.example.com'), m: sb.org.mappingFor('corp.example.com') });
    result = await plan(sb, cwd, ['--format', 'json', '--detailed-exitcode']);
    parsed = parsePlanJson(result.stdout);
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  test('exits 2 (changes present) with --detailed-exitcode, JSON on stdout, nothing on stderr', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
  });

  test('assignment changes: create, update, delete and one reorder', () => {
    const a = parsed.changes.filter((c): c is AssignmentChange => c.kind === 'assignment');
    const byAction = (action: string): string[] => a.filter((c) => c.action === action).map((c) => c.group.name).sort();
    expect(byAction('create')).toEqual(['Marketing']);
    expect(byAction('update')).toEqual(['Engineering']);
    expect(byAction('delete')).toEqual(['Finance']);
    expect(a.filter((c) => c.action === 'reorder')).toHaveLength(1);

    const marketing = a.find((c) => c.action === 'create')!;
    expect(marketing.after?.profile).toEqual({ organizationalUnit: ou('marketing') });
    expect(marketing.members).toBe(3);
    const eng = a.find((c) => c.action === 'update')!;
    expect(eng.before?.profile.organizationalUnit).toBe(ou('engineering'));
    expect(eng.after?.profile.organizationalUnit).toBe(ou('platform'));
    expect(eng.members).toBe(1);
    const fin = a.find((c) => c.action === 'delete')!;
    expect(fin.group.id).toBe(sb.org.findGroup('Finance')!.id);
    expect(fin.after).toBeNull();
    expect(fin.members).toBe(1);
    // Sales moves above Engineering and Operations; there is no free slot above them, so the list is
    // re-spaced once, a free slot between neighbours (Finance's 3 is not used: it is deleted after).
    const reorder = a.find((c) => c.action === 'reorder')!;
    const g = (name: string) => ({ id: sb.org.findGroup(name)!.id, name });
    expect(reorder.moves).toEqual([
      { group: g('Sales'), from: 2, to: 1 },
      { group: g('Engineering'), from: 0, to: 4, respace: true },
      { group: g('Operations'), from: 1, to: 6, respace: true },
    ]);
    expect(marketing.after?.priority).toBe(8);
  });

  test('mapping changes: create, update, and delete of an unlisted property (prune) and of dn', () => {
    const m = parsed.changes.filter((c): c is AttributeMappingChange => c.kind === 'attributeMapping');
    const summary = m.map((c) => `${c.action} ${c.property}`).sort();
    expect(summary).toEqual(['create department', 'delete dn', 'delete nickName', 'update title']);
    const title = m.find((c) => c.property === 'title')!;
    expect(title.before).toEqual({ expression: 'user.title', pushStatus: 'PUSH' });
    expect(title.after).toEqual({ expression: 'user.title', pushStatus: 'DONT_PUSH' });
    const dn = m.find((c) => c.property === 'dn')!;
    expect(dn.after).toBeNull();
    expect(dn.mappingId).toBe(sb.org.mappingFor('corp.example.com')!.id);
    // The live dn mapping is reported, as a warning: the plan removes it.
    expect(parsed.findings.filter((f) => f.code === 'DN_MAPPED').map((f) => f.severity)).toEqual(['warning']);
  });

  test('summary, budget and fingerprint', () => {
    expect(parsed.summary).toMatchObject({ create: 2, update: 2, delete: 3, reorder: 1, errors: 0 });
    expect(parsed.directories).toEqual([{ name: 'corp', appId: sb.org.findApp('corp.example.com')!.id, appLabel: 'corp.example.com' }]);
    const reads = Object.values(parsed.budget.reads).reduce((n, v) => n + v, 0);
    expect(reads).toBe(sb.audit.length);
    expect(parsed.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('makes zero writes and leaves the org as it was', () => {
    expectReadOnly(sb);
    expect(JSON.stringify({ a: sb.org.assignmentsOf('corp.example.com'), m: sb.org.mappingFor('corp.example.com') })).toBe(before);
  });

  test('text output marks each change and names the groups', async () => {
    const text = await plan(sb, cwd);
    expect(text.code).toBe(0);
    for (const name of ['Marketing', 'Engineering', 'Finance', 'Sales', 'department', 'dn']) expect(text.stdout).toContain(name);
    expect(text.stdout).not.toContain('No changes');
    expectReadOnly(sb);
  });
});
