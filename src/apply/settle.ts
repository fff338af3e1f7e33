/**
 * Waiting for writes whose answer never came (a timeout, a dropped connection) to settle before the
 * final read-back. Such a write may still be on its way through Okta and land after okta-ou moved on
 * (e.g. a parking write landing after the group's final write); reading back before it has had time to
 * land would report "applied and verified" over a state that is about to change.
 */

/** How long a write without an answer is given to land: as long again as the client waited for its answer. */
export { DEFAULT_TIMEOUT_MS as SETTLE_MS } from '../okta/client';

/**
 * Waits `ms` (with `sleep` when given, else a timer), or until `signal` aborts, whichever comes first
 * (the settle wait, and the waits for the AD agent: Ctrl-C ends every wait at once).
 * True when the whole wait ran; false when interrupted (no timer is left behind to keep the process up).
 */
export function interruptibleWait(ms: number, signal: AbortSignal | undefined, sleep?: (ms: number) => Promise<void>): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      if (timer) clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    };
    if (sleep) void sleep(ms).then(done);
    else timer = setTimeout(done, ms);
  });
}
