import { buildOrg, startSandbox, type OrgSeed, type Sandbox } from '../../src/sandbox';
import { call, links } from './http';

// A small org of its own so priority sequences start from a known state.
const seed: OrgSeed = {
  users: [{ login: 'a.b@example.com', firstName: 'A', lastName: 'B' }],
  groups: ['G1', 'G2', 'G3', 'G4', 'Alpha', 'Alps'].map((name) => ({ name, members: ['a.b@example.com'] })),
  apps: [{ label: 'corp.example.com', name: 'active_directory', namingContext: 'corp.example.com', importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'] }],
};

let sb: Sandbox;
let app: string;
const gid = (name: string) => sb.org.findGroup(name)!.id;
const put = (name: string, body?: unknown) => call(sb, 'PUT', `/api/v1/apps/${app}/groups/${gid(name)}`, { body });
const priorities = () => Object.fromEntries(sb.org.assignmentsOf(app).map((a) => [sb.org.groups.get(a.groupId)!.profile.name, a.priority]));

beforeEach(async () => {
  sb = await startSandbox({ org: seed });
  app = sb.org.findApp('corp.example.com')!.id;
});
afterEach(() => sb.close());

test('PUT {} creates with 200, priority 0 first, then the next after the maximum; gaps are kept', async () => {
  const first = await put('G1', {});
  expect(first.status).toBe(200);
  expect(first.body).toEqual({
    id: gid('G1'), lastUpdated: expect.stringMatching(/\.000Z$/), priority: 0, profile: {},
    _links: {
      app: { href: `${sb.url}/api/v1/apps/${app}` },
      self: { href: `${sb.url}/api/v1/apps/${app}/groups/${gid('G1')}` },
      group: { href: `${sb.url}/api/v1/groups/${gid('G1')}` },
    },
  });
  expect((await put('G2', { priority: 3 })).body.priority).toBe(3);
  expect((await put('G3')).body.priority).toBe(4);
  const list = await call(sb, 'GET', `/api/v1/apps/${app}/groups`);
  expect(list.body.map((a: { priority: number }) => a.priority)).toEqual([0, 3, 4]);
  expect(links(list)).toEqual({ self: `${sb.url}/api/v1/apps/${app}/groups?limit=20` });
});

test('the recorded 2023 sequence: A=1, B=2, C=3; delete C; PUT A→2 shifts B to 1 keeping its lastUpdated', async () => {
  // Fixed instants: the first writes at T0, the later ones at T1 (a later second, as in the recording).
  const T0 = '2026-02-03T10:00:00.000Z';
  const T1 = '2026-02-03T10:00:05.000Z';
  sb.org.now = () => Date.parse(T0);
  await put('G1', { priority: 1 });
  await put('G2', { priority: 2 });
  await put('G3', { priority: 3 });
  const del = await call(sb, 'DELETE', `/api/v1/apps/${app}/groups/${gid('G3')}`);
  expect(del.status).toBe(204);
  expect(del.text).toBe('');
  expect(del.headers['content-type']).toBeUndefined();
  const bBefore = sb.org.assignmentIndex(app).byGroup.get(gid('G2'))!.lastUpdated;
  expect(bBefore).toBe(T0);
  sb.org.now = () => Date.parse(T1);
  const a = await put('G1', { id: gid('G1'), priority: 2, profile: {} });
  expect(a.body.priority).toBe(2);
  expect(a.body.lastUpdated).toBe(T1);
  const b = await put('G2', { id: gid('G2'), priority: 1, profile: {} });
  expect(b.body).toMatchObject({ priority: 1, lastUpdated: bBefore });
  const list = await call(sb, 'GET', `/api/v1/apps/${app}/groups?limit=200`);
  expect(list.body.map((x: { id: string; priority: number }) => [x.id, x.priority])).toEqual([[gid('G2'), 1], [gid('G1'), 2]]);
});

test('moving up shifts the ones in between down; creating at a taken priority inserts', async () => {
  for (const [i, g] of ['G1', 'G2', 'G3'].entries()) await put(g, { priority: i });
  await put('G3', { priority: 0 });
  expect(priorities()).toEqual({ G3: 0, G1: 1, G2: 2 });
  await put('G4', { priority: 1 });
  expect(priorities()).toEqual({ G3: 0, G4: 1, G1: 2, G2: 3 });
});

test('PATCH supports replace and remove only', async () => {
  await put('G1', { priority: 0, profile: { organizationalUnit: 'ou=a,ou=employees,dc=corp,dc=example,dc=com', extra: 'x' } });
  const url = `/api/v1/apps/${app}/groups/${gid('G1')}`;
  const ok = await call(sb, 'PATCH', url, { body: [
    { op: 'replace', path: '/profile/organizationalUnit', value: 'ou=b,ou=employees,dc=corp,dc=example,dc=com' },
    { op: 'remove', path: '/profile/extra' },
  ] });
  expect(ok.status).toBe(200);
  expect(ok.body.profile).toEqual({ organizationalUnit: 'ou=b,ou=employees,dc=corp,dc=example,dc=com' });
  const bad = await call(sb, 'PATCH', url, { body: [{ op: 'add', path: '/profile/x', value: 1 }] });
  expect(bad.status).toBe(400);
  expect(bad.body.errorCode).toBe('E0000001');
});

test('bad values are 400 E0000001 and change nothing: a priority out of range, a non-string OU, replace without a value', async () => {
  await put('G1', { priority: 0, profile: { organizationalUnit: 'ou=a,ou=employees,dc=corp,dc=example,dc=com' } });
  const url = `/api/v1/apps/${app}/groups/${gid('G1')}`;
  const answers = [
    await put('G1', { priority: 1e12 }),
    await put('G1', { priority: 0, profile: { organizationalUnit: 5 } }),
    await call(sb, 'PATCH', url, { body: [{ op: 'replace', path: '/profile/organizationalUnit' }] }),
    await call(sb, 'PATCH', url, { body: [{ op: 'replace', path: '/profile/organizationalUnit', value: ['x'] }] }),
  ];
  expect(answers.map((r) => [r.status, r.body.errorCode])).toEqual(Array(4).fill([400, 'E0000001']));
  expect(sb.org.assignmentsOf(app).map((a) => [a.priority, a.profile])).toEqual([[0, { organizationalUnit: 'ou=a,ou=employees,dc=corp,dc=example,dc=com' }]]);
});

test('unknown group → 404 E0000007 (UserGroup); list limit below 20 → 400; q is startsWith on name', async () => {
  const missing = await call(sb, 'PUT', `/api/v1/apps/${app}/groups/00gnope`, { body: {} });
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00gnope (UserGroup)', errorCauses: [] });
  expect((await call(sb, 'GET', `/api/v1/apps/${app}/groups?limit=5`)).status).toBe(400);
  await put('Alpha');
  await put('Alps');
  await put('G1');
  const q = await call(sb, 'GET', `/api/v1/apps/${app}/groups?q=alp&expand=group`);
  expect(q.body.map((a: { _embedded: { group: { profile: { name: string } } } }) => a._embedded.group.profile.name)).toEqual(['Alpha', 'Alps']);
});

test('pages of an assignment list follow rel="next" to the end', async () => {
  const big: OrgSeed = {
    groups: Array.from({ length: 45 }, (_, i) => ({ name: `grp-${i}` })),
    apps: [{ label: 'x.example.com', namingContext: 'x.example.com', assignments: Array.from({ length: 45 }, (_, i) => ({ group: `grp-${i}`, priority: 44 - i })) }],
  };
  expect(buildOrg(big).assignmentsOf('x.example.com')).toHaveLength(45);
  const sb2 = await startSandbox({ org: big });
  try {
    const appId = sb2.org.findApp('x.example.com')!.id;
    let url: string | undefined = `/api/v1/apps/${appId}/groups?limit=20`;
    const seen: number[] = [];
    let pages = 0;
    while (url) {
      const res = await call(sb2, 'GET', url);
      seen.push(...res.body.map((a: { priority: number }) => a.priority));
      const next = links(res).next;
      url = next ? next.slice(sb2.url.length) : undefined;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => i));
  } finally {
    await sb2.close();
  }
});

test('expand=metadata embeds per-attribute metadata; limit above 200 is clamped to 200', async () => {
  await put('G1', { profile: { organizationalUnit: 'ou=a,ou=employees,dc=corp,dc=example,dc=com' } });
  const res = await call(sb, 'GET', `/api/v1/apps/${app}/groups/${gid('G1')}?expand=metadata`);
  expect(res.body._embedded.metadata.profile.organizationalUnit.source.type).toBe('USER');
  const big = await call(sb, 'GET', `/api/v1/apps/${app}/groups?limit=500`);
  expect(links(big).self).toBe(`${sb.url}/api/v1/apps/${app}/groups?limit=200`);
  expect((await call(sb, 'GET', `/api/v1/apps/${app}/groups?expand=users`)).status).toBe(400);
});

test('groups q is capped at 300 results and never paged', async () => {
  const many = await startSandbox({ org: { groups: Array.from({ length: 310 }, (_, i) => ({ name: `team-${i}` })) } });
  try {
    const res = await call(many, 'GET', '/api/v1/groups?q=team');
    expect(res.body).toHaveLength(300);
    expect(res.headers.link).toBeUndefined();
    const exact = await call(many, 'GET', '/api/v1/groups?q=team-30');
    expect(exact.body[0].profile.name).toBe('team-30');
  } finally {
    await many.close();
  }
});
