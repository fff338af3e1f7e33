import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { call } from './http';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const proofKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64(header)}.${b64(payload)}`;
  const isEc = String(header.alg).startsWith('ES');
  const sig = sign('sha256', Buffer.from(input), isEc ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${sig.toString('base64url')}`;
}

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ org: 'demo' });
  sb.registerClient({ clientId: '0oaservice1', publicJwk: rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', scopes: ['okta.apps.read', 'okta.groups.read'] });
  sb.registerClient({ clientId: '0oaservice2', publicKeyPem: String(ec.publicKey.export({ format: 'pem', type: 'spki' })), kid: 'k2', scopes: ['okta.apps.read', 'okta.apps.manage'] });
  sb.registerClient({ clientId: '0oadpop', publicJwk: rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', scopes: ['okta.apps.read'], dpop: true });
});
afterAll(() => sb.close());

const tokenUrl = () => `${sb.url}/oauth2/v1/token`;
function assertion(clientId: string, over: Record<string, unknown> = {}, alg = 'RS256', key: KeyObject = rsa.privateKey, kid = 'k1'): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ alg, kid }, { iss: clientId, sub: clientId, aud: tokenUrl(), iat: now, exp: now + 300, jti: randomUUID(), ...over }, key);
}
async function token(clientAssertion: string, scope: string, headers: Record<string, string> = {}) {
  const res = await request(tokenUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion }).toString(),
  });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as Record<string, string> };
}

test('private_key_jwt (RS256) → Bearer token with scopes; scope checked per endpoint (403 E0000006)', async () => {
  const t = await token(assertion('0oaservice1'), 'okta.apps.read okta.groups.read');
  expect(t.status).toBe(200);
  expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'okta.apps.read okta.groups.read' });
  const auth = `Bearer ${t.body.access_token}`;
  expect((await call(sb, 'GET', '/api/v1/apps', { auth })).status).toBe(200);
  expect((await call(sb, 'GET', '/api/v1/groups?limit=1', { auth })).status).toBe(200);
  const denied = await call(sb, 'GET', '/api/v1/mappings', { auth });
  expect([denied.status, denied.body.errorCode]).toEqual([403, 'E0000006']);
  const corp = sb.org.findApp('corp.example.com')!.id;
  const write = await call(sb, 'DELETE', `/api/v1/apps/${corp}/groups/${sb.org.findGroup('Finance')!.id}`, { auth });
  expect(write.status).toBe(403);
  expect((await call(sb, 'GET', '/api/v1/apps', { auth: `DPoP ${t.body.access_token}` })).status).toBe(401);
});

test('ES256 assertion against a PEM-registered key; manage scope allows writes', async () => {
  const t = await token(assertion('0oaservice2', {}, 'ES256', ec.privateKey, 'k2'), 'okta.apps.manage');
  expect(t.status).toBe(200);
  const corp = sb.org.findApp('corp.example.com')!.id;
  const mk = sb.org.findGroup('Marketing')!.id;
  expect((await call(sb, 'PUT', `/api/v1/apps/${corp}/groups/${mk}`, { body: {}, auth: `Bearer ${t.body.access_token}` })).status).toBe(200);
});

test('bad client assertions are refused: audience, expiry window, kid, signature, replayed jti, ungranted scope', async () => {
  const now = Math.floor(Date.now() / 1000);
  const cases = [
    assertion('0oaservice1', { aud: 'https://other.okta.com/oauth2/v1/token' }),
    assertion('0oaservice1', { exp: now - 10 }),
    assertion('0oaservice1', { exp: now + 7200 }),
    assertion('0oaservice1', {}, 'RS256', rsa.privateKey, 'other-kid'),
    assertion('0oaservice1', {}, 'RS256', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
    assertion('0oaservice1', { sub: 'someone-else' }),
  ];
  for (const a of cases) {
    const t = await token(a, 'okta.apps.read');
    expect([t.status, t.body.error]).toEqual([401, 'invalid_client']);
  }
  const once = assertion('0oaservice1');
  expect((await token(once, 'okta.apps.read')).status).toBe(200);
  expect((await token(once, 'okta.apps.read')).status).toBe(401);
  const scope = await token(assertion('0oaservice1'), 'okta.users.manage');
  expect([scope.status, scope.body.error]).toEqual([400, 'invalid_scope']);
});

test('DPoP: nonce challenge, DPoP token type, and per-request proofs bound to the key and token', async () => {
  const jwk = proofKey.publicKey.export({ format: 'jwk' });
  const proof = (htm: string, htu: string, extra: Record<string, unknown> = {}) =>
    jwt({ typ: 'dpop+jwt', alg: 'ES256', jwk }, { htm, htu, iat: Math.floor(Date.now() / 1000), jti: randomUUID(), ...extra }, proofKey.privateKey);
  const first = await token(assertion('0oadpop'), 'okta.apps.read', { DPoP: proof('POST', tokenUrl()) });
  expect([first.status, first.body.error]).toEqual([400, 'use_dpop_nonce']);
  const nonce = String(first.headers['dpop-nonce']);
  expect(nonce.length).toBeGreaterThan(10);
  const t = await token(assertion('0oadpop'), 'okta.apps.read', { DPoP: proof('POST', tokenUrl(), { nonce }) });
  expect(t.status).toBe(200);
  expect(t.body.token_type).toBe('DPoP');
  const at = t.body.access_token;
  const ath = createHash('sha256').update(at).digest('base64url');
  const url = `${sb.url}/api/v1/apps`;
  expect((await call(sb, 'GET', '/api/v1/apps?limit=1', { auth: `DPoP ${at}`, headers: { DPoP: proof('GET', url, { ath }) } })).status).toBe(200);
  expect((await call(sb, 'GET', '/api/v1/apps', { auth: `Bearer ${at}` })).status).toBe(401);
  expect((await call(sb, 'GET', '/api/v1/apps', { auth: `DPoP ${at}`, headers: { DPoP: proof('GET', url, { ath: 'wrong' }) } })).status).toBe(401);
  expect((await call(sb, 'GET', '/api/v1/apps', { auth: `DPoP ${at}`, headers: { DPoP: proof('POST', url, { ath }) } })).status).toBe(401);
  const reused = proof('GET', url, { ath });
  expect((await call(sb, 'GET', '/api/v1/apps', { auth: `DPoP ${at}`, headers: { DPoP: reused } })).status).toBe(200);
  expect((await call(sb, 'GET', '/api/v1/apps', { auth: `DPoP ${at}`, headers: { DPoP: reused } })).status).toBe(401);
  expect(sb.audit.some((e) => JSON.stringify(e).includes(at))).toBe(false);
});
