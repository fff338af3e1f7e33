/**
 * When to try a request again. A 429 is retried because Okta did not process the call: when it carries a
 * usable X-Rate-Limit-Reset the governor waits out that reset; when the reset is missing, repeated or
 * comma-joined (not trusted, okta-sdk-nodejs OKTA-112507) there is nothing to wait for, so the governor
 * blocks the bucket for one full window (Okta's counters reset every 60 s, developer.okta.com rate-limits)
 * plus jitter, and such 429s are retried at most NO_RESET_429_MAX_RETRIES times: a short back-off would
 * only hit the same spent window again. A 5xx or a network failure is retried only for idempotent methods (GET, PUT,
 * DELETE; RFC 9110 §9.2.2): a POST or PATCH may have been applied before the failure, and repeating it
 * could apply it twice. Back-off is exponential with jitter so parallel requests do not retry in step.
 */
import type { HttpMethod } from './api';
import { networkCode } from './errors';

export const DEFAULT_MAX_RETRIES = 5;

/** Okta's rate-limit window: "most counters … reset every 60 s" (developer.okta.com rate-limits). */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Retries of a 429 with no usable reset. Each costs a full window; after two, another client is using
 * the bucket up and waiting longer only hides it (the error's hint says what to do).
 */
export const NO_RESET_429_MAX_RETRIES = 2;

/** Up to 5 s on top of the window, so several okta-ou runs blocked at once do not retry in step. */
const WINDOW_JITTER_MS = 5_000;

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

/** Network failure codes worth another attempt (node:net and undici error codes). */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT.has(method);
}

export function isTransientNetworkError(e: unknown): boolean {
  const code = networkCode(e);
  return code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
}

/** Statuses a retry may cure: 5xx (Okta's own failures and the AD agent's 502/504). */
export function isTransientStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** Back-off before retry number `retry` (1-based): 0.5 s, 1 s, 2 s … capped at 30 s, each × [0.5, 1). */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.max(0, retry - 1));
  return Math.round(base * (0.5 + random() * 0.5));
}

/** Wait after a 429 without a usable reset: one full rate-limit window plus jitter. */
export function fullWindowMs(random: () => number = Math.random): number {
  return RATE_LIMIT_WINDOW_MS + Math.round(random() * WINDOW_JITTER_MS);
}

/**
 * Headers Okta's own SDKs add to a retried call, so Okta support can tie the retries to the first attempt
 * (okta-sdk-nodejs DefaultRequestExecutor).
 */
export function retryHeaders(originalRequestId: string | undefined, retryCount: number): Record<string, string> {
  const h: Record<string, string> = { 'x-okta-retry-count': String(retryCount) };
  if (originalRequestId) h['x-okta-retry-for'] = originalRequestId;
  return h;
}
