import type { JsonWebKey } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AuditEntry } from './audit';
import { Faults, type FaultSpec } from './faults';
import { loadOrgSeed } from './load-org';
import { OAuthServer, type ClientRegistration } from './oauth';
import type { OrgState } from './org-state';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limits';
import { buildRouter } from './routes';
import { buildOrg } from './seed';
import { createSandboxServer } from './server';
import type { OrgSeed } from './types';

export type { AuditEntry } from './audit';
export type { FaultSpec, ActiveFault } from './faults';
export type { ClientRegistration } from './oauth';
export type { OrgState } from './org-state';
export type * from './types';
export { DEMO_ORG } from './demo-org';
export { buildOrg } from './seed';
export { setAgents } from './agents';

export interface SandboxOptions {
  /** 'demo' (default) | an OrgSeed | a path to a YAML/JSON org file. */
  org?: 'demo' | OrgSeed | string;
  port?: number;
  host?: string;
  /** SSWS API token; default random. */
  token?: string;
  /** Requests per minute per bucket (longest prefix wins); merged over the defaults. */
  rateLimits?: Record<string, number>;
  /** In-flight requests before 429 (Okta Workforce: 75). */
  concurrencyLimit?: number;
  /** Determinism for ids and fault rates. */
  seed?: number;
  /** Called after each request (e.g. `okta-ou sandbox --verbose` logs it on stderr). */
  onRequest?: (entry: AuditEntry) => void;
  /** How long an idle kept-alive connection stays open (Node's default 5 s); Okta's edge closes idle ones too. */
  keepAliveTimeoutMs?: number;
}

export interface Sandbox {
  /** The org URL, e.g. http://127.0.0.1:PORT (Link headers are absolute on it). */
  readonly url: string;
  readonly token: string;
  readonly org: OrgState;
  readonly audit: AuditEntry[];
  readonly faults: Faults;
  readonly rateLimiter: RateLimiter;
  registerClient(reg: ClientRegistration): void;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? 1;
  const orgSeed = loadOrgSeed(opts.org);
  const org = buildOrg(orgSeed, seed);
  const token = opts.token ?? '00' + randomBytes(30).toString('base64url');
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...(opts.rateLimits ?? {}) });
  const faults = new Faults(seed);
  const audit: AuditEntry[] = [];
  let url = '';
  const oauth = new OAuthServer(() => url);
  for (const app of orgSeed.serviceApps ?? []) {
    oauth.register({ clientId: app.clientId, publicKeyPem: app.publicKeyPem, publicJwk: app.publicJwk as JsonWebKey | undefined, kid: app.kid, scopes: app.scopes, dpop: app.dpop });
  }
  const server = createSandboxServer({
    org, router: buildRouter(), limiter, faults, ids: org.ids, audit, token, verifier: oauth,
    concurrencyLimit: opts.concurrencyLimit ?? DEFAULT_CONCURRENCY,
    handleOAuth: (req, u, body) => oauth.handle(req, u, body),
    base: () => url,
    onEntry: opts.onRequest,
  });
  if (opts.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = opts.keepAliveTimeoutMs;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url, token, org, audit, faults, rateLimiter: limiter,
    registerClient: (reg) => oauth.register(reg),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

export type { FaultSpec as SandboxFault };
