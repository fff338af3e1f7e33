import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ConnectionConfig } from '../../src/okta/config';
import { FakeClock, httpDate, json, type Handler } from './support/fake-okta';
import { startOAuthOkta } from './support/oauth-okta';
import { withFakeOkta } from './support/with-fake-okta';

const CLIENT_ID = '0oaSERVICEAPP0001';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject): string => k.export({ format: 'pem', type: 'pkcs8' }).toString();

function oauthConfig(orgUrl: string, privateKey: string, scopes: string[], keyId?: string): ConnectionConfig {
  return { orgUrl, auth: { mode: 'PrivateKey', clientId: CLIENT_ID, scopes, privateKey, keyId }, maxCapacity: 0.5 };
}

describe('OAuth 2.0 private_key_jwt', () => {
  it('gets a token with an RSA key (RS256) and reuses it until 60 s before expiry', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startOAuthOkta({ clock, clientId: CLIENT_ID, publicKey: rsa.publicKey, kid: 'rsa-1', grantedScopes: ['okta.apps.read'] }),
      { config: (url) => oauthConfig(url, pem(rsa.privateKey), ['okta.apps.read'], 'rsa-1'), now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        // Concurrent first calls share one token request.
        await Promise.all(Array.from({ length: 5 }, () => client.request('GET', '/api/v1/apps')));
        for (let i = 0; i < 3; i++) await client.request('GET', '/api/v1/apps/0oa1');
        expect(server.tokenCalls).toBe(1);
        clock.t += 3_539_000; // 61 s before expiry: still reused
        await client.request('GET', '/api/v1/apps');
        expect(server.tokenCalls).toBe(1);
        clock.t += 2_000; // 59 s before expiry: refreshed
        await client.request('GET', '/api/v1/apps');
        expect(server.tokenCalls).toBe(2);
        expect(server.tokenOutcomes).toEqual(['ok', 'ok']);
        expect(server.apiOutcomes).toEqual(Array(10).fill('ok'));
        expect(server.seen.filter((r) => r.path !== '/oauth2/v1/token').every((r) => /^Bearer /.test(String(r.headers.authorization)))).toBe(true);
        expect(client.tokenRequests()).toBe(2);
        expect(client.counts()).toEqual({ reads: { '/api/v1/apps': 10 }, writes: {} });
      },
    );
  });

  it('fetches the token even when every request slot is taken by requests waiting for it', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startOAuthOkta({ clock, clientId: CLIENT_ID, publicKey: ec.publicKey, kid: 'ec-1', grantedScopes: ['okta.apps.read'] }),
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read'], 'ec-1'), now: clock.now, sleep: clock.sleep, maxConcurrency: 1 },
      async ({ server, client }) => {
        await Promise.all(Array.from({ length: 4 }, () => client.request('GET', '/api/v1/apps')));
        expect([server.tokenCalls, server.apiOutcomes]).toEqual([1, ['ok', 'ok', 'ok', 'ok']]);
      },
    );
  });

  it('gets a token with an EC P-256 key given as a JWK (ES256, kid from the JWK)', async () => {
    const clock = new FakeClock();
    const jwk = JSON.stringify({ ...ec.privateKey.export({ format: 'jwk' }), kid: 'ec-1' });
    await withFakeOkta(
      startOAuthOkta({ clock, clientId: CLIENT_ID, publicKey: ec.publicKey, kid: 'ec-1', grantedScopes: ['okta.apps.read', 'okta.groups.read'] }),
      { config: (url) => oauthConfig(url, jwk, ['okta.apps.read', 'okta.groups.read']), now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        await client.request('GET', '/api/v1/groups');
        await client.request('GET', '/api/v1/apps');
        expect(server.tokenOutcomes).toEqual(['ok']);
        expect(new URLSearchParams(server.seen[0].body).get('scope')).toBe('okta.apps.read okta.groups.read');
      },
    );
  });

  it('names the missing scope on 403 E0000006', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startOAuthOkta({ clock, clientId: CLIENT_ID, publicKey: ec.publicKey, kid: 'ec-1', grantedScopes: ['okta.apps.read'] }),
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read'], 'ec-1'), now: clock.now, sleep: clock.sleep },
      async ({ client }) => {
        await expect(client.request('PUT', '/api/v1/apps/0oa1/groups/00g1', { body: { priority: 0 } })).rejects.toMatchObject({
          code: 'OKTA_AUTH',
          exitCode: 4,
          requiredScopes: ['okta.apps.manage'],
          message: expect.stringMatching(/^PUT \/api\/v1\/apps\/0oa1\/groups\/00g1 → 403 E0000006: You do not have permission/),
          hint: expect.stringContaining('the service app needs okta.apps.manage (requested: okta.apps.read)'),
        });
      },
    );
  });

  it('reports invalid_scope from the token endpoint as OKTA_AUTH (exit 4) naming the OAuth error and the scopes', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startOAuthOkta({ clock, clientId: CLIENT_ID, publicKey: ec.publicKey, kid: 'ec-1', grantedScopes: ['okta.apps.read'] }),
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read', 'okta.apps.manage'], 'ec-1'), now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        await expect(client.request('GET', '/api/v1/apps')).rejects.toMatchObject({
          code: 'OKTA_AUTH',
          exitCode: 4,
          status: 400,
          errorCode: 'invalid_scope',
          errorSummary: 'fake: invalid_scope',
          message: expect.stringMatching(/^POST \/oauth2\/v1\/token → 400 invalid_scope: fake: invalid_scope \[X-Okta-Request-Id req/),
          hint:
            'the service app is not granted every scope okta-ou asked for (okta.apps.read okta.apps.manage): grant them ' +
            'under Admin Console > Applications > <app> > Okta API Scopes, or set OKTA_CLIENT_SCOPES to the granted ' +
            'ones (okta-ou scopes lists what each command needs; okta-ou doctor shows which are granted)',
        });
        expect(server.apiOutcomes).toEqual([]);
      },
    );
  });

  it('reports a token request Okta cannot read (invalid_request) as a bug in okta-ou, exit 1', async () => {
    await withFakeOkta(
      (_req, res) => json(res, 400, { error: 'invalid_request', error_description: 'bad form' }, { 'x-okta-request-id': 'req-token' }),
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read'], 'k') },
      async ({ client }) => {
        await expect(client.request('GET', '/api/v1/apps')).rejects.toMatchObject({
          code: 'OKTA_VALIDATION',
          exitCode: 1,
          message: 'POST /oauth2/v1/token → 400 invalid_request: bad form [X-Okta-Request-Id req-token]',
          hint:
            'Okta could not read the token request okta-ou sent: this is a bug in okta-ou, please report it with the ' +
            'command you ran and the request id',
        });
      },
    );
  });

  it('reports invalid_client (a key the app does not know) as OKTA_AUTH with what to check', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startOAuthOkta({ clock, clientId: CLIENT_ID, publicKey: ec.publicKey, kid: 'ec-1', grantedScopes: ['okta.apps.read'] }),
      { config: (url) => oauthConfig(url, pem(rsa.privateKey), ['okta.apps.read'], 'ec-1'), now: clock.now, sleep: clock.sleep },
      async ({ server, client: wrongKey }) => {
        await expect(wrongKey.request('GET', '/api/v1/apps')).rejects.toMatchObject({
          code: 'OKTA_AUTH',
          exitCode: 4,
          errorCode: 'invalid_client',
          status: 401,
          hint: expect.stringMatching(/^Okta did not accept the client assertion of 0oaSERVICEAPP0001: check OKTA_CLIENT_CLIENTID/),
        });
        expect(server.apiOutcomes).toEqual([]);
      },
    );
  });
});

describe('token endpoint failures that are not an auth verdict', () => {
  it.each([
    [500, 'OKTA_SERVER_ERROR', { errorCode: 'E0000009', errorSummary: 'Internal Server Error' }, 'POST /oauth2/v1/token → 500 E0000009: Internal Server Error [X-Okta-Request-Id req-token]'],
    [502, 'OKTA_SERVER_ERROR', undefined, 'POST /oauth2/v1/token → 502 [X-Okta-Request-Id req-token]'],
    [404, 'OKTA_NOT_FOUND', { errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method' }, 'POST /oauth2/v1/token → 404 E0000022: The endpoint does not support the provided HTTP method [X-Okta-Request-Id req-token]'],
    [405, 'OKTA_REQUEST', undefined, 'POST /oauth2/v1/token → 405 [X-Okta-Request-Id req-token]'],
    [400, 'OKTA_VALIDATION', { error: 'invalid_request', error_description: 'bad form' }, 'POST /oauth2/v1/token → 400 invalid_request: bad form [X-Okta-Request-Id req-token]'],
    [429, 'OKTA_RATE_LIMITED', { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' },
      'POST /oauth2/v1/token → 429 E0000047: API call exceeded rate limit due to too many requests. — rate limit of /oauth2/v1/token still exceeded after 2 attempts [X-Okta-Request-Id req-token]'],
  ])('%i from /oauth2/v1/token is %s (exit 1), not an auth failure', async (status, code, body, message) => {
    const clock = new FakeClock();
    await withFakeOkta(
      (_req, res) => json(res, status, body, { 'x-okta-request-id': 'req-token' }),
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read'], 'k'), now: clock.now, sleep: clock.sleep, maxRetries: 1 },
      async ({ server, client }) => {
        await expect(client.request('GET', '/api/v1/apps')).rejects.toMatchObject({ code, exitCode: 1, status, message });
        expect(server.seen.every((r) => r.path === '/oauth2/v1/token')).toBe(true);
      },
    );
  });
});

describe('DPoP', () => {
  it('switches to DPoP when the token endpoint asks, with a nonce round-trip on the token and API calls', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startOAuthOkta({
        clock,
        clientId: CLIENT_ID,
        publicKey: ec.publicKey,
        kid: 'ec-1',
        grantedScopes: ['okta.apps.read'],
        dpop: true,
        apiNonce: 'api-nonce-7',
      }),
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read'], 'ec-1'), now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        expect((await client.request('GET', '/api/v1/apps', { query: { limit: 200 } })).body).toEqual({ ok: true });
        await client.request('GET', '/api/v1/apps/0oa1');
        expect(server.tokenOutcomes).toEqual(['invalid_dpop_proof', 'use_dpop_nonce', 'ok']);
        expect(server.apiOutcomes).toEqual(['use_dpop_nonce', 'ok', 'ok']);
        const apiCalls = server.seen.filter((r) => r.path !== '/oauth2/v1/token');
        expect(apiCalls.every((r) => /^DPoP /.test(String(r.headers.authorization)))).toBe(true);
        // A fresh proof per request.
        expect(new Set(apiCalls.map((r) => r.headers.dpop)).size).toBe(3);
      },
    );
  });
});

describe('token endpoint rate limit', () => {
  it('waits out a 429 from /oauth2/v1/token and then uses the token', async () => {
    const clock = new FakeClock();
    let tokenCalls = 0;
    const answer: Handler = (req, res) => {
      if (req.path === '/oauth2/v1/token') {
        tokenCalls++;
        const headers = { date: httpDate(clock.now()), 'x-rate-limit-limit': '600', 'x-rate-limit-reset': String(Math.floor(clock.now() / 1000) + 4) };
        if (tokenCalls === 1) return json(res, 429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }, { ...headers, 'x-rate-limit-remaining': '0' });
        return json(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: 'at-after-429', scope: 'okta.apps.read' }, { ...headers, 'x-rate-limit-remaining': '598' });
      }
      json(res, 200, { auth: req.headers.authorization });
    };
    await withFakeOkta(
      answer,
      { config: (url) => oauthConfig(url, pem(ec.privateKey), ['okta.apps.read'], 'k'), now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        expect((await client.request('GET', '/api/v1/apps')).body).toEqual({ auth: 'Bearer at-after-429' });
        expect([tokenCalls, clock.slept]).toEqual([2, [5000]]);
        expect(server.seen[1].headers['x-okta-retry-count']).toBe('1');
      },
    );
  });
});
