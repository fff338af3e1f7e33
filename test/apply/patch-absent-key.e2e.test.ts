/**
 * A profile key the live assignment does not have yet cannot be set with a JSON Patch `replace`: RFC 6902
 * §4.3 requires the target to exist, and the local Okta (like the fake in schedule.test.ts) refuses it.
 * apply must PUT such an assignment, and PATCH only keys that exist.
 */
import { assignments, cli, project, removeProjects, sandbox, writes, type Sandbox } from './support/harness';
import { APP, EMP, ou } from './support/orgs';
import { oktaRequest } from '../support/sandbox';

const org = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Test' }],
  groups: [
    { name: 'Engineering', members: ['ada@example.com'] },
    { name: 'Sales', members: ['ada@example.com'] },
  ],
  apps: [{
    label: APP, name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP],
    assignments: [
      { group: 'Engineering', priority: 0, profile: { organizationalUnit: ou('engineering') } },
      { group: 'Sales', priority: 1, profile: { organizationalUnit: ou('sales'), description: 'old' } },
    ],
  }],
};

const yaml = `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    groups:
      - group: Engineering
        ou: OU=Engineering,${EMP}
        profile: { description: new key }
      - group: Sales
        ou: OU=Sales,${EMP}
        profile: { description: changed }
`;

let sb: Sandbox;
beforeAll(async () => {
  sb = await sandbox({ org });
});
afterAll(async () => {
  await sb.close();
  removeProjects();
});

test('the local Okta refuses a JSON Patch replace of an absent profile key (400 E0000001) and changes nothing', async () => {
  const app = sb.org.findApp(APP)!.id;
  const eng = sb.org.findGroup('Engineering')!.id;
  const before = assignments(sb, APP).Engineering;
  const res = await oktaRequest(sb, 'PATCH', `/api/v1/apps/${app}/groups/${eng}`, [{ op: 'replace', path: '/profile/nickname', value: 'x' }]);
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ errorCode: 'E0000001' });
  expect(assignments(sb, APP).Engineering).toEqual(before);
});

test('apply sets a new profile key with a PUT and an existing one with a PATCH, and converges', async () => {
  const cwd = project({ 'corp.yaml': yaml });
  const start = sb.audit.length;
  const r = await cli(sb, cwd, ['apply', '--auto-approve']);
  // stderr holds only the per-write progress lines, which name the method.
  expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual(['apply: [1/2] PUT corp "Engineering" priority 0', 'apply: [2/2] PATCH corp "Sales" description']);
  expect(r.code).toBe(0);
  const w = writes(sb).filter((e) => sb.audit.indexOf(e) >= start).map((e) => [e.method, sb.org.findGroup(e.path.split('/').pop()!)?.profile.name]);
  expect(w).toEqual(expect.arrayContaining([['PUT', 'Engineering'], ['PATCH', 'Sales']]));
  expect(w).toHaveLength(2);
  const after = assignments(sb, APP);
  expect([after.Engineering.profile, after.Sales.profile]).toEqual([
    { organizationalUnit: ou('engineering'), description: 'new key' },
    { organizationalUnit: ou('sales'), description: 'changed' },
  ]);
  expect((await cli(sb, cwd, ['plan', '--detailed-exitcode'])).code).toBe(0);
});
