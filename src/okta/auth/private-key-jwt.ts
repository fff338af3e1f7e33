/**
 * OAuth 2.0 service app with private_key_jwt, "the only supported method for OAuth service apps that want
 * to get access tokens with Okta scopes" (developer.okta.com guides/implement-oauth-for-okta-serviceapp).
 * The client assertion is signed here with node:crypto; claims as okta-sdk-nodejs `src/jwt.js` sets them
 * (aud = the org token URL, iss = sub = client id, iat, exp = iat + 5 min) plus a `jti` against replay.
 * Access tokens live one hour; one is reused until 60 s before it expires, and concurrent callers share a
 * single refresh. When the app requires DPoP the token endpoint answers 400 `use_dpop_nonce` (or
 * `invalid_dpop_proof` when no proof was sent); the request is repeated with a proof carrying the nonce.
 */
import type { HttpMethod } from '../api';
// The org authorization server's token endpoint; its rate-limit bucket is keyed by the same path.
import { TOKEN_BUCKET as TOKEN_PATH } from '../buckets';
import { errorFromResponse, OktaAuthError, OktaValidationError, type OktaErrorBody, type OktaErrorContext } from '../errors';
import { DpopKey, dpopNonceOf } from './dpop';
import { errorBodyOf } from '../error-body';
import { newJti, parseSigningKey, signJwt, type SigningKey } from './jwt';
import type { AuthProvider, TokenTransport } from './types';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const REFRESH_MARGIN_MS = 60_000;

/** Statuses with which the token endpoint refuses a client (RFC 6749 §5.2: 400, or 401 for invalid_client). */
const REFUSAL_STATUSES: readonly number[] = [400, 401, 403];
const APP = 'Admin Console > Applications > <app>';

/**
 * The token endpoint's OAuth errors that are a verdict on the credentials or the grant (RFC 6749 §5.2,
 * RFC 9449 §8 for DPoP), each with what to change. invalid_request and unsupported_grant_type are not:
 * they mean okta-ou sent a malformed request, which the usual typed error reports.
 */
const OAUTH_REFUSALS: Record<string, (cfg: PrivateKeyAuthConfig) => string> = {
  invalid_scope: (cfg) =>
    `the service app is not granted every scope okta-ou asked for (${cfg.scopes.join(' ')}): grant them under ` +
    `${APP} > Okta API Scopes, or set OKTA_CLIENT_SCOPES to the granted ones (okta-ou scopes lists what each command needs; ` +
    'okta-ou doctor shows which are granted)',
  invalid_client: (cfg) =>
    `Okta did not accept the client assertion of ${cfg.clientId}: check OKTA_CLIENT_CLIENTID, that OKTA_CLIENT_KEYID ` +
    `and OKTA_CLIENT_PRIVATEKEY match a public key registered under ${APP} > General > Public keys, and that the ` +
    'app uses "Public key / Private key" client authentication',
  unauthorized_client: () =>
    `the app may not use the client credentials grant: make it an API Services app with the "Client Credentials" ` +
    `grant type (${APP} > General > Grant type)`,
  invalid_grant: () =>
    'Okta refused the grant: check that this machine\'s clock is right (the client assertion is valid for 5 minutes) ' +
    'and that the app is active',
  access_denied: () =>
    `Okta denied the token request: check that the app is active and that no policy blocks it (${APP})`,
  invalid_dpop_proof: () =>
    `the app requires DPoP and refused okta-ou's proof: turn off "Require Demonstrating Proof of Possession" under ` +
    `${APP} > General, or report it to okta-ou with the request id`,
  use_dpop_nonce: () =>
    'the token endpoint kept asking for a new DPoP nonce: run again; if it persists report it to Okta support with ' +
    'the request id',
};

export interface PrivateKeyAuthConfig {
  orgUrl: string;
  clientId: string;
  scopes: string[];
  privateKey: string;
  keyId?: string;
}

interface CachedToken {
  value: string;
  type: 'Bearer' | 'DPoP';
  expiresAt: number;
}

export interface PrivateKeyAuth extends AuthProvider {
  /** Token requests made so far (for tests and verbose output). */
  readonly tokenRequests: number;
}

export function createPrivateKeyAuth(
  cfg: PrivateKeyAuthConfig,
  deps: { transport: TokenTransport; now: () => number; log: (line: string) => void },
): PrivateKeyAuth {
  const key: SigningKey = parseSigningKey(cfg.privateKey);
  const kid = cfg.keyId ?? key.kid;
  const tokenUrl = new URL(TOKEN_PATH, cfg.orgUrl);
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  let dpop: DpopKey | undefined;
  let tokenRequests = 0;
  let forcedRefresh = false;
  let granted: string[] | undefined;
  const secrets = new Set<string>([cfg.privateKey]);

  const assertion = (): string => {
    const iat = Math.floor(deps.now() / 1000);
    const header: Record<string, unknown> = { typ: 'JWT' };
    if (kid) header.kid = kid;
    return signJwt(
      header,
      { aud: tokenUrl.toString(), iss: cfg.clientId, sub: cfg.clientId, iat, exp: iat + 300, jti: newJti() },
      key,
    );
  };

  const fetchToken = async (): Promise<CachedToken> => {
    // At most: plain → DPoP without nonce → DPoP with nonce → DPoP with a rotated nonce.
    for (let step = 0; step < 4; step++) {
      const clientAssertion = assertion();
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        scope: cfg.scopes.join(' '),
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: clientAssertion,
      });
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      if (dpop) headers.dpop = dpop.proof('POST', tokenUrl, { nonce: dpop.tokenNonce });
      // What this request carried, should the answer quote it back.
      const sent = [...secrets, clientAssertion, headers.dpop, kid].filter((s): s is string => typeof s === 'string');
      tokenRequests++;
      const res = await deps.transport({ url: tokenUrl, headers, body: form.toString() });
      const body = (res.body ?? {}) as OktaErrorBody & {
        access_token?: string;
        token_type?: string;
        expires_in?: number;
        scope?: string;
      };
      if (res.status === 200 && typeof body.access_token === 'string') {
        secrets.add(body.access_token);
        // The token answer lists the granted scopes (docs/okta-api.md §10); without the field, what was asked for.
        granted = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [...cfg.scopes];
        const type = body.token_type?.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
        const ttl = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
        deps.log(`obtained an OAuth access token (${type}, expires in ${Math.round(ttl / 1000)} s) for scopes ${cfg.scopes.join(' ')}`);
        return { value: body.access_token, type, expiresAt: deps.now() + ttl };
      }
      if (res.status === 400 && body.error === 'use_dpop_nonce') {
        const nonce = dpopNonceOf(res.headers);
        dpop ??= new DpopKey(deps.now);
        if (nonce && nonce !== dpop.tokenNonce) {
          dpop.tokenNonce = nonce;
          deps.log('token endpoint asked for a DPoP nonce; retrying with it');
          continue;
        }
      }
      if (res.status === 400 && body.error === 'invalid_dpop_proof' && !dpop) {
        dpop = new DpopKey(deps.now);
        deps.log('the service app requires DPoP; retrying the token request with a DPoP proof');
        continue;
      }
      const ctx: OktaErrorContext = {
        method: 'POST' as HttpMethod,
        path: TOKEN_PATH,
        status: res.status,
        body: errorBodyOf(res.body, sent),
        requestId: res.requestId,
        authMode: 'PrivateKey',
        scopes: cfg.scopes,
        attempts: res.attempts,
      };
      const refusal = typeof body.error === 'string' ? OAUTH_REFUSALS[body.error] : undefined;
      if (refusal && REFUSAL_STATUSES.includes(res.status)) throw new OktaAuthError(ctx, refusal(cfg));
      if (res.status === 400 && typeof body.error === 'string') {
        // invalid_request, unsupported_grant_type: the form okta-ou built, not anything the user set.
        throw new OktaValidationError(
          ctx,
          'Okta could not read the token request okta-ou sent: this is a bug in okta-ou, please report it with the ' +
            'command you ran and the request id',
        );
      }
      // Anything else (429 after the retries, 404/405 from a proxy or a wrong org URL, 5xx) is not a
      // verdict on the credentials: the usual typed error, so a drift job does not report "auth failed".
      throw errorFromResponse(ctx, TOKEN_PATH);
    }
    throw new OktaAuthError(
      {
        method: 'POST',
        path: TOKEN_PATH,
        status: 400,
        body: { error: 'use_dpop_nonce', error_description: 'the token endpoint kept asking for a new DPoP nonce' },
        authMode: 'PrivateKey',
        scopes: cfg.scopes,
      },
      OAUTH_REFUSALS.use_dpop_nonce(cfg),
    );
  };

  const token = async (): Promise<CachedToken> => {
    if (cached && !forcedRefresh && deps.now() < cached.expiresAt - REFRESH_MARGIN_MS) return cached;
    if (!pending) {
      pending = fetchToken()
        .then((t) => {
          cached = t;
          forcedRefresh = false;
          return t;
        })
        .finally(() => {
          pending = undefined;
        });
    }
    return pending;
  };

  return {
    mode: 'PrivateKey',
    scopes: cfg.scopes,
    get tokenRequests() {
      return tokenRequests;
    },
    async authorize(method, url): Promise<Record<string, string>> {
      const t = await token();
      if (t.type === 'DPoP') {
        dpop ??= new DpopKey(deps.now);
        return {
          authorization: `DPoP ${t.value}`,
          dpop: dpop.proof(method, url, { accessToken: t.value, nonce: dpop.apiNonce }),
        };
      }
      return { authorization: `Bearer ${t.value}` };
    },
    recover(status, headers) {
      if (status !== 401) return false;
      const nonce = dpopNonceOf(headers);
      const www = String(headers['www-authenticate'] ?? '');
      if (dpop && nonce && /use_dpop_nonce/.test(www) && nonce !== dpop.apiNonce) {
        dpop.apiNonce = nonce;
        deps.log('Okta asked for a new DPoP nonce; retrying the request with it');
        return true;
      }
      // The token may have been revoked or expired early: get a new one once.
      forcedRefresh = true;
      deps.log('access token refused (401); requesting a new one and retrying once');
      return true;
    },
    granted: () => granted,
    secrets: () => [...secrets],
  };
}
