import { startSandbox, type Sandbox } from '../../src/sandbox';
import { call, links } from './http';

let sb: Sandbox;
let corp: string;
beforeAll(async () => {
  sb = await startSandbox({ org: 'demo' });
  corp = sb.org.findApp('corp.example.com')!.id;
});
afterAll(() => sb.close());

test('AD app object has the recorded shape: signOnMode null, import features, namingContext, no OU list, no self link', async () => {
  const list = await call(sb, 'GET', '/api/v1/apps?filter=' + encodeURIComponent('name eq "active_directory"'));
  expect(list.body.map((a: { label: string }) => a.label)).toEqual(['corp.example.com', 'emea.example.com']);
  const app = (await call(sb, 'GET', `/api/v1/apps/${corp}`)).body;
  expect(app.id).toMatch(/^0oa[A-Za-z0-9]{17}$/);
  expect(app).toMatchObject({
    name: 'active_directory', label: 'corp.example.com', status: 'ACTIVE', signOnMode: null,
    features: ['IMPORT_PROFILE_UPDATES', 'PROFILE_MASTERING', 'OUTBOUND_DEL_AUTH', 'IMPORT_USER_SCHEMA', 'IMPORT_NEW_USERS'],
    credentials: { userNameTemplate: { template: 'substringBefore(user.login, "@") + "@" + target_app.namingContext', type: 'CUSTOM', pushStatus: 'NOT_CONFIGURED' }, signing: {} },
    universalLogout: { status: 'UNSUPPORTED' },
  });
  expect(app.settings.app).toEqual({ jitGroupsAcrossDomains: false, password: null, scanRate: null, searchOrgUnit: null, filterGroupsByOU: false, namingContext: 'corp.example.com', login: null, activationEmail: null });
  expect(app.settings.notes).toBeUndefined();
  expect(app.visibility.autoLaunch).toBeUndefined();
  expect(Object.keys(app._links)).toEqual(['uploadLogo', 'appLinks', 'profileEnrollment', 'policies', 'groups', 'logo', 'accessPolicy', 'users', 'deactivate']);
  expect(JSON.stringify(app)).not.toMatch(/OU=|importOU/i);
  const q = await call(sb, 'GET', '/api/v1/apps?q=Intra');
  expect(q.body.map((a: { signOnMode: string }) => a.signOnMode)).toEqual(['BOOKMARK']);
});

test('groups: search by name and type, q startsWith with no Link header, filter type, expand=stats', async () => {
  const s = await call(sb, 'GET', '/api/v1/groups?search=' + encodeURIComponent('profile.name eq "Engineering" and type eq "OKTA_GROUP"'));
  expect(s.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Engineering']);
  expect(s.body[0]).toMatchObject({ objectClass: ['okta:user_group'], type: 'OKTA_GROUP', profile: { name: 'Engineering' } });
  expect(links(s).self).toContain('/api/v1/groups?limit=10000&search=');
  const src = await call(sb, 'GET', '/api/v1/groups?search=' + encodeURIComponent(`source.id eq "${corp}"`));
  expect(src.body.map((g: { type: string; profile: { dn: string } }) => [g.type, g.profile.dn])).toContainEqual(['APP_GROUP', 'CN=Domain Users,CN=Users,DC=corp,DC=example,DC=com']);
  const q = await call(sb, 'GET', '/api/v1/groups?q=EMEA&limit=2');
  expect(q.headers.link).toBeUndefined();
  expect(q.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['EMEA Staff', 'EMEA Partners']);
  const builtIn = await call(sb, 'GET', '/api/v1/groups?filter=' + encodeURIComponent('type eq "BUILT_IN"') + '&limit=200');
  expect(builtIn.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Everyone', 'Okta Administrators']);
  expect(links(builtIn).self).toBe(`${sb.url}/api/v1/groups?limit=200&filter=type+eq+%22BUILT_IN%22`);
  const eng = sb.org.findGroup('Engineering')!;
  const stats = await call(sb, 'GET', `/api/v1/groups/${eng.id}?expand=stats`);
  expect(stats.body._embedded.stats.usersCount).toBe(eng.members.size);
});

test('group members page with Link headers', async () => {
  const eng = sb.org.findGroup('Engineering')!;
  const p1 = await call(sb, 'GET', `/api/v1/groups/${eng.id}/users?limit=5`);
  expect(p1.body).toHaveLength(5);
  const p2 = await call(sb, 'GET', links(p1).next.slice(sb.url.length));
  expect(p2.body).toHaveLength(eng.members.size - 5);
  expect(links(p2).next).toBeUndefined();
  expect(new Set([...p1.body, ...p2.body].map((u: { id: string }) => u.id))).toEqual(eng.members);
});

test('mappings: list items have no properties; self keeps only limit; GET one has them', async () => {
  const list = await call(sb, 'GET', `/api/v1/mappings?sourceId=${sb.org.defaultUserType()!.id}&targetId=${corp}`);
  expect(list.body).toHaveLength(1);
  expect(list.body[0].properties).toBeUndefined();
  expect(list.body[0].target).toMatchObject({ id: corp, name: 'active_directory', type: 'appuser' });
  expect(list.body[0].source).toMatchObject({ name: 'user', type: 'user' });
  expect(links(list)).toEqual({ self: `${sb.url}/api/v1/mappings?limit=20` });
  const one = await call(sb, 'GET', `/api/v1/mappings/${list.body[0].id}`);
  expect(Object.keys(one.body.properties)).toEqual(['firstName', 'lastName', 'email', 'department', 'title', 'dn']);
  expect(one.body.properties.title).toEqual({ expression: 'user.title', pushStatus: 'DONT_PUSH' });
  const page = await call(sb, 'GET', '/api/v1/mappings?limit=2');
  expect(links(page).next).toBe(`${sb.url}/api/v1/mappings?after=${page.body[1].id}&limit=2`);
});

test('mapping update: partial, null and {expression:null,pushStatus:null} remove, unknown target → 400', async () => {
  // Its own org: the other tests read the demo mapping this one rewrites, in whatever order they run.
  const sb = await startSandbox({ org: 'demo' });
  try {
  const id = sb.org.mappingFor(corp)!.id;
  const url = `/api/v1/mappings/${id}`;
  const up = await call(sb, 'POST', url, { body: { properties: { employeeID: { expression: 'user.employeeNumber', pushStatus: 'PUSH' }, dn: null, title: { expression: null, pushStatus: null } } } });
  expect(up.status).toBe(200);
  expect(Object.keys(up.body.properties).sort()).toEqual(['department', 'email', 'employeeID', 'firstName', 'lastName']);
  const bad = await call(sb, 'POST', url, { body: { properties: { tempProperty: { expression: 'user.login', pushStatus: 'PUSH' }, department: null } } });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: updateMapping', errorCauses: [{ errorSummary: 'Invalid target field tempProperty' }] });
  expect(sb.org.mappingFor(corp)!.properties.department).toBeDefined();
  const whole = (await call(sb, 'GET', url)).body;
  expect((await call(sb, 'POST', url, { body: whole })).body).toEqual(whole);
  } finally {
    await sb.close();
  }
});

test('meta: default user type and the AD app user schema', async () => {
  const types = await call(sb, 'GET', '/api/v1/meta/types/user');
  expect(types.headers.link).toBeUndefined();
  const def = types.body.find((t: { default: boolean }) => t.default);
  expect(def).toMatchObject({ name: 'user', displayName: 'User', _links: { self: { rel: 'self', method: 'GET' } } });
  const schema = await call(sb, 'GET', `/api/v1/meta/schemas/apps/${corp}/default`);
  expect(schema.body).toMatchObject({ id: `${sb.url}/meta/schemas/apps/${corp}/default`, $schema: 'http://json-schema.org/draft-04/schema#', name: 'active_directory', title: 'corp.example.com User' });
  expect(Object.keys(schema.body.definitions.base.properties)).toEqual(expect.arrayContaining(['dn', 'email', 'externalId', 'firstName', 'lastName', 'managerUpn', 'objectSid', 'primaryGroupID', 'samAccountName', 'userName', 'department', 'title', 'employeeID']));
  expect((await call(sb, 'GET', '/api/v1/meta/schemas/apps/0oanope/default')).body.errorSummary).toBe('Not found: Resource not found: 0oanope (AppInstance)');
});

test('app users, agent pools, group push mappings, System Log', async () => {
  const users = await call(sb, 'GET', `/api/v1/apps/${corp}/users?limit=2&expand=user`);
  expect(users.body).toHaveLength(2);
  expect(users.body[0]).toMatchObject({ scope: 'USER', syncState: 'SYNCHRONIZED', _embedded: { user: { profile: { login: 'linus.torvalds@example.com' } } } });
  expect(links(users).next).toBeDefined();
  const pools = await call(sb, 'GET', '/api/v1/agentPools?poolType=AD');
  expect(pools.body.map((p: { id: string; type: string; operationalStatus: string }) => [p.id, p.type, p.operationalStatus])[0]).toEqual([corp, 'AD', 'OPERATIONAL']);
  expect(typeof pools.body[0].agents[0].lastConnection).toBe('number');
  expect((await call(sb, 'GET', '/api/v1/agentPools?poolType=LDAP')).body).toEqual([]);
  const push = await call(sb, 'GET', `/api/v1/apps/${corp}/group-push/mappings?after=`);
  expect([push.status, links(push).self]).toEqual([200, `${sb.url}/api/v1/apps/${corp}/group-push/mappings?limit=100`]);
  const logs = await call(sb, 'GET', '/api/v1/logs?filter=' + encodeURIComponent('eventType eq "application.provision.user.push" and outcome.result eq "FAILURE"'));
  expect(logs.body.length).toBe(3);
  expect(logs.body[0]).toMatchObject({ eventType: 'application.provision.user.push', outcome: { result: 'FAILURE', reason: 'Error provisioning AD user: Target OU is not an import OU' } });
  expect(logs.body[0].target.map((t: { type: string }) => t.type)).toEqual(['User', 'AppInstance']);
});

test('System Log polling always offers a next link; an empty page keeps the cursor', async () => {
  const first = await call(sb, 'GET', '/api/v1/logs?limit=1000');
  expect(first.body.length).toBe(sb.org.logs.length);
  const next = links(first).next;
  expect(next).toBe(`${sb.url}/api/v1/logs?after=${first.body.at(-1).uuid}&limit=1000`);
  const empty = await call(sb, 'GET', next.slice(sb.url.length));
  expect(empty.body).toEqual([]);
  expect(links(empty).next).toBe(next);
  const bounded = await call(sb, 'GET', `/api/v1/logs?limit=1000&until=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
  expect(links(bounded).next).toBeUndefined();
});

test('GET /api/v1/groups/{id}/apps lists the apps a group is assigned to', async () => {
  const res = await call(sb, 'GET', `/api/v1/groups/${sb.org.findGroup('Finance')!.id}/apps`);
  expect(res.body.map((a: { label: string }) => a.label).sort()).toEqual(['Expenses', 'corp.example.com']);
});

test('apps filter group.id selects the apps a group is assigned to; groups expand=app embeds the source app', async () => {
  const fin = sb.org.findGroup('Finance')!.id;
  const res = await call(sb, 'GET', '/api/v1/apps?filter=' + encodeURIComponent(`group.id eq "${fin}"`));
  expect(res.body.map((a: { label: string }) => a.label).sort()).toEqual(['Expenses', 'corp.example.com']);
  const du = sb.org.findGroup('Domain Users')!.id;
  const g = await call(sb, 'GET', `/api/v1/groups/${du}?expand=app`);
  expect(g.body._embedded.app).toMatchObject({ id: corp, name: 'active_directory', label: 'corp.example.com' });
  expect(g.body._links.source).toEqual({ href: `${sb.url}/api/v1/apps/${corp}` });
});

test('groups search accepts parentheses, or, sw, lastUpdated gt; a malformed expression is 400 E0000001', async () => {
  const q = (s: string) => call(sb, 'GET', '/api/v1/groups?search=' + encodeURIComponent(s));
  const names = (r: { body: Array<{ profile: { name: string } }> }) => r.body.map((g) => g.profile.name);
  expect(names(await q('type eq "OKTA_GROUP" and (profile.name eq "Finance" or profile.name eq "Sales")'))).toEqual(['Sales', 'Finance']);
  expect(names(await q('profile.name sw "legacy-" and lastUpdated gt "2020-01-01T00:00:00.000Z"'))).toEqual(['legacy-vpn', 'legacy-kiosk']);
  expect(names(await q('profile.name eq "R&D, Berlin"'))).toEqual(['R&D, Berlin']);
  const bad = await q('profile.name eq "Sales" and (type eq "OKTA_GROUP"');
  expect([bad.status, bad.body.errorCode]).toEqual([400, 'E0000001']);
});

test('apps expand other than user/{id} is refused as recorded (400 E0000001 "Expand query is malformed.")', async () => {
  const bad = await call(sb, 'GET', '/api/v1/apps?q=x&limit=10&expand=' + encodeURIComponent('user/id,group/id'));
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: RequestParams', errorCauses: [{ errorSummary: 'Expand query is malformed.' }] });
});
