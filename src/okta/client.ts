/**
 * The Okta Management API client okta-ou uses everywhere: one undici Pool per org (keep-alive), JSON in
 * and out, every call through the rate-limit governor, retries by the rules in retry.ts, typed errors,
 * Link paging, and a call counter per bucket for the plan's budget (docs/design.md §4).
 */
import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import { USER_AGENT } from '../version';
import { EXIT, OktaOuError } from '../errors';
import type { CallCounts, HttpMethod, OktaApi, OktaResponse, RequestOptions } from './api';
import type { ConnectionConfig } from './config';
import { bucketOf, maxPageLimit, TOKEN_BUCKET } from './buckets';
import { errorFromResponse, OktaNetworkError, OktaProtocolError, networkCode } from './errors';
import { errorBodyOf } from './error-body';
import { isLoopbackRefusal, LoopbackRefused } from './loopback-refused';
import { nonOktaAnswer } from './non-okta-answer';
import { Governor, ORG_CONCURRENCY_LIMIT } from './governor';
import { findLink } from './link';
import { redact } from './redact';
import { createDispatcher, describeProxy } from './proxy';
import {
  backoffMs,
  DEFAULT_MAX_RETRIES,
  fullWindowMs,
  isIdempotent,
  isTransientNetworkError,
  NO_RESET_429_MAX_RETRIES,
  retryHeaders,
} from './retry';
import { decide, FIRST_ATTEMPT } from './retry-decision';
import { createSswsAuth } from './auth/ssws';
import { createPrivateKeyAuth } from './auth/private-key-jwt';
import type { AuthProvider } from './auth/types';

export interface OktaClientOptions {
  /** Receives log lines (already scrubbed of secrets). Waits are always logged; requests and retries only when verbose. */
  log?: (line: string) => void;
  verbose?: boolean;
  /** Share of each rate-limit bucket to use; overrides config.maxCapacity. */
  maxCapacity?: number;
  /** Requests in flight at most (default 8; capped at the share of Okta's org concurrency limit of 75). */
  maxConcurrency?: number;
  /** Per-request timeout for headers and for body (ms, default 60 000). */
  timeoutMs?: number;
  /** Retries per request (default 5). */
  maxRetries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Aborts requests and stops before the next one (SIGINT). */
  signal?: AbortSignal;
  /**
   * Stops before the next request and ends every wait (rate-limit, back-off) at once, but lets a request
   * already sent finish (apply: a write is never cut off mid-way, and nothing new is sent).
   */
  stopSignal?: AbortSignal;
  /** Keep-alive idle timeout of pooled connections (ms, default 4 000). */
  keepAliveTimeoutMs?: number;
  /** Use this dispatcher instead of an own Pool (tests with MockAgent). Not closed by close(). */
  dispatcher?: Dispatcher;
}

/** The client: OktaApi plus a few read-only facts for verbose output and tests. */
export interface OktaClient extends OktaApi {
  readonly authMode: 'SSWS' | 'PrivateKey';
  /** Requests made to the token endpoint (OAuth); not part of counts(). */
  tokenRequests(): number;
  /** Requests in flight right now. */
  inFlight(): number;
  /** Gets the OAuth access token now, without an API call; returns the scopes it was granted ([] for SSWS). */
  authenticate(): Promise<string[]>;
  /** The rate-limit headroom Okta last reported for each bucket called so far. */
  rateLimits(): Record<string, { limit: number; remaining: number }>;
}

export const DEFAULT_MAX_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 60_000;

interface SendOptions {
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  okStatuses?: number[];
  /** Return every answer instead of throwing (token endpoint). */
  raw?: boolean;
  /** Skip API authorisation (token endpoint). */
  noAuth?: boolean;
  /** Safe to repeat even though not idempotent (token requests). */
  repeatable?: boolean;
  /** Never repeat after an unknown outcome (5xx, network failure), whatever the method. */
  once?: boolean;
}

/** A timer that a stop clears (so no wait keeps the process alive after it); once stopped, waits never end. */
function stoppableSleep(ms: number, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop?.aborted) return;
    const onStop = (): void => clearTimeout(timer);
    const timer = setTimeout(() => {
      stop?.removeEventListener('abort', onStop);
      resolve();
    }, ms);
    stop?.addEventListener('abort', onStop, { once: true });
  });
}

/**
 * Two turns of the event loop. After seconds of synchronous work (planning 100,000 assignments) the server
 * may have closed an idle kept-alive connection, and undici learns it only once the loop reads the close:
 * a write sent before that goes out on the dead socket and its answer is lost (apply then reads it back and
 * waits for it to settle; a PUT or DELETE would be retried, but after a back-off). A GET is retried at once
 * at no cost, so only writes wait for the turns.
 */
async function loopTurns(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
}

/** `p`, or the ABORTED error as soon as `stop` fires (what `p` yields afterwards is handed to `late`). */
function untilStopped<T>(p: Promise<T>, stop: AbortSignal | undefined, late: (v: T) => void = () => undefined): Promise<T> {
  if (!stop) return p;
  return new Promise<T>((resolve, reject) => {
    const onStop = (): void => reject(aborted());
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
    p.then(
      (v) => {
        stop.removeEventListener('abort', onStop);
        if (stop.aborted) late(v);
        else resolve(v);
      },
      (e) => {
        stop.removeEventListener('abort', onStop);
        reject(e);
      },
    );
  });
}

export function createOktaClient(config: ConnectionConfig, opts: OktaClientOptions = {}): OktaClient {
  const now = opts.now ?? Date.now;
  const stop = opts.stopSignal;
  const sleep = (ms: number): Promise<void> => (stop?.aborted ? new Promise<void>(() => undefined) : opts.sleep ? opts.sleep(ms) : stoppableSleep(ms, stop));
  const random = opts.random ?? Math.random;
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxCapacity = opts.maxCapacity ?? config.maxCapacity;
  const maxConcurrency = Math.max(
    1,
    Math.min(opts.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY, Math.floor(ORG_CONCURRENCY_LIMIT * maxCapacity)),
  );
  // Every request waiting or in flight listens on the command's signals (and undici on `signal`), and
  // each removes its listener when done: hundreds at once are expected (a plan reads the members of every
  // changed group side by side), not a leak, so Node's warning past 10 listeners is switched off for them.
  for (const s of [opts.signal, stop]) if (s) setMaxListeners(0, s);
  const origin = new URL(config.orgUrl).origin;
  const ownPool = opts.dispatcher === undefined;
  const dispatcher: Dispatcher =
    opts.dispatcher ??
    createDispatcher(origin, config.proxy, {
      connections: maxConcurrency,
      keepAliveTimeout: opts.keepAliveTimeoutMs ?? 4_000,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });

  let auth: AuthProvider;
  const secrets = (): string[] => (auth ? auth.secrets() : []);
  const emit = (line: string): void => opts.log?.(redact(line, secrets()));
  const verbose = (line: string): void => {
    if (opts.verbose) emit(line);
  };

  const proxyLine = ownPool ? describeProxy(origin, config.proxy) : undefined;
  if (proxyLine) verbose(proxyLine);

  const governor = new Governor({ maxCapacity, maxConcurrency, now, sleep, log: emit });
  const reads: Record<string, number> = {};
  const writes: Record<string, number> = {};
  let tokenCalls = 0;

  /** Transport: one HTTP exchange through the pool, nothing more (undici's own timeouts). */
  const transport = async (method: HttpMethod, url: URL, headers: Record<string, string>, body: string | undefined) => {
    if (method !== 'GET') await loopTurns();
    const r = await dispatcher.request({
      origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body,
      signal: opts.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    return { status: r.statusCode, headers: cleanHeaders(r.headers), text: await r.body.text() };
  };

  /** Governor: a slot for the bucket; a stop ends the wait at once and a slot granted after it goes straight back. */
  const slot = async (bucket: string): Promise<() => void> => {
    const release = await untilStopped(governor.acquire(bucket, { outsideConcurrency: bucket === TOKEN_BUCKET }), stop, (r) => r());
    if (opts.signal?.aborted || stop?.aborted) {
      release();
      throw aborted();
    }
    return release;
  };

  /**
   * One request: slot (governor) → credentials (auth, after the wait so they are fresh) → exchange
   * (transport) → what next (retry-decision.ts, the pure rules) until it returns or fails.
   */
  const send = async (method: HttpMethod, url: URL, so: SendOptions): Promise<OktaResponse & { attempts?: number }> => {
    const path = url.pathname;
    // Made only for a line that is printed (not for each of the 500 pages of a large app, most unlogged).
    const shown = (): string => `${method} ${path}${url.search ? redact(url.search, secrets()) : ''}`;
    const bucket = bucketOf(path);
    const rules = { idempotent: (isIdempotent(method) || so.repeatable === true) && so.once !== true, maxRetries };
    let state = FIRST_ATTEMPT;
    let attempts = 0;
    let firstRequestId: string | undefined;
    const retryNote = (retries: number): string => `retry ${retries} of ${maxRetries}; ${method} is idempotent`;
    for (;;) {
      if (opts.signal?.aborted || stop?.aborted) throw aborted();
      attempts++;
      const release = await slot(bucket);
      let authHeaders: Record<string, string>;
      try {
        authHeaders = so.noAuth ? {} : await auth.authorize(method, url);
      } catch (e) {
        release();
        throw e;
      }
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: 'application/json',
        ...so.headers,
        ...authHeaders,
        ...(state.retries > 0 ? retryHeaders(firstRequestId, state.retries) : {}),
      };
      if (so.body !== undefined) headers['content-type'] = so.contentType ?? 'application/json';
      const started = now();
      let answer: { status: number; headers: Record<string, string | string[]>; text: string };
      try {
        answer = await transport(method, url, headers, so.body);
      } catch (e) {
        release();
        if (opts.signal?.aborted) throw aborted();
        const why = networkCode(e) ?? (e as Error).message;
        if (isLoopbackRefusal(origin, e)) throw new LoopbackRefused(method, path, origin, e);
        const d = decide({ status: null, transientNetwork: isTransientNetworkError(e) }, state, rules);
        if (d.action === 'retry') {
          state = d.next;
          const wait = backoffMs(state.retries, random);
          // Announced whatever --verbose says: without it a dead connection looks like a hang.
          emit(`${shown()} failed (${why}); retrying in ${fmtSeconds(wait)} (${retryNote(state.retries)})`);
          await untilStopped(sleep(wait), stop);
          continue;
        }
        if (d.action === 'fail' && d.notIdempotent) verbose(`${shown()} failed (${why}); not retried: ${method} ${so.once ? 'is read back instead' : 'is not idempotent and Okta may have applied it'}`);
        throw new OktaNetworkError(method, path, e, { attempts, retried: rules.idempotent });
      }
      const { status, headers: resHeaders, text } = answer;
      if (bucket === TOKEN_BUCKET) tokenCalls++;
      else (method === 'GET' ? reads : writes)[bucket] = ((method === 'GET' ? reads : writes)[bucket] ?? 0) + 1;
      governor.learn(bucket, resHeaders);
      // Block the bucket before giving up the slot, so a request queued behind this one does not go into
      // the same spent window.
      let noUsableReset = false;
      if (status === 429) {
        const retry = state.retries < maxRetries ? ` (retry ${state.retries + 1} of ${maxRetries})` : '';
        if (governor.blockAfter429(bucket, resHeaders, `rate-limit reset after 429 on ${method} ${path}${retry}`) === undefined) {
          noUsableReset = true;
          const ms = governor.blockFor(bucket, fullWindowMs(random), `rate-limit window after a 429 without X-Rate-Limit-Reset on ${method} ${path}`);
          const cap = Math.min(maxRetries, NO_RESET_429_MAX_RETRIES);
          const next = state.noResetRetries < cap && state.retries < maxRetries ? `before retry ${state.noResetRetries + 1} of ${cap}` : 'for the requests after it';
          emit(
            `429 on ${method} ${path} without a usable X-Rate-Limit-Reset (missing, repeated, comma-joined or more than two minutes ahead); ` +
              `blocking ${bucket} for one full 60 s rate-limit window plus jitter (${fmtSeconds(ms)}) ${next}`,
          );
        }
      }
      release();
      const requestId = single(resHeaders['x-okta-request-id']);
      firstRequestId ??= requestId;
      if (opts.verbose) {
        const snap = governor.snapshot(bucket);
        const left = snap.limit !== undefined ? `; ${bucket} ${snap.remaining}/${snap.limit} left` : '';
        verbose(`${shown()} → ${status} (${now() - started} ms${left}${requestId ? `; request id ${requestId}` : ''})`);
      }
      const foreign = nonOktaAnswer(method, url, status, resHeaders, text);
      if (foreign) throw foreign;
      const body = parseBody(text);
      const accepted = (status >= 200 && status < 300) || so.okStatuses?.includes(status) === true;
      // auth.recover may refresh credentials: asked only for a 401 that could be retried.
      const authRecoverable = status === 401 && !so.noAuth && !state.authRetried && auth.recover(status, resHeaders);
      const d = decide({ status, accepted, noUsableReset, authRecoverable }, state, rules);
      if (d.action === 'return') return { status, headers: resHeaders, body, requestId };
      if (d.action === 'retry') {
        state = d.next;
        if (d.wait === 'backoff') {
          const wait = backoffMs(state.retries, random);
          verbose(`${shown()} → ${status}; retrying in ${fmtSeconds(wait)} (${retryNote(state.retries)})`);
          await untilStopped(sleep(wait), stop);
        }
        // 'governor': the block set above is waited out when the next slot is acquired.
        continue;
      }
      if (d.notIdempotent) verbose(`${shown()} → ${status}; not retried: ${method} ${so.once ? 'is read back instead' : 'is not idempotent and Okta may have applied it'}`);
      // The token endpoint's caller decides what the answer means; attempts go into its error message.
      if (so.raw) return { status, headers: resHeaders, body, requestId, attempts };
      throw errorFromResponse(
        {
          method,
          path,
          status,
          // The request's own credentials too (a DPoP proof is per request): an answer may quote them.
          body: errorBodyOf(body, [...secrets(), ...Object.values(authHeaders)]),
          requestId,
          authMode: auth.mode,
          scopes: auth.scopes,
          attempts,
        },
        bucket,
      );
    }
  };

  auth =
    config.auth.mode === 'SSWS'
      ? createSswsAuth(config.auth.token)
      : createPrivateKeyAuth(
          { orgUrl: origin, ...config.auth },
          {
            now,
            log: verbose,
            transport: async ({ url, headers, body }) =>
              send('POST', url, {
                body,
                contentType: headers['content-type'],
                headers,
                raw: true,
                noAuth: true,
                repeatable: true,
              }),
          },
        );

  const toUrl = (path: string, query?: RequestOptions['query']): URL => {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.startsWith('/') ? path : `/${path}`, origin);
    if (url.origin !== origin) {
      throw new OktaProtocolError(
        `refusing to send a request for ${url.origin} to ${origin}`,
        'okta-ou sends the token only to the configured org: if the org also answers on another domain (a custom ' +
          'domain), set OKTA_CLIENT_ORGURL to the one Okta uses in its links; otherwise this is a bug in okta-ou, ' +
          'please report it with the command you ran',
      );
    }
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url;
  };

  const client: OktaClient = {
    orgUrl: origin,
    get authMode() {
      return auth.mode;
    },
    async request<T = unknown>(method: HttpMethod, path: string, ro: RequestOptions = {}): Promise<OktaResponse<T>> {
      const url = toUrl(path, ro.query);
      let body: string | undefined;
      if (ro.body !== undefined) body = JSON.stringify(ro.body);
      // Okta answers 411 Length Required to a PUT/POST with neither body nor Content-Length.
      else if (method === 'PUT' || method === 'POST') body = '{}';
      return (await send(method, url, { body, okStatuses: ro.okStatuses, once: ro.noRetryOnUnknownOutcome })) as OktaResponse<T>;
    },
    async *pages<T = unknown>(path: string, query?: RequestOptions['query']): AsyncGenerator<T[], void, undefined> {
      const q = { ...query };
      if (q.limit === undefined) q.limit = maxPageLimit(toUrl(path).pathname);
      let url = toUrl(path, q);
      const seen = new Set<string>();
      for (;;) {
        seen.add(url.href);
        const res = await send('GET', url, {});
        if (!Array.isArray(res.body)) {
          throw new OktaProtocolError(
            `GET ${url.pathname}: ${url.host} answered ${res.body === null ? 'nothing' : typeof res.body} where a list was expected${idOf(res.requestId)}`,
            'if the org URL is right (not a proxy or another site), this is a bug in okta-ou: please report it with ' +
              'the command you ran and the request id',
          );
        }
        yield res.body as T[];
        const next = findLink(res.headers.link, 'next', url.href);
        if (!next) return;
        const nextUrl = new URL(next);
        if (nextUrl.origin !== origin) {
          throw new OktaProtocolError(
            `GET ${url.pathname}: the next-page link points to ${nextUrl.origin}, not the org ${origin}${idOf(res.requestId)}`,
            'okta-ou follows links only on the configured org so credentials never leave it; if the org uses a ' +
              'custom domain, set OKTA_CLIENT_ORGURL to that domain',
          );
        }
        if (seen.has(nextUrl.href)) {
          throw new OktaProtocolError(
            `GET ${url.pathname}: the next-page link repeats a page already read${idOf(res.requestId)}`,
            'Okta returned a pagination loop; retry, and report it to Okta support with the request id if it persists',
          );
        }
        url = nextUrl;
      }
    },
    async list<T = unknown>(path: string, query?: RequestOptions['query']): Promise<T[]> {
      const items: T[] = [];
      for await (const page of client.pages<T>(path, query)) items.push(...page);
      return items;
    },
    counts(): CallCounts {
      return { reads: { ...reads }, writes: { ...writes } };
    },
    bucketOf,
    tokenRequests: () => tokenCalls,
    inFlight: () => governor.active,
    async authenticate() {
      await auth.authorize('GET', toUrl('/api/v1/'));
      return [...(auth.granted?.() ?? [])];
    },
    rateLimits() {
      const out: Record<string, { limit: number; remaining: number }> = {};
      for (const bucket of new Set([...Object.keys(reads), ...Object.keys(writes), ...(tokenCalls > 0 ? [TOKEN_BUCKET] : [])])) {
        const { limit, remaining } = governor.snapshot(bucket);
        if (limit !== undefined && remaining !== undefined) out[bucket] = { limit, remaining };
      }
      return out;
    },
    async close() {
      if (ownPool) await dispatcher.close();
    },
  };
  return client;
}

/** Interrupted (SIGINT/SIGTERM): an error like any other, exit 1 (docs/design.md §2 has no code for it). */
function aborted(): OktaOuError {
  return new OktaOuError('ABORTED', 'interrupted before the Okta calls finished', {
    exitCode: EXIT.ERROR,
    hint:
      'nothing was sent after the interruption (a request already in flight may have reached Okta); ' +
      'run `okta-ou plan` to see the current state',
  });
}

function idOf(requestId: string | undefined): string {
  return requestId ? ` [X-Okta-Request-Id ${requestId}]` : ' [no X-Okta-Request-Id]';
}

function cleanHeaders(h: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function fmtSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
