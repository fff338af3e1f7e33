import type { HttpMethod } from '../api';

/** How a request is authorised. Implementations: SSWS token, OAuth 2.0 private_key_jwt (optionally DPoP). */
export interface AuthProvider {
  readonly mode: 'SSWS' | 'PrivateKey';
  /** Scopes requested (OAuth); [] for SSWS. */
  readonly scopes: readonly string[];
  /** Headers that authorise one API call to `url`. May fetch a token first. */
  authorize(method: HttpMethod, url: URL): Promise<Record<string, string>>;
  /** After a 401: true when one more attempt with fresh credentials may succeed (new DPoP nonce, expired token). */
  recover(status: number, headers: Record<string, string | string[]>): boolean;
  /** OAuth: the scopes of the current token, as its answer's `scope` lists them; undefined before one (or for SSWS). */
  granted?(): readonly string[] | undefined;
  /** Secret values to scrub from logs and errors. */
  secrets(): string[];
}

/** One HTTP exchange with the org's token endpoint, made by the client (pool, governor, counters). */
export type TokenTransport = (req: {
  url: URL;
  headers: Record<string, string>;
  body: string;
}) => Promise<{
  status: number;
  headers: Record<string, string | string[]>;
  body: unknown;
  requestId?: string;
  /** Attempts the client made (retries of 429 and 5xx included). */
  attempts?: number;
}>;
