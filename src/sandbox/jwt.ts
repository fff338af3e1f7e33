import { createHash, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Minimal JWS (compact) decoding and verification with node:crypto, for client assertions and DPoP proofs. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

const HASH: Record<string, string> = {
  RS256: 'sha256', RS384: 'sha384', RS512: 'sha512', ES256: 'sha256', ES384: 'sha384', ES512: 'sha512',
};

export const SUPPORTED_ALGS = Object.keys(HASH);

export function verifyJwt(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = String(jwt.header.alg ?? '');
  const hash = HASH[alg];
  if (!hash) return false;
  const isEc = alg.startsWith('ES');
  if (isEc !== (key.asymmetricKeyType === 'ec')) return false;
  try {
    return verify(hash, Buffer.from(jwt.signingInput), isEc ? { key, dsaEncoding: 'ieee-p1363' } : key, jwt.signature);
  } catch {
    return false;
  }
}

export function publicKeyFrom(jwkOrPem: JsonWebKey | string): KeyObject {
  if (typeof jwkOrPem === 'string') return createPublicKey(jwkOrPem);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwkOrPem as Record<string, unknown>;
  return createPublicKey({ key: pub as JsonWebKey, format: 'jwk' });
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url). */
export function jwkThumbprint(jwk: Record<string, unknown>): string {
  const members = jwk.kty === 'EC'
    ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
    : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export function sha256b64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
