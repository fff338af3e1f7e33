/**
 * DPoP (RFC 9449) for OAuth service apps that require it ("Require Demonstrating Proof of Possession",
 * developer.okta.com guides/dpop). One ephemeral P-256 key per client; a fresh proof per request, with
 * `htm`, `htu` (the URL without query or fragment, RFC 9449 §4.2), `iat`, a unique `jti`, the server's
 * nonce when it gave one, and for resource requests `ath` = base64url(SHA-256(access token)).
 */
import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { base64url, newJti, publicJwk, signJwt, type SigningKey } from './jwt';

export class DpopKey {
  private readonly signing: SigningKey;
  private readonly jwk: JsonWebKey;
  /** Nonce from the token endpoint's DPoP-Nonce header. */
  tokenNonce?: string;
  /** Nonce from the resource server, after a 401 use_dpop_nonce. */
  apiNonce?: string;

  constructor(private readonly now: () => number) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.signing = { key: privateKey, alg: 'ES256' };
    const { kty, crv, x, y } = publicJwk(privateKey);
    this.jwk = { kty, crv, x, y };
  }

  /** A proof for `method url`; `accessToken` binds it to the token (API calls only). */
  proof(method: string, url: string | URL, opts: { nonce?: string; accessToken?: string } = {}): string {
    const u = new URL(url.toString());
    const htu = `${u.origin}${u.pathname}`;
    const claims: Record<string, unknown> = {
      htm: method,
      htu,
      iat: Math.floor(this.now() / 1000),
      jti: newJti(),
    };
    if (opts.nonce) claims.nonce = opts.nonce;
    if (opts.accessToken) claims.ath = base64url(createHash('sha256').update(opts.accessToken).digest());
    return signJwt({ typ: 'dpop+jwt', jwk: this.jwk }, claims, this.signing);
  }
}

/** The nonce a server asks for: 400/401 with error "use_dpop_nonce" and a DPoP-Nonce header. */
export function dpopNonceOf(headers: Record<string, string | string[]>): string | undefined {
  const v = headers['dpop-nonce'];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
