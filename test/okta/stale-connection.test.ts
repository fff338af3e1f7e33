/**
 * Planning a large app keeps the event loop busy for seconds, longer than a server keeps an idle
 * connection open. The first write after that must not go out on a connection the server has closed
 * meanwhile: its answer would be lost (ECONNRESET), and apply would read back and wait for it to settle.
 */
import { createOktaClient, resolveConnection } from '../../src/okta';
import { sandbox, type Sandbox } from '../support/sandbox';

const KEEP_ALIVE_MS = 3_000;
let sb: Sandbox;
afterEach(async () => sb?.close());

/** Blocks the event loop, as planning 100,000 assignments does. */
function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

test('a write after the loop was blocked past the server\'s keep-alive goes out once, on a live connection', async () => {
  sb = await sandbox({ keepAliveTimeoutMs: KEEP_ALIVE_MS });
  const api = createOktaClient(resolveConnection({ OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token }));
  try {
    const appId = (await api.request<Array<{ id: string }>>('GET', '/api/v1/apps')).body![0].id;
    const groupId = (await api.request<Array<{ id: string }>>('GET', `/api/v1/apps/${appId}/groups`)).body![0].id;
    busyFor(KEEP_ALIVE_MS + 1_500);
    const ou = 'ou=moved,dc=corp,dc=example,dc=com';
    const from = sb.audit.length;
    const res = await api.request<{ profile: { organizationalUnit: string } }>('PATCH', `/api/v1/apps/${appId}/groups/${groupId}`, {
      body: [{ op: 'replace', path: '/profile/organizationalUnit', value: ou }],
    });
    expect(res.status).toBe(200);
    expect(res.body?.profile.organizationalUnit).toBe(ou);
    expect(sb.audit.slice(from).map((e) => e.method)).toEqual(['PATCH']);
  } finally {
    await api.close();
  }
});
