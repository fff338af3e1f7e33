/**
 * Fake time for the Okta client in tests: a wait (rate-limit reset, retry back-off) is recorded and
 * returns at once, and the clock moves on by it, so the governor sees the wait as over. Real time still
 * runs underneath (the sandbox stamps its Date header with it); the fake clock is real time plus every
 * wait so far.
 */
export interface FakeClock {
  /** Milliseconds since the epoch: Date.now() plus the waits so far. */
  now(): number;
  /** Records the wait, moves the clock on by it, and resolves on the next turn of the event loop. */
  sleep(ms: number): Promise<void>;
  /** Every wait requested, in ms, in order. */
  readonly waits: number[];
}

export function fakeClock(opts: { onSleep?: (ms: number) => void } = {}): FakeClock {
  let offset = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now() + offset,
    sleep: (ms) => {
      waits.push(ms);
      offset += Math.max(0, ms);
      opts.onSleep?.(ms);
      // setImmediate, not a resolved promise: a waiting governor re-checks on the next turn, after I/O.
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
