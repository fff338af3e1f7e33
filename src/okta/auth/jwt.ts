/**
 * Compact JWS signing with node:crypto for the private_key_jwt client assertion and DPoP proofs.
 * RS256 for RSA keys; ES256/384/512 for EC keys, whose JOSE signature is the raw r||s pair
 * (RFC 7518 §3.4), which node produces with `dsaEncoding: 'ieee-p1363'` (its default is DER).
 */
import { createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject, type JsonWebKey } from 'node:crypto';
import { OktaConfigError } from '../errors';

export type JwsAlg = 'RS256' | 'ES256' | 'ES384' | 'ES512';

export interface SigningKey {
  key: KeyObject;
  alg: JwsAlg;
  /** From the JWK's `kid` when the key was given as a JWK. */
  kid?: string;
}

export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Parses OKTA_CLIENT_PRIVATEKEY: a PEM (PKCS#1 or PKCS#8) or a JWK as JSON. Errors never echo the key.
 */
export function parseSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  let key: KeyObject;
  let kid: string | undefined;
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey & { kid?: string };
      kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else if (trimmed.includes('-----BEGIN')) {
      // Keys pasted into env files often carry literal "\n" sequences.
      key = createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' });
    } else {
      throw new Error('neither PEM nor JWK JSON');
    }
  } catch {
    throw new OktaConfigError(
      'OKTA_CLIENT_PRIVATEKEY is not a readable private key',
      'set it to the private key itself (not a file path): an unencrypted PKCS#8 or PKCS#1 PEM text ' +
        'or the private JWK as JSON, as downloaded when the key was added to the service app',
    );
  }
  return { key, alg: algFor(key), kid };
}

function algFor(key: KeyObject): JwsAlg {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
  }
  throw new OktaConfigError(
    `OKTA_CLIENT_PRIVATEKEY has an unsupported key type (${key.asymmetricKeyType ?? 'unknown'})`,
    'Okta service apps accept RSA or EC (P-256, P-384, P-521) keys; generate one of those',
  );
}

/** Signs `header.claims` as a compact JWS. */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: SigningKey): string {
  const input = `${base64url(JSON.stringify({ ...header, alg: key.alg }))}.${base64url(JSON.stringify(claims))}`;
  const hash = key.alg === 'RS256' || key.alg === 'ES256' ? 'sha256' : key.alg === 'ES384' ? 'sha384' : 'sha512';
  const sig =
    key.alg === 'RS256'
      ? sign(hash, Buffer.from(input), key.key)
      : sign(hash, Buffer.from(input), { key: key.key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url(sig)}`;
}

/** The public half of a key as a JWK (for the DPoP proof header). */
export function publicJwk(key: KeyObject): JsonWebKey {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return jwk;
}

export function newJti(): string {
  return randomUUID();
}
