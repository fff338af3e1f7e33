/**
 * GET /api/v1/users/{id}/groups pages like Okta's listUserGroups (docs/okta-api.md §7: `after`, `limit`
 * default and max 200) and counts against the general /api/v1 bucket, not /api/v1/groups.
 */
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { call, links } from './http';

const GROUPS = 205;
/** Every user is in Everyone too, the org's first group. */
const NAMES = ['Everyone', ...Array.from({ length: GROUPS }, (_, i) => `G${i}`)];
let sb: Sandbox;
let userId: string;
beforeAll(async () => {
  sb = await startSandbox({
    org: {
      users: [{ login: 'many@example.com', firstName: 'Many', lastName: 'Groups' }, { login: 'none@example.com', firstName: 'No', lastName: 'Groups' }],
      groups: Array.from({ length: GROUPS }, (_, i) => ({ name: `G${i}`, members: ['many@example.com'] })),
    },
  });
  userId = sb.org.findUser('many@example.com')!.id;
});
afterAll(() => sb.close());

test('200 per page by default, then rel="next" to the rest; every group once, in creation order', async () => {
  const first = await call(sb, 'GET', `/api/v1/users/${userId}/groups`);
  expect(first.status).toBe(200);
  expect(first.body).toHaveLength(200);
  const next = links(first).next;
  expect(next).toBe(`${sb.url}/api/v1/users/${userId}/groups?after=${first.body[199].id}&limit=200`);
  const second = await call(sb, 'GET', next.slice(sb.url.length));
  expect(second.body).toHaveLength(NAMES.length - 200);
  expect(links(second).next).toBeUndefined();
  expect([...first.body, ...second.body].map((g: { profile: { name: string } }) => g.profile.name)).toEqual(NAMES);
});

test('a larger limit is held to 200; a smaller one pages by it', async () => {
  expect((await call(sb, 'GET', `/api/v1/users/${userId}/groups?limit=1000`)).body).toHaveLength(200);
  const small = await call(sb, 'GET', `/api/v1/users/${userId}/groups?limit=2`);
  expect(small.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(NAMES.slice(0, 2));
  expect(links(small).next).toBe(`${sb.url}/api/v1/users/${userId}/groups?after=${small.body[1].id}&limit=2`);
});

test('a user in no group but Everyone: one page; an unknown user: 404 E0000007', async () => {
  const none = await call(sb, 'GET', `/api/v1/users/${sb.org.findUser('none@example.com')!.id}/groups`);
  expect([none.status, none.body.map((g: { profile: { name: string } }) => g.profile.name), links(none).next]).toEqual([200, ['Everyone'], undefined]);
  const unknown = await call(sb, 'GET', '/api/v1/users/00uNOSUCHUSER/groups');
  expect([unknown.status, unknown.body.errorCode]).toEqual([404, 'E0000007']);
});

test('counted in the /api/v1 bucket, not the groups one', async () => {
  const path = `/api/v1/users/${userId}/groups`;
  expect(sb.rateLimiter.bucketOf(path)).toBe('/api/v1');
  const r = await call(sb, 'GET', path);
  expect(r.headers['x-rate-limit-limit']).toBe('1200');
});
