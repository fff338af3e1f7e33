/**
 * When to try a request again. A 429 is always retried (after the governor waits out the reset): Okta
 * did not process the call. A 5xx or a network failure is retried only for idempotent methods (GET, PUT,
 * DELETE; RFC 9110 §9.2.2): a POST or PATCH may have been applied before the failure, and repeating it
 * could apply it twice. Back-off is exponential with jitter so parallel requests do not retry in step.
 */
import type { HttpMethod } from './api';
import { networkCode } from './errors';

export const DEFAULT_MAX_RETRIES = 5;

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

/**
 * Headers Okta's own SDKs add to a retried call, so Okta support can tie the retries to the first attempt
 * (okta-sdk-nodejs DefaultRequestExecutor).
 */
export function retryHeaders(originalRequestId: string | undefined, retryCount: number): Record<string, string> {
  const h: Record<string, string> = { 'x-okta-retry-count': String(retryCount) };
  if (originalRequestId) h['x-okta-retry-for'] = originalRequestId;
  return h;
}
