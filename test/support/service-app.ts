/**
 * An OAuth 2.0 service app (private_key_jwt, DPoP required) registered with the local Okta, for tests
 * that sign in as one: its environment, without OKTA_CLIENT_SCOPES (add it where a test needs it).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Sandbox } from './sandbox';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let registered = 0;

/** Registers a new service app granted `granted` and returns its OKTA_CLIENT_* environment. */
export function serviceAppEnv(sb: Sandbox, granted: string[]): Record<string, string> {
  const clientId = `0oaSERVICEAPP${++registered}`;
  sb.registerClient({ clientId, publicJwk: publicKey.export({ format: 'jwk' }), kid: 'k1', scopes: granted, dpop: true });
  return {
    OKTA_CLIENT_ORGURL: sb.url,
    OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey',
    OKTA_CLIENT_CLIENTID: clientId,
    OKTA_CLIENT_PRIVATEKEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    OKTA_CLIENT_KEYID: 'k1',
  };
}
