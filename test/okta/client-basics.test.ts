import { createOktaClient, type OktaClient } from '../../src/okta/client';
import type { ConnectionConfig } from '../../src/okta/config';
import { USER_AGENT } from '../../src/version';
import { FakeClock, json, startFakeOkta, type FakeOkta } from './support/fake-okta';
import { withFakeOkta } from './support/with-fake-okta';

const TOKEN = '00abcdefSSWStokenVALUE1234567890xyz';

function sswsConfig(url: string): ConnectionConfig {
  return { orgUrl: url, auth: { mode: 'SSWS', token: TOKEN }, maxCapacity: 0.5 };
}

describe('request basics', () => {
  let server: FakeOkta;
  let client: OktaClient;
  beforeAll(async () => {
    server = await startFakeOkta((req, res) => {
      if (req.path === '/api/v1/apps/0oa1') return json(res, 200, { id: '0oa1', label: 'corp' });
      if (req.path === '/api/v1/gone') return json(res, 404, { errorCode: 'E0000007', errorSummary: 'Not found' });
      if (req.method === 'DELETE') return json(res, 204, undefined);
      return json(res, 200, { echo: req.body, contentLength: req.headers['content-length'] ?? null });
    });
    client = createOktaClient(sswsConfig(server.url), { sleep: new FakeClock().sleep });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('sends SSWS auth, the okta-ou user agent and JSON, and returns parsed JSON with the request id', async () => {
    const res = await client.request('GET', '/api/v1/apps/0oa1');
    expect(res).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: { id: '0oa1', label: 'corp' },
      requestId: expect.stringMatching(/^req/),
    });
    const seen = server.seen[server.seen.length - 1];
    expect(seen.headers.authorization).toBe(`SSWS ${TOKEN}`);
    expect(seen.headers['user-agent']).toBe(USER_AGENT);
    expect(seen.headers.accept).toBe('application/json');
  });

  it('sends {} for a PUT or POST without a body (Okta answers 411 to neither body nor Content-Length)', async () => {
    const put = await client.request('PUT', '/api/v1/apps/0oa2/groups/00g1');
    expect(put.body).toEqual({ echo: '{}', contentLength: '2' });
    const post = await client.request('POST', '/api/v1/apps/0oa2/lifecycle/activate');
    expect(post.body).toEqual({ echo: '{}', contentLength: '2' });
    const withBody = await client.request('PUT', '/api/v1/apps/0oa2/groups/00g2', { body: { priority: 3 } });
    expect(withBody.body).toEqual({ echo: '{"priority":3}', contentLength: '14' });
    expect(server.seen[server.seen.length - 1].headers['content-type']).toBe('application/json');
  });

  it('returns 204 bodies as null and accepts okStatuses', async () => {
    const del = await client.request('DELETE', '/api/v1/apps/0oa2/groups/00g1');
    expect([del.status, del.body]).toEqual([204, null]);
    const probe = await client.request('GET', '/api/v1/gone', { okStatuses: [404] });
    expect(probe.status).toBe(404);
  });

  it('puts query parameters on the URL, leaving undefined ones out', async () => {
    await client.request('GET', '/api/v1/apps', { query: { q: 'corp', limit: 20, expand: undefined, x: true } });
    expect(server.seen[server.seen.length - 1].query.toString()).toBe('q=corp&limit=20&x=true');
  });

  it('refuses a path on another origin', async () => {
    const before = server.seen.length;
    await expect(client.request('GET', 'https://evil.example.com/api/v1/apps')).rejects.toMatchObject({
      code: 'OKTA_PROTOCOL',
      message: `refusing to send a request for https://evil.example.com to ${server.url}`,
      hint:
        'okta-ou sends the token only to the configured org: if the org also answers on another domain (a custom ' +
        'domain), set OKTA_CLIENT_ORGURL to the one Okta uses in its links; otherwise this is a bug in okta-ou, ' +
        'please report it with the command you ran',
    });
    expect(server.seen.length).toBe(before);
  });
});

describe('counts()', () => {
  it('counts calls per bucket, reads apart from writes', async () => {
    await withFakeOkta((req, res) => json(res, 200, req.method === 'GET' ? [] : {}), {}, async ({ client }) => {
      await client.request('GET', '/api/v1/apps');
      await client.request('GET', '/api/v1/apps/0oa1/groups');
      await client.request('PUT', '/api/v1/apps/0oa1/groups/00g1', { body: {} });
      await client.request('GET', '/api/v1/groups/00g1');
      await client.request('GET', '/api/v1/mappings');
      await client.request('POST', '/api/v1/mappings/prm1', { body: {} });
      await client.request('DELETE', '/api/v1/apps/0oa1/groups/00g2');
      expect(client.counts()).toEqual({
        reads: { '/api/v1/apps': 2, '/api/v1/groups': 1, '/api/v1': 1 },
        writes: { '/api/v1/apps': 2, '/api/v1': 1 },
      });
    });
  });
});

describe('abort', () => {
  it('stops a request in flight, sends nothing more once aborted, and exits 1 with what to do', async () => {
    const controller = new AbortController();
    // Abort once the server holds the request (no timer race), and never answer it.
    await withFakeOkta(() => controller.abort(), { signal: controller.signal }, async ({ server, client }) => {
      await expect(client.request('GET', '/api/v1/apps')).rejects.toMatchObject({
        code: 'ABORTED',
        exitCode: 1,
        message: 'interrupted before the Okta calls finished',
        hint:
          'nothing was sent after the interruption (a request already in flight may have reached Okta); ' +
          'run `okta-ou plan` to see the current state',
      });
      await expect(client.request('GET', '/api/v1/groups')).rejects.toMatchObject({ code: 'ABORTED', exitCode: 1 });
      expect(server.seen.map((r) => r.path)).toEqual(['/api/v1/apps']);
    });
  });
});
