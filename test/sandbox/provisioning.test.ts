import { startSandbox, type OrgSeed, type Sandbox } from '../../src/sandbox';
import { call } from './http';

const DC = 'dc=corp,dc=example,dc=com';
const user = (first: string) => ({ login: `${first}@example.com`, firstName: first, lastName: 'Test' });
const seed = (updateOU: boolean): OrgSeed => ({
  users: ['u1', 'u2', 'u3', 'u4'].map(user),
  groups: [
    { name: 'A', members: ['u1@example.com', 'u3@example.com'] },
    { name: 'B', members: ['u1@example.com', 'u2@example.com'] },
    { name: 'C', members: ['u4@example.com'] },
  ],
  apps: [{
    label: 'corp.example.com', namingContext: 'corp.example.com', importOUs: [`OU=Employees,${DC}`], updateOUOnGroupChange: updateOU,
    assignments: [
      { group: 'A', priority: 0, profile: { organizationalUnit: `ou=a,ou=employees,${DC}` } },
      { group: 'B', priority: 1, profile: { organizationalUnit: `ou=b,ou=employees,${DC}` } },
    ],
    users: [{ user: 'u3@example.com', scope: 'USER', profile: { dn: `CN=u3 Test,OU=Own,OU=Employees,${DC}` } }],
  }],
});

let sb: Sandbox;
let app: string;
const uid = (u: string) => sb.org.findUser(`${u}@example.com`)!.id;
const gid = (g: string) => sb.org.findGroup(g)!.id;
const appUser = (u: string) => sb.org.appUserMap(app).get(uid(u));
const dn = (u: string) => appUser(u)?.profile.dn;
async function open(updateOU: boolean) {
  sb = await startSandbox({ org: seed(updateOU) });
  app = sb.org.findApp('corp.example.com')!.id;
}
afterEach(() => sb.close());

test('members land in the OU of their highest-priority group; USER scope keeps its own DN', async () => {
  await open(true);
  expect(dn('u1')).toBe(`CN=u1 Test,ou=a,ou=employees,${DC}`);
  expect(dn('u2')).toBe(`CN=u2 Test,ou=b,ou=employees,${DC}`);
  expect(appUser('u1')).toMatchObject({ scope: 'GROUP', status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });
  expect(appUser('u3')).toMatchObject({ scope: 'USER', profile: { dn: `CN=u3 Test,OU=Own,OU=Employees,${DC}` } });
  expect(appUser('u4')).toBeUndefined();
  const res = await call(sb, 'GET', `/api/v1/apps/${app}/users/${uid('u1')}`);
  expect(res.body).toMatchObject({ id: uid('u1'), scope: 'GROUP', syncState: 'SYNCHRONIZED', profile: { dn: `CN=u1 Test,ou=a,ou=employees,${DC}`, samAccountName: 'u1', userName: 'u1@corp.example.com' } });
});

test('reordering moves existing users only when updateOUOnGroupChange is on', async () => {
  for (const updateOU of [true, false]) {
    await open(updateOU);
    await call(sb, 'PUT', `/api/v1/apps/${app}/groups/${gid('B')}`, { body: { priority: 0, profile: { organizationalUnit: `ou=b,ou=employees,${DC}` } } });
    expect(dn('u1')).toBe(updateOU ? `CN=u1 Test,ou=b,ou=employees,${DC}` : `CN=u1 Test,ou=a,ou=employees,${DC}`);
    expect(dn('u3')).toBe(`CN=u3 Test,OU=Own,OU=Employees,${DC}`);
    await sb.close();
  }
  await open(true);
});

test('removing a group: members fall to their next group, or are unassigned when none is left', async () => {
  await open(true);
  expect((await call(sb, 'DELETE', `/api/v1/apps/${app}/groups/${gid('A')}`)).status).toBe(204);
  expect(dn('u1')).toBe(`CN=u1 Test,ou=b,ou=employees,${DC}`);
  expect(appUser('u3')?.scope).toBe('USER');
  await call(sb, 'DELETE', `/api/v1/apps/${app}/groups/${gid('B')}`);
  expect(appUser('u1')).toBeUndefined();
  expect(appUser('u2')).toBeUndefined();
  expect(appUser('u3')).toMatchObject({ scope: 'USER', userId: uid('u3'), status: 'PROVISIONED', profile: { dn: `CN=u3 Test,OU=Own,OU=Employees,${DC}` } });
});

test('a target OU outside the import OUs fails the push: syncState ERROR and a System Log FAILURE', async () => {
  await open(true);
  const res = await call(sb, 'PUT', `/api/v1/apps/${app}/groups/${gid('C')}`, { body: { profile: { organizationalUnit: `ou=vpn,ou=legacy,${DC}` } } });
  expect(res.status).toBe(200);
  expect(appUser('u4')).toMatchObject({ scope: 'GROUP', syncState: 'ERROR', status: 'STAGED' });
  const logs = await call(sb, 'GET', '/api/v1/logs?filter=' + encodeURIComponent(`target.id eq "${uid('u4')}"`));
  expect(logs.body.map((e: { eventType: string; outcome: unknown }) => [e.eventType, e.outcome])).toEqual([
    ['application.provision.user.push', { result: 'FAILURE', reason: 'Error provisioning AD user: Target OU is not an import OU' }],
  ]);
  // Fixing the OU retries the push of the never-created user.
  await call(sb, 'PATCH', `/api/v1/apps/${app}/groups/${gid('C')}`, { body: [{ op: 'replace', path: '/profile/organizationalUnit', value: `ou=c,ou=employees,${DC}` }] });
  expect(appUser('u4')).toMatchObject({ syncState: 'SYNCHRONIZED', status: 'PROVISIONED', profile: { dn: `CN=u4 Test,ou=c,ou=employees,${DC}` } });
});

test('a dn mapping Okta→AD fails later pushes with the same error', async () => {
  await open(true);
  const mapping = sb.org.mappingFor(app)!;
  const up = await call(sb, 'POST', `/api/v1/mappings/${mapping.id}`, { body: { properties: { dn: { expression: '"CN=" + user.firstName', pushStatus: 'PUSH' } } } });
  expect(up.status).toBe(200);
  await call(sb, 'PUT', `/api/v1/apps/${app}/groups/${gid('C')}`, { body: { profile: { organizationalUnit: `ou=c,ou=employees,${DC}` } } });
  expect(appUser('u4')?.syncState).toBe('ERROR');
  expect(sb.org.logs.at(-1)?.outcome.reason).toBe('Error provisioning AD user: Target OU is not an import OU');
});

test('scope conversion: GROUP only for members of an assigned group; USER creates an individual assignment', async () => {
  await open(true);
  const conv = await call(sb, 'POST', `/api/v1/apps/${app}/users/${uid('u3')}`, { body: { scope: 'GROUP' } });
  expect(conv.status).toBe(200);
  expect(conv.body.scope).toBe('GROUP');
  expect(dn('u3')).toBe(`CN=u3 Test,ou=a,ou=employees,${DC}`);
  const toUser = await call(sb, 'POST', `/api/v1/apps/${app}/users/${uid('u1')}`, { body: { scope: 'USER' } });
  expect(toUser.body.scope).toBe('USER');
  const bad = await call(sb, 'POST', `/api/v1/apps/${app}/users/${uid('u4')}`, { body: { scope: 'GROUP' } });
  expect([bad.status, bad.body.errorCode]).toEqual([400, 'E0000001']);
  const missing = await call(sb, 'POST', `/api/v1/apps/${app}/users/${uid('u4')}`, { body: { profile: {} } });
  expect([missing.status, missing.body.errorCode]).toEqual([404, 'E0000007']);
  await call(sb, 'POST', `/api/v1/apps/${app}/users/${uid('u4')}`, { body: { scope: 'USER' } });
  const bad2 = await call(sb, 'POST', `/api/v1/apps/${app}/users/${uid('u4')}`, { body: { scope: 'GROUP' } });
  expect([bad2.status, bad2.body.errorCode]).toEqual([400, 'E0000001']);
});

test('a move into a non-import OU fails: DN unchanged, ERROR, FAILURE event of type application.provision.user.push', async () => {
  await open(true);
  await call(sb, 'PATCH', `/api/v1/apps/${app}/groups/${gid('A')}`, { body: [{ op: 'replace', path: '/profile/organizationalUnit', value: `ou=elsewhere,${DC}` }] });
  expect(appUser('u1')).toMatchObject({ syncState: 'ERROR', profile: { dn: `CN=u1 Test,ou=a,ou=employees,${DC}` } });
  const last = sb.org.logs.at(-1)!;
  expect([last.eventType, last.outcome.result, last.target[0].id]).toEqual(['application.provision.user.push', 'FAILURE', uid('u1')]);
});

test('group membership changes provision, move and unassign app users; APP_GROUP memberships are refused', async () => {
  await open(true);
  const path = (g: string, u: string) => `/api/v1/groups/${gid(g)}/users/${uid(u)}`;
  expect((await call(sb, 'PUT', path('B', 'u4'), { headers: { 'content-length': '0' } })).status).toBe(204);
  expect(dn('u4')).toBe(`CN=u4 Test,ou=b,ou=employees,${DC}`);
  await call(sb, 'PUT', path('A', 'u4'), { headers: { 'content-length': '0' } });
  expect(dn('u4')).toBe(`CN=u4 Test,ou=a,ou=employees,${DC}`);
  await call(sb, 'DELETE', path('A', 'u4'));
  await call(sb, 'DELETE', path('B', 'u4'));
  expect(appUser('u4')).toBeUndefined();
  const everyone = await call(sb, 'PUT', `/api/v1/groups/${gid('Everyone')}/users/${uid('u4')}`, { headers: { 'content-length': '0' } });
  expect([everyone.status, everyone.body.errorCode]).toEqual([400, 'E0000001']);
});
