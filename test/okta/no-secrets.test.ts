import { generateKeyPairSync } from 'node:crypto';
import type { ConnectionConfig } from '../../src/okta/config';
import { redact } from '../../src/okta/redact';
import { FakeClock, json, oktaError, type Handler } from './support/fake-okta';
import { startOAuthOkta } from './support/oauth-okta';
import { sswsConfig, withFakeOkta } from './support/with-fake-okta';

const TOKEN = '00Qx7SSWSsecretTOKENvalue_abcdefghij0123';

/** Everything a user could see from a run: log lines and every error field. */
function visible(lines: string[], errors: unknown[]): string {
  const parts = [...lines];
  for (const e of errors) {
    const err = e as Error & { hint?: string };
    parts.push(err.message, String(err.hint), JSON.stringify(err), String(err.stack));
  }
  return parts.join('\n');
}

async function collect(errors: unknown[], p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    errors.push(e);
  }
}

describe('no secret in logs or errors', () => {
  it('never shows the SSWS token, even when Okta echoes the Authorization header back', async () => {
    const answer: Handler = (req, res, n) => {
      const echoed = String(req.headers.authorization);
      if (req.path === '/api/v1/echo') return json(res, 400, oktaError('E0000001', `Api validation failed: ${echoed}`, [`header was ${echoed}`]));
      if (req.path === '/api/v1/apps/401') return json(res, 401, oktaError('E0000011', 'Invalid token provided'));
      if (req.path === '/api/v1/reset' && n % 2 === 1) return res.socket?.destroy();
      json(res, 200, [], { link: `<${'http://127.0.0.1:1'}/api/v1/next>; rel="next"` });
    };
    const errors: unknown[] = [];
    const { server, lines } = await withFakeOkta(answer, { config: (url) => sswsConfig(url, TOKEN), verbose: true, maxRetries: 1 }, async (run) => {
      const { client } = run;
      await collect(errors, client.request('POST', '/api/v1/echo', { body: { token: TOKEN } }));
      await collect(errors, client.request('GET', '/api/v1/apps/401'));
      await collect(errors, client.request('POST', '/api/v1/reset'));
      await collect(errors, client.request('GET', '/api/v1/reset'));
      await collect(errors, client.list('/api/v1/groups'));
      await collect(errors, client.request('GET', '/api/v1/apps', { query: { q: TOKEN } }));
      return run;
    });
    expect(server.seen.every((r) => r.headers.authorization === `SSWS ${TOKEN}`)).toBe(true);
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['OKTA_VALIDATION', 'OKTA_AUTH', 'OKTA_NETWORK', 'OKTA_PROTOCOL']);
    expect(lines.length).toBeGreaterThan(5);
    const text = visible(lines, errors);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 12));
  });

  it('never shows the private key, the client assertion, the access token or DPoP proofs', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const clock = new FakeClock();
    const oauthOkta = startOAuthOkta({
      clock,
      clientId: '0oaSVC',
      publicKey,
      kid: 'k1',
      grantedScopes: ['okta.apps.read'],
      dpop: true,
      apiNonce: 'nonce-api',
    });
    const errors: unknown[] = [];
    const config = (url: string): ConnectionConfig => ({
      orgUrl: url,
      auth: { mode: 'PrivateKey', clientId: '0oaSVC', scopes: ['okta.apps.read'], privateKey: pem, keyId: 'k1' },
      maxCapacity: 0.5,
    });
    const { server, lines } = await withFakeOkta(oauthOkta, { config, verbose: true, now: clock.now, sleep: clock.sleep }, async (run) => {
      await run.client.request('GET', '/api/v1/apps');
      await collect(errors, run.client.request('PUT', '/api/v1/apps/0oa1/groups/00g1'));
      await collect(errors, run.client.request('GET', '/api/v1/groups'));
      return run;
    });
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['OKTA_AUTH', 'OKTA_AUTH']);
    const text = visible(lines, errors);
    const secrets = [
      ...pem.split('\n').filter((l) => l && !l.startsWith('-----')),
      String(privateKey.export({ format: 'jwk' }).d),
      ...server.seen.map((r) => new URLSearchParams(r.body).get('client_assertion')).filter((s): s is string => !!s),
      ...server.seen.map((r) => String(r.headers.authorization ?? '').split(' ')[1]).filter(Boolean),
      ...server.seen.map((r) => r.headers.dpop).filter((s): s is string => typeof s === 'string'),
    ];
    expect(secrets.length).toBeGreaterThan(8);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});

describe('redact', () => {
  it('scrubs authorization schemes, OAuth fields, JWTs, PEM keys and private JWK members', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const input = [
      'Authorization: SSWS 00abcdefghijklmnop',
      'authorization=Bearer abcdefghijklmnop',
      'DPoP abcdefghijkl.mnop',
      `client_assertion=${jwt}&scope=okta.apps.read`,
      '{"access_token":"at-123456789","token_type":"Bearer"}',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----',
      '{"kty":"EC","d":"secretD","x":"pubX"}',
      `proof ${jwt}`,
    ].join('\n');
    const out = redact(input, ['pubX']);
    for (const s of ['00abcdefghijklmnop', 'abcdefghijklmnop', 'abcdefghijkl.mnop', jwt, 'at-123456789', 'MIIabc', 'secretD', 'pubX']) {
      expect(out).not.toContain(s);
    }
    expect(out).toContain('scope=okta.apps.read');
    expect(out).toContain('"token_type":"Bearer"');
  });
});
