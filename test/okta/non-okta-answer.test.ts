/**
 * Something other than Okta at the org URL — a redirect, an HTML page, a 200 that is not JSON — is named
 * as such, with the host, and never reported as "Okta refused the request".
 */
import { startFakeOkta, json, type Handler } from './support/fake-okta';
import { withFakeOkta } from './support/with-fake-okta';

const html = (status: number): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!DOCTYPE html><html><body>Sign in</body></html>');
};

test.each<[string, Handler, RegExp]>([
  ['a redirect', (_req, res) => {
    res.writeHead(302, { location: 'https://login.example.com/sso?x=1' });
    res.end();
  }, /^GET \/api\/v1\/apps: 127\.0\.0\.1:\d+ answered 302, a redirect to https:\/\/login\.example\.com\/sso: Okta's API does not redirect, so this is not Okta answering$/],
  ['an HTML page with 200', html(200), /^GET \/api\/v1\/apps: 127\.0\.0\.1:\d+ answered 200 with an HTML page, not Okta's JSON: this is not Okta answering$/],
  ['an HTML page with 409', html(409), /^GET \/api\/v1\/apps: 127\.0\.0\.1:\d+ answered 409 with an HTML page, not Okta's JSON: this is not Okta answering$/],
  ['plain text with 200', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  }, /^GET \/api\/v1\/apps: 127\.0\.0\.1:\d+ answered 200 with a text\/plain, not Okta's JSON: this is not Okta answering$/],
])('%s: OKTA_PROTOCOL naming the host, one request, no retry', async (_name, handler, message) => {
  await withFakeOkta(startFakeOkta(handler), {}, async ({ server, client }) => {
    await expect(client.request('GET', '/api/v1/apps')).rejects.toMatchObject({
      code: 'OKTA_PROTOCOL',
      exitCode: 1,
      message: expect.stringMatching(message),
      hint: expect.stringContaining('check OKTA_CLIENT_ORGURL'),
    });
    expect(server.seen).toHaveLength(1);
  });
});

test('JSON answers, empty 204s and 5xx pages are left to the usual rules', async () => {
  await withFakeOkta(startFakeOkta((req, res) => (req.method === 'DELETE' ? (res.writeHead(204), res.end()) : json(res, 200, []))), {}, async ({ client }) => {
    expect((await client.request('GET', '/api/v1/apps')).status).toBe(200);
    expect((await client.request('DELETE', '/api/v1/apps/0oa1/groups/00g1')).status).toBe(204);
  });
});
