/**
 * What the client does after one attempt of a request (pure): return the answer, try again (after the
 * governor's rate-limit wait, after a back-off, or at once with fresh credentials), or fail. The rules
 * live here, in one table-tested place (test/okta/retry-decision.test.ts); `send` in client.ts only
 * carries the decision out. Why each rule holds: retry.ts.
 */
import { NO_RESET_429_MAX_RETRIES, isTransientStatus } from './retry';

export interface Attempt {
  /** The answer's status; null when the request failed on the network (no answer). */
  status: number | null;
  /** The caller accepts this answer (2xx, or a status it listed). */
  accepted?: boolean;
  /** A network failure worth another attempt (a reset, a timeout …). */
  transientNetwork?: boolean;
  /** A 429 without a usable X-Rate-Limit-Reset: the bucket is blocked one full window. */
  noUsableReset?: boolean;
  /** A 401 the authentication layer can recover from (a new token, a DPoP nonce). */
  authRecoverable?: boolean;
}

export interface RetryState {
  retries: number;
  /** 429s retried without a usable reset. */
  noResetRetries: number;
  authRetried: boolean;
}

export interface RetryRules {
  /** Safe to repeat after an unknown outcome (GET, PUT, DELETE, unless the caller reads back instead). */
  idempotent: boolean;
  maxRetries: number;
}

export type Decision =
  | { action: 'return' }
  /** `governor`: the bucket's block decides the wait; `backoff`: sleep backoffMs(next.retries); `none`: at once. */
  | { action: 'retry'; wait: 'governor' | 'backoff' | 'none'; next: RetryState }
  /** `notIdempotent`: the failure might have been applied, so it is not repeated (said in the verbose log). */
  | { action: 'fail'; notIdempotent?: true };

export const FIRST_ATTEMPT: RetryState = { retries: 0, noResetRetries: 0, authRetried: false };

export function decide(a: Attempt, s: RetryState, r: RetryRules): Decision {
  const backoff = (): Decision => ({ action: 'retry', wait: 'backoff', next: { ...s, retries: s.retries + 1 } });
  const unknownOutcome = a.status === null ? a.transientNetwork === true : isTransientStatus(a.status);
  if (a.status !== null && a.accepted) return { action: 'return' };
  if (a.status === 429 && s.retries < r.maxRetries && (!a.noUsableReset || s.noResetRetries < NO_RESET_429_MAX_RETRIES)) {
    return { action: 'retry', wait: 'governor', next: { ...s, retries: s.retries + 1, noResetRetries: s.noResetRetries + (a.noUsableReset ? 1 : 0) } };
  }
  if (a.status === 401 && a.authRecoverable && !s.authRetried) return { action: 'retry', wait: 'none', next: { ...s, authRetried: true } };
  if (unknownOutcome && r.idempotent && s.retries < r.maxRetries) return backoff();
  if (unknownOutcome && !r.idempotent) return { action: 'fail', notIdempotent: true };
  return { action: 'fail' };
}
