/**
 * A fake Okta org authorization server plus a protected API, independent of src/okta: it verifies the
 * private_key_jwt client assertion (signature with the registered public key, kid, aud, iss = sub, exp,
 * jti replay), optionally requires DPoP (RFC 9449: proof signature with the embedded jwk, htm, htu, nonce,
 * ath), issues one-hour tokens on the test's clock, and enforces scopes on the API.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { json, oktaError, startFakeOkta, type FakeClock, type FakeOkta, type SeenRequest } from './fake-okta';

export interface OAuthOkta extends FakeOkta {
  tokenCalls: number;
  /** Outcome of each token call: 'ok' or the OAuth error. */
  tokenOutcomes: string[];
  apiOutcomes: string[];
}

interface Issued {
  scopes: string[];
  expiresAt: number;
  jkt?: string;
}

const b64json = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

function verifyJws(jws: string, key: KeyObject): { header: Record<string, unknown>; claims: Record<string, unknown> } | undefined {
  const [h, c, s] = jws.split('.');
  if (!h || !c || !s) return undefined;
  const header = b64json(h);
  const input = Buffer.from(`${h}.${c}`);
  const sig = Buffer.from(s, 'base64url');
  const ok =
    header.alg === 'RS256'
      ? verify('sha256', input, key, sig)
      : header.alg === 'ES256'
        ? verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, sig)
        : false;
  return ok ? { header, claims: b64json(c) } : undefined;
}

function thumb(jwk: unknown): string {
  const { crv, kty, x, y } = jwk as Record<string, string>;
  return createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
}

export async function startOAuthOkta(opts: {
  clock: FakeClock;
  clientId: string;
  publicKey: KeyObject;
  kid: string;
  grantedScopes: string[];
  dpop?: boolean;
  /** When set, API calls must carry this DPoP nonce (the first gets a 401 asking for it). */
  apiNonce?: string;
}): Promise<OAuthOkta> {
  const usedJti = new Set<string>();
  const issued = new Map<string, Issued>();
  const tokenNonce = 'token-nonce-1';
  let origin = '';
  let n = 0;
  const oauthError = (res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void => {
    result.tokenOutcomes.push(error);
    json(res, status, { error, error_description: `fake: ${error}` }, headers);
  };

  const checkDpop = (req: SeenRequest, htm: string, htu: string, accessToken?: string): { jkt?: string; error?: string; nonce?: string } => {
    const proof = req.headers.dpop;
    if (typeof proof !== 'string') return { error: 'invalid_dpop_proof' };
    const header = b64json(proof.split('.')[0]);
    if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256' || !header.jwk) return { error: 'invalid_dpop_proof' };
    const v = verifyJws(proof, createPublicKey({ key: header.jwk as never, format: 'jwk' }));
    if (!v) return { error: 'invalid_dpop_proof' };
    const c = v.claims;
    if (c.htm !== htm || c.htu !== htu || typeof c.jti !== 'string' || typeof c.iat !== 'number') return { error: 'invalid_dpop_proof' };
    if (usedJti.has(c.jti)) return { error: 'invalid_dpop_proof' };
    usedJti.add(c.jti);
    if (accessToken !== undefined) {
      const ath = createHash('sha256').update(accessToken).digest('base64url');
      if (c.ath !== ath) return { error: 'invalid_dpop_proof' };
    }
    return { jkt: thumb(header.jwk), nonce: typeof c.nonce === 'string' ? c.nonce : undefined };
  };

  const token = (req: SeenRequest, res: ServerResponse): void => {
    result.tokenCalls++;
    const form = new URLSearchParams(req.body);
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return oauthError(res, 400, 'invalid_request');
    if (form.get('grant_type') !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type');
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return oauthError(res, 400, 'invalid_request');
    const v = verifyJws(form.get('client_assertion') ?? '', opts.publicKey);
    if (!v || v.header.kid !== opts.kid) return oauthError(res, 401, 'invalid_client');
    const c = v.claims;
    const now = Math.floor(opts.clock.now() / 1000);
    if (
      c.aud !== `${origin}/oauth2/v1/token` ||
      c.iss !== opts.clientId ||
      c.sub !== opts.clientId ||
      typeof c.iat !== 'number' ||
      c.exp !== c.iat + 300 ||
      (c.exp as number) < now ||
      typeof c.jti !== 'string' ||
      usedJti.has(c.jti)
    ) {
      return oauthError(res, 401, 'invalid_client');
    }
    usedJti.add(c.jti);
    const scopes = (form.get('scope') ?? '').split(' ');
    if (!scopes.every((s) => opts.grantedScopes.includes(s))) return oauthError(res, 400, 'invalid_scope');
    let jkt: string | undefined;
    if (opts.dpop) {
      const d = checkDpop(req, 'POST', `${origin}/oauth2/v1/token`);
      if (d.error) return oauthError(res, 400, d.error);
      if (d.nonce !== tokenNonce) return oauthError(res, 400, 'use_dpop_nonce', { 'dpop-nonce': tokenNonce });
      jkt = d.jkt;
    }
    const value = `fake-access-token-${++n}-${Math.random().toString(36).slice(2)}`;
    issued.set(value, { scopes, expiresAt: opts.clock.now() + 3600_000, jkt });
    result.tokenOutcomes.push('ok');
    json(res, 200, { token_type: opts.dpop ? 'DPoP' : 'Bearer', expires_in: 3600, access_token: value, scope: scopes.join(' ') });
  };

  const api = (req: SeenRequest, res: ServerResponse): void => {
    const auth = String(req.headers.authorization ?? '');
    const [scheme, value] = auth.split(' ');
    const t = issued.get(value ?? '');
    const deny = (why: string): void => {
      result.apiOutcomes.push(why);
      json(res, 401, oktaError('E0000011', 'Invalid token provided'));
    };
    if (!t || t.expiresAt <= opts.clock.now()) return deny('bad-token');
    if (opts.dpop) {
      if (scheme !== 'DPoP') return deny('bad-scheme');
      const d = checkDpop(req, req.method, `${origin}${req.path}`, value);
      if (d.error || d.jkt !== t.jkt) return deny('bad-proof');
      if (opts.apiNonce && d.nonce !== opts.apiNonce) {
        result.apiOutcomes.push('use_dpop_nonce');
        return json(res, 401, oktaError('E0000011', 'Invalid token provided'), {
          'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
          'dpop-nonce': opts.apiNonce,
        });
      }
    } else if (scheme !== 'Bearer') {
      return deny('bad-scheme');
    }
    const need = req.path.startsWith('/api/v1/apps') ? (req.method === 'GET' ? 'okta.apps.read' : 'okta.apps.manage') : 'okta.groups.read';
    if (!t.scopes.includes(need)) {
      result.apiOutcomes.push('insufficient_scope');
      return json(res, 403, oktaError('E0000006', 'You do not have permission to perform the requested action'), {
        'www-authenticate': `Bearer error="insufficient_scope", error_description="The access token provided does not contain the required scopes."`,
      });
    }
    result.apiOutcomes.push('ok');
    json(res, 200, { ok: true });
  };

  const server = await startFakeOkta((req, res) => (req.path === '/oauth2/v1/token' ? token(req, res) : api(req, res)));
  origin = server.url;
  const result: OAuthOkta = Object.assign(server, { tokenCalls: 0, tokenOutcomes: [] as string[], apiOutcomes: [] as string[] });
  return result;
}
