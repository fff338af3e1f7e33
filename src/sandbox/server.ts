import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AuditEntry } from './audit';
import { WRITE_METHODS } from './audit';
import { authenticate, authorize, type TokenVerifier } from './auth';
import type { Reply, RouteContext } from './context';
import type { ActiveFault, Faults } from './faults';
import type { IdSource } from './ids';
import { errorBody, errorForStatus, malformedBody, methodNotAllowed, OktaHttpError, rateLimited } from './okta-errors';
import type { OrgState } from './org-state';
import type { RateLimiter, RateVerdict } from './rate-limits';
import type { Router } from './router';

export interface ServerDeps {
  org: OrgState;
  router: Router;
  limiter: RateLimiter;
  faults: Faults;
  ids: IdSource;
  audit: AuditEntry[];
  token: string;
  verifier: TokenVerifier;
  concurrencyLimit: number;
  /** The token endpoint and other non-/api routes (oauth.ts). */
  handleOAuth?: (req: IncomingMessage, url: URL, body: string) => Reply | undefined;
  base: () => string;
  /** Called once per request when its response is finished or its connection reset. */
  onEntry?: (entry: AuditEntry) => void;
}

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The request pipeline, in Okta's order as far as it is observable: concurrency → route (404) → auth
 * (401) → rate-limit bucket (429) → method (405) → scope (403) → faults → body (411, 400) → handler.
 * Every response carries X-Okta-Request-Id, Date and X-Rate-Limit-*; header names are cased as the
 * recordings captured them on the wire (lowercase x-okta-request-id / x-rate-limit-*, then Content-Type,
 * Date, Link).
 */
export function createSandboxServer(deps: ServerDeps): Server {
  let inFlight = 0;
  return createServer((req, res) => {
    inFlight++;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        inFlight--;
      }
    };
    res.on('close', release);
    handle(deps, req, res, inFlight).catch((err) => {
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, body: errorBody(errorForStatus(500), deps.ids.errorId()) });
      }
      // Unexpected handler errors become Okta's 500 E0000009; the sandbox keeps serving.
      void err;
    }).finally(release);
  });
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, inFlight: number): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.base());
  const path = url.pathname;
  const requestId = deps.ids.requestId();
  const entry: AuditEntry = { method, path, query: Object.fromEntries(url.searchParams), status: 0, at: new Date().toISOString(), requestId };
  deps.audit.push(entry);
  if (deps.onEntry) res.once('close', () => deps.onEntry!(entry));
  res.setHeader('x-okta-request-id', requestId);
  let verdict: RateVerdict = deps.limiter.peek(path);
  const finish = (reply: Reply) => {
    entry.status = reply.status;
    setRateHeaders(res, verdict);
    send(res, reply);
  };
  const fail = (err: OktaHttpError) => finish({ status: err.status, body: errorBody(err, deps.ids.errorId()), headers: err.headers });

  const raw = await readBody(req).catch(() => '');
  if (WRITE_METHODS.has(method) && raw && !path.startsWith('/oauth2/')) {
    try {
      entry.body = JSON.parse(raw);
    } catch {
      entry.body = raw;
    }
  }

  if (inFlight > deps.concurrencyLimit) {
    // Concurrency violations: limit and remaining 0, reset only an estimate (rl2-concurrency docs).
    verdict = { bucket: 'concurrency', limit: 0, remaining: 0, reset: Math.ceil(Date.now() / 1000) + 1, allowed: false };
    return fail(rateLimited());
  }

  if (deps.handleOAuth && path.startsWith('/oauth2/')) {
    verdict = deps.limiter.take(path);
    if (!verdict.allowed) return fail(rateLimited());
    const reply = deps.handleOAuth(req, url, raw);
    if (reply) return finish(reply);
  }

  const match = deps.router.match(path);
  if (!match) return fail(new OktaHttpError(404, 'E0000007', `Not found: Resource not found: ${path} (Path)`));

  let principal;
  try {
    principal = authenticate(req, url, deps.token, deps.verifier, Date.now());
  } catch (e) {
    if (e instanceof OktaHttpError) return fail(e);
    throw e;
  }

  verdict = deps.limiter.take(path);
  if (!verdict.allowed) return fail(rateLimited());

  const spec = match.route.methods[method];
  if (!spec) {
    res.setHeader('Allow', Object.keys(match.route.methods).join(', '));
    return fail(methodNotAllowed());
  }
  try {
    authorize(principal, spec.scopes);
  } catch (e) {
    if (e instanceof OktaHttpError) return fail(e);
    throw e;
  }

  const hits = deps.faults.select(method, path);
  let afterFault: ActiveFault | undefined;
  for (const f of hits) {
    entry.fault = f.spec.name ?? f.spec.kind;
    if (f.spec.kind === 'latency') {
      await sleep(f.spec.ms ?? 50);
    } else if (f.spec.after && (f.spec.kind === 'status' || f.spec.kind === 'reset')) {
      afterFault = f;
    } else if (f.spec.kind === 'reset') {
      entry.status = 0;
      req.socket.destroy();
      return;
    } else if (f.spec.kind === 'rateLimit') {
      verdict = { ...verdict, remaining: 0, reset: Math.ceil(Date.now() / 1000) + (f.spec.resetSeconds ?? 1) };
      return fail(rateLimited());
    } else {
      return fail(faultError(f));
    }
  }

  // Okta (core-okta-api "HTTP verbs"): a PUT or POST with no body and no Content-Length gets 411.
  if ((method === 'PUT' || method === 'POST') && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    return fail(new OktaHttpError(411, 'E0000003', 'The request body was not well-formed.', ['Length Required: send a body or Content-Length: 0']));
  }
  let body: unknown;
  if (raw.trim()) {
    try {
      body = JSON.parse(raw);
    } catch {
      return fail(malformedBody());
    }
  }
  const ctx: RouteContext = { req, method, url, query: url.searchParams, params: match.params, body, org: deps.org, base: deps.base() };
  let reply: Reply;
  try {
    reply = spec.handler(ctx);
  } catch (e) {
    // A handler bug answers like Okta's own 500 (E0000009) and stays in the audit log.
    return fail(e instanceof OktaHttpError ? e : errorForStatus(500));
  }
  if (afterFault) {
    if (afterFault.spec.kind === 'reset') {
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    return fail(faultError(afterFault));
  }
  finish(reply);
}

function faultError(f: ActiveFault): OktaHttpError {
  const base = errorForStatus(f.spec.status ?? 500);
  if (!f.spec.errorCode && !f.spec.errorSummary) return base;
  return new OktaHttpError(base.status, f.spec.errorCode ?? base.errorCode, f.spec.errorSummary ?? base.errorSummary, base.causes);
}

function setRateHeaders(res: ServerResponse, v: RateVerdict): void {
  res.setHeader('x-rate-limit-limit', String(v.limit));
  res.setHeader('x-rate-limit-remaining', String(v.remaining));
  res.setHeader('x-rate-limit-reset', String(v.reset));
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.status === 204 || reply.body === undefined) {
    res.statusCode = reply.status;
    if (reply.status !== 204) res.setHeader('Content-Length', '0');
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text);
}
