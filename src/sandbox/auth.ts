import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { forbidden, invalidToken } from './okta-errors';

/** An issued OAuth access token (opaque to clients). */
export interface AccessToken {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
  /** JWK thumbprint the token is bound to (DPoP), if any. */
  jkt?: string;
}

export interface Principal {
  kind: 'ssws' | 'oauth';
  token?: AccessToken;
}

export interface TokenVerifier {
  lookup(token: string): AccessToken | undefined;
  /** Verifies the DPoP proof of an API call; throws OktaHttpError when it is wrong. */
  verifyApiProof(req: IncomingMessage, url: URL, accessToken: string, token: AccessToken): void;
}

function equalSecret(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * Authorization (notes §10): `SSWS <api token>` (full admin rights), `Bearer <access token>` from the
 * org authorization server, `DPoP <access token>` + a DPoP proof for DPoP-bound tokens. Anything else,
 * an expired token, or a DPoP-bound token sent as Bearer → 401 E0000011.
 */
export function authenticate(req: IncomingMessage, url: URL, ssws: string, verifier: TokenVerifier, now: number): Principal {
  const header = req.headers.authorization;
  if (!header) throw invalidToken();
  const space = header.indexOf(' ');
  const scheme = space > 0 ? header.slice(0, space) : header;
  const value = space > 0 ? header.slice(space + 1).trim() : '';
  if (scheme === 'SSWS') {
    if (value && equalSecret(value, ssws)) return { kind: 'ssws' };
    throw invalidToken();
  }
  if (scheme === 'Bearer' || scheme === 'DPoP') {
    const token = verifier.lookup(value);
    if (!token || token.expiresAt <= now) throw invalidToken();
    if (token.jkt) {
      if (scheme !== 'DPoP') throw invalidToken();
      verifier.verifyApiProof(req, url, value, token);
    } else if (scheme === 'DPoP') {
      throw invalidToken();
    }
    return { kind: 'oauth', token };
  }
  throw invalidToken();
}

export function authorize(principal: Principal, scopes: string[]): void {
  if (principal.kind === 'ssws') return;
  const granted = principal.token!.scopes;
  if (!scopes.some((s) => granted.has(s))) throw forbidden();
}

