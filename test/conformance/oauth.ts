// A minimal OAuth 2.0 service-app client (private_key_jwt, RFC 7523) for the tests that need a
// scoped Bearer token from the local Okta's POST /oauth2/v1/token.
import { generateKeyPairSync, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { request } from 'undici';

export interface ServiceApp {
  clientId: string;
  kid: string;
  privateKey: KeyObject;
  publicJwk: JsonWebKey;
}

export function newServiceApp(clientId: string): ServiceApp {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `kid-${clientId}`;
  return { clientId, kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** The client assertion Okta expects: iss = sub = client id, aud = the token endpoint. */
export function clientAssertion(app: ServiceApp, tokenUrl: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: app.kid }));
  const claims = b64url(
    JSON.stringify({ iss: app.clientId, sub: app.clientId, aud: tokenUrl, iat: now, exp: now + 300, jti: randomUUID() }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), app.privateKey);
  return `${header}.${claims}.${b64url(signature)}`;
}

export async function fetchAccessToken(orgUrl: string, app: ServiceApp, scopes: string[]): Promise<string> {
  const tokenUrl = `${orgUrl}/oauth2/v1/token`;
  const res = await request(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: scopes.join(' '),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion(app, tokenUrl),
    }).toString(),
  });
  const body = (await res.body.json()) as { access_token?: string };
  if (res.statusCode !== 200 || !body.access_token) {
    throw new Error(`token request failed: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}
