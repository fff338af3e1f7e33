import { decide, FIRST_ATTEMPT, type Attempt, type Decision, type RetryRules, type RetryState } from '../../src/okta/retry-decision';

const GET: RetryRules = { idempotent: true, maxRetries: 5 };
const POST: RetryRules = { idempotent: false, maxRetries: 5 };
const at = (retries: number, more: Partial<RetryState> = {}): RetryState => ({ ...FIRST_ATTEMPT, retries, ...more });

const cases: Array<[string, Attempt, RetryState, RetryRules, Decision]> = [
  ['200: the answer', { status: 200, accepted: true }, FIRST_ATTEMPT, GET, { action: 'return' }],
  ['404 the caller listed: the answer', { status: 404, accepted: true }, FIRST_ATTEMPT, GET, { action: 'return' }],
  ['404 not listed: fail', { status: 404 }, FIRST_ATTEMPT, GET, { action: 'fail' }],
  ['400: fail, never retried', { status: 400 }, FIRST_ATTEMPT, GET, { action: 'fail' }],
  ['429 with a reset: the governor waits, then again', { status: 429 }, FIRST_ATTEMPT, POST, { action: 'retry', wait: 'governor', next: at(1) }],
  ['429 without a usable reset: a full window, counted', { status: 429, noUsableReset: true }, at(1), GET, { action: 'retry', wait: 'governor', next: at(2, { noResetRetries: 1 }) }],
  ['429 without a usable reset, third time: fail', { status: 429, noUsableReset: true }, at(2, { noResetRetries: 2 }), GET, { action: 'fail' }],
  ['429 after every retry: fail', { status: 429 }, at(5), GET, { action: 'fail' }],
  ['401 the auth layer can recover: at once, once', { status: 401, authRecoverable: true }, FIRST_ATTEMPT, GET, { action: 'retry', wait: 'none', next: at(0, { authRetried: true }) }],
  ['401 again after recovering: fail', { status: 401, authRecoverable: true }, at(0, { authRetried: true }), GET, { action: 'fail' }],
  ['401 not recoverable: fail', { status: 401 }, FIRST_ATTEMPT, GET, { action: 'fail' }],
  ['503 on an idempotent call: back off, then again', { status: 503 }, at(1), GET, { action: 'retry', wait: 'backoff', next: at(2) }],
  ['503 after every retry: fail', { status: 503 }, at(5), GET, { action: 'fail' }],
  ['503 on a POST: fail, it may have been applied', { status: 503 }, FIRST_ATTEMPT, POST, { action: 'fail', notIdempotent: true }],
  ['a reset on an idempotent call: back off', { status: null, transientNetwork: true }, FIRST_ATTEMPT, GET, { action: 'retry', wait: 'backoff', next: at(1) }],
  ['a reset on a POST: fail, it may have been applied', { status: null, transientNetwork: true }, FIRST_ATTEMPT, POST, { action: 'fail', notIdempotent: true }],
  ['a network failure not worth another try: fail', { status: null }, FIRST_ATTEMPT, GET, { action: 'fail' }],
];

describe('the retry decision', () => {
  test.each(cases)('%s', (_name, attempt, state, rules, want) => {
    expect(decide(attempt, state, rules)).toEqual(want);
  });
});
