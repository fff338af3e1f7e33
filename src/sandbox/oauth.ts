import { randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AccessToken, TokenVerifier } from './auth';
import type { Reply } from './context';
import { decodeJwt, jwkThumbprint, publicKeyFrom, sha256b64url, SUPPORTED_ALGS, verifyJwt, type DecodedJwt } from './jwt';
import { OktaHttpError } from './okta-errors';

/** An OAuth 2.0 service app (private_key_jwt) registered with the sandbox's org authorization server. */
export interface ClientRegistration {
  clientId: string;
  publicJwk?: JsonWebKey;
  publicKeyPem?: string;
  kid?: string;
  /** Okta scopes granted to the app, e.g. ['okta.apps.read', 'okta.groups.read']. */
  scopes: string[];
  /** "Require Demonstrating Proof of Possession (DPoP) header in token requests". */
  dpop?: boolean;
  /**
   * Misbehave like a careless proxy: every refusal's error_description quotes the request back (the
   * client assertion, the DPoP proof, the key id). For tests that no such echo reaches okta-ou's output.
   */
  echoInErrors?: boolean;
  /** Tests: called with every credential of each token request and answer (assertion, proof, access token). */
  observe?: (credentials: string[]) => void;
}

interface Client {
  reg: ClientRegistration;
  key: KeyObject;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_TTL_S = 3600;
const PROOF_SKEW_S = 300;

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): Reply => ({
  status, body: { error, error_description: description }, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
});

/**
 * The org authorization server's token endpoint, POST /oauth2/v1/token (notes §10; DOCS
 * implement-oauth-for-okta-serviceapp, guides/dpop): client_credentials with a private_key_jwt client
 * assertion (RS/ES 256/384/512, kid, aud = <org>/oauth2/v1/token, iss = sub = client_id, exp in the
 * future and at most 1 h ahead, jti never reused). Access tokens are opaque, expire in 1 h, carry the
 * granted scopes. DPoP clients: the first proof without a nonce gets 400 use_dpop_nonce + DPoP-Nonce.
 */
export class OAuthServer implements TokenVerifier {
  private readonly clients = new Map<string, Client>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly usedJtis = new Set<string>();
  private readonly usedProofJtis = new Set<string>();
  readonly nonce = randomBytes(24).toString('base64url');

  constructor(private readonly base: () => string) {}

  register(reg: ClientRegistration): void {
    const material = reg.publicJwk ?? reg.publicKeyPem;
    if (!material) throw new Error('registerClient needs publicJwk or publicKeyPem');
    this.clients.set(reg.clientId, { reg, key: publicKeyFrom(material) });
  }

  lookup(token: string): AccessToken | undefined {
    return this.tokens.get(token);
  }

  handle(req: IncomingMessage, url: URL, body: string): Reply | undefined {
    const reply = this.answer(req, url, body);
    if (!reply || url.pathname !== '/oauth2/v1/token') return reply;
    const form = new URLSearchParams(body);
    const assertion = form.get('client_assertion') ?? '';
    const decoded = decodeJwt(assertion);
    const client = this.clients.get(String(decoded?.payload.iss ?? ''));
    const proof = typeof req.headers.dpop === 'string' ? req.headers.dpop : '';
    const issued = (reply.body as { access_token?: string } | undefined)?.access_token ?? '';
    client?.reg.observe?.([assertion, proof, issued].filter(Boolean));
    if (client?.reg.echoInErrors && reply.status >= 400) {
      const b = reply.body as { error_description?: string };
      b.error_description = `${b.error_description ?? ''} [request: ${body}; DPoP: ${proof}; kid: ${String(decoded?.header.kid ?? '')}]`;
    }
    return reply;
  }

  private answer(req: IncomingMessage, url: URL, body: string): Reply | undefined {
    if (url.pathname !== '/oauth2/v1/token') return undefined;
    if ((req.method ?? '').toUpperCase() !== 'POST') {
      return oauthError(405, 'invalid_request', 'The endpoint does not support the provided HTTP method.');
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].`);
    }
    if (form.get('client_assertion_type') !== JWT_BEARER || !form.get('client_assertion')) {
      return oauthError(401, 'invalid_client', 'Client authentication failed: private_key_jwt client assertion required.');
    }
    const assertion = decodeJwt(form.get('client_assertion')!);
    if (!assertion) return oauthError(401, 'invalid_client', 'The client_assertion token is malformed.');
    const clientId = String(assertion.payload.iss ?? '');
    const client = this.clients.get(clientId);
    const problem = client ? this.checkAssertion(client, assertion) : 'The client_assertion token has an invalid issuer.';
    if (problem) return oauthError(401, 'invalid_client', problem);
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (!requested.length) return oauthError(400, 'invalid_scope', "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
    const denied = requested.filter((s) => !client!.reg.scopes.includes(s));
    if (denied.length) return oauthError(400, 'invalid_scope', `The following scopes are not allowed: ${denied.join(', ')}`);

    let jkt: string | undefined;
    if (client!.reg.dpop) {
      const proofHeader = req.headers.dpop;
      if (typeof proofHeader !== 'string') return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
      const proof = decodeJwt(proofHeader);
      const bad = proof ? this.checkProof(proof, 'POST', `${this.base()}/oauth2/v1/token`) : 'The DPoP proof JWT is malformed.';
      if (bad) return oauthError(400, 'invalid_dpop_proof', bad);
      if (proof!.payload.nonce !== this.nonce) {
        return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', { 'DPoP-Nonce': this.nonce });
      }
      this.usedProofJtis.add(String(proof!.payload.jti));
      jkt = jwkThumbprint(proof!.header.jwk as Record<string, unknown>);
    }
    if (assertion.payload.jti !== undefined) this.usedJtis.add(String(assertion.payload.jti));
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, { clientId, scopes: new Set(requested), expiresAt: Date.now() + TOKEN_TTL_S * 1000, jkt });
    return {
      status: 200,
      body: { token_type: jkt ? 'DPoP' : 'Bearer', expires_in: TOKEN_TTL_S, access_token: accessToken, scope: requested.join(' ') },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    };
  }

  private checkAssertion(client: Client, jwt: DecodedJwt): string | undefined {
    const now = Math.floor(Date.now() / 1000);
    const p = jwt.payload;
    if (!SUPPORTED_ALGS.includes(String(jwt.header.alg))) return 'The client_assertion token has an unsupported algorithm.';
    if (client.reg.kid && jwt.header.kid !== client.reg.kid) return 'The client_assertion token has an unknown key id (kid).';
    if (!verifyJwt(jwt, client.key)) return 'The client_assertion signature is invalid.';
    if (p.sub !== client.reg.clientId) return 'The client_assertion token has an invalid subject.';
    if (p.aud !== `${this.base()}/oauth2/v1/token`) return 'The audience claim for client_assertion must be the endpoint invoked for the request.';
    if (typeof p.exp !== 'number' || p.exp <= now) return 'The client_assertion token is expired.';
    if (p.exp > now + TOKEN_TTL_S + 5) return 'The client_assertion token has an expiration too far in the future.';
    if (p.jti !== undefined && this.usedJtis.has(String(p.jti))) return 'The client_assertion token has already been used (jti reused).';
    return undefined;
  }

  private checkProof(proof: DecodedJwt, htm: string, htu: string): string | undefined {
    const h = proof.header;
    const p = proof.payload;
    if (h.typ !== 'dpop+jwt') return "The DPoP proof JWT header 'typ' must be 'dpop+jwt'.";
    const jwk = h.jwk as JsonWebKey | undefined;
    if (!jwk || typeof jwk !== 'object' || 'd' in jwk) return "The DPoP proof JWT header 'jwk' must be a public key.";
    let key: KeyObject;
    try {
      key = publicKeyFrom(jwk);
    } catch {
      return "The DPoP proof JWT header 'jwk' is invalid.";
    }
    if (!verifyJwt(proof, key)) return 'The DPoP proof JWT signature is invalid.';
    if (p.htm !== htm) return "The DPoP proof JWT 'htm' does not match the request method.";
    if (p.htu !== htu) return "The DPoP proof JWT 'htu' does not match the request URL.";
    const now = Math.floor(Date.now() / 1000);
    if (typeof p.iat !== 'number' || Math.abs(now - p.iat) > PROOF_SKEW_S) return "The DPoP proof JWT 'iat' is outside the acceptable range.";
    if (typeof p.jti !== 'string' || !p.jti) return "The DPoP proof JWT 'jti' is missing.";
    if (this.usedProofJtis.has(p.jti)) return "The DPoP proof JWT 'jti' has already been used.";
    return undefined;
  }

  /** API call with a DPoP-bound token: a fresh proof with htm, htu (no query), iat, jti, ath (notes §10). */
  verifyApiProof(req: IncomingMessage, url: URL, accessToken: string, token: AccessToken): void {
    const header = req.headers.dpop;
    const proof = typeof header === 'string' ? decodeJwt(header) : undefined;
    let bad = proof ? this.checkProof(proof, (req.method ?? '').toUpperCase(), `${this.base()}${url.pathname}`) : 'DPoP proof missing.';
    if (!bad && proof!.payload.ath !== sha256b64url(accessToken)) bad = "The DPoP proof JWT 'ath' does not match the access token.";
    if (!bad && jwkThumbprint(proof!.header.jwk as Record<string, unknown>) !== token.jkt) bad = 'The DPoP proof key does not match the access token binding.';
    if (bad) throw new OktaHttpError(401, 'E0000011', 'Invalid token provided', [bad]);
    this.usedProofJtis.add(String(proof!.payload.jti));
  }
}
