/**
 * Apply writes what the plan shows and nothing else: a change to one managed profile key is a JSON Patch
 * of that key only, even when the live OU differs from the file's only in case and spacing (the planner
 * compares DNs case-insensitively, and so does the write schedule).
 */
import { assignments, cli, project, removeProjects, sandbox, writes, type Sandbox } from './support/harness';
import { APP, EMP } from './support/orgs';
import type { OrgSeed } from '../../src/sandbox/types';

afterAll(() => removeProjects());

const SALES_OU = 'OU=Sales,OU=Employees,DC=corp,DC=example,DC=com';

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
  groups: [
    { name: 'Sales', members: ['ada@example.com'] },
    { name: 'Other', members: ['ada@example.com'] },
  ],
  apps: [
    {
      label: APP,
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: [
        { group: 'Sales', priority: 0, profile: { organizationalUnit: SALES_OU, division: 'east' } },
        { group: 'Other', priority: 1, profile: { organizationalUnit: 'ou=other,ou=employees,dc=corp,dc=example,dc=com' } },
      ],
    },
  ],
};

describe('a division-only change', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sandbox({ org });
  });
  afterAll(async () => sb.close());

  test('writes only division: one PATCH of /profile/division; the OU keeps its spelling, nothing moves', async () => {
    const cwd = project({
      'corp.yaml': `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    groups:
      - group: Sales
        ou: "ou=sales, ou=employees, dc=corp, dc=example, dc=com"
        profile: { division: west }
`,
    });
    const plan = await cli(sb, cwd, ['plan']);
    expect(plan.stdout).toContain('profile.division changes from east to west');
    expect(plan.stdout).not.toContain('OU changes from');
    sb.audit.length = 0;
    const r = await cli(sb, cwd, ['apply', '--auto-approve']);
    expect(r.code).toBe(0);
    expect(writes(sb).map((e) => [e.method, e.body])).toEqual([['PATCH', [{ op: 'replace', path: '/profile/division', value: 'west' }]]]);
    expect(assignments(sb, APP).Sales).toEqual({ priority: 0, ou: SALES_OU, profile: { organizationalUnit: SALES_OU, division: 'west' } });
    expect(assignments(sb, APP).Other.priority).toBe(1);
  });
});
