/**
 * The rate-limit governor. Okta answers every call with X-Rate-Limit-Limit/-Remaining/-Reset for the
 * call's bucket (developer.okta.com rl2-monitor); the governor learns them per bucket and holds requests
 * back so that okta-ou never uses more than `maxCapacity` of a bucket in one window, leaving the rest to
 * the org's other integrations (Terraform's `max_api_capacity` does the same). After a 429 it waits until
 * the reset, measured against the server's Date header plus 1 s (Okta Node SDK README "Rate Limiting"),
 * because the local clock may be skewed; a 429 without a usable reset blocks the bucket for a full
 * window instead (retry.ts). It also bounds requests in flight: Okta counts concurrent
 * requests org-wide (75 on Workforce orgs, rl2-concurrency) and answers 429 beyond that.
 */
import { RATE_LIMIT_WINDOW_MS } from './retry';

/** Okta's org-wide concurrency limit for Workforce orgs (35 on Integrator Free). */
export const ORG_CONCURRENCY_LIMIT = 75;

export interface RateHeaders {
  limit?: number;
  remaining?: number;
  /** Epoch seconds (server clock). */
  reset?: number;
  /** Server Date header, epoch ms. */
  date?: number;
}

export interface GovernorOptions {
  /** Share of each bucket okta-ou may use, 0 < x ≤ 1. */
  maxCapacity: number;
  maxConcurrency: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Receives one line per wait. */
  log: (line: string) => void;
}

/**
 * One rate-limit window as the responses describe it. A bucket key can cover several of Okta's real
 * buckets (e.g. /api/v1/apps/{id} exact, 500/min, and /api/v1/apps*, 100/min), which announce different
 * limits; each limit gets its own window and a request goes only when every window allows it.
 */
interface Window {
  limit: number;
  remaining: number;
  /** The window's reset, server epoch seconds, to order responses. */
  resetEpoch: number;
  /** The window's reset on the local clock (ms); undefined once it has passed. */
  resetAt?: number;
}

interface BucketState {
  windows: Map<number, Window>;
  /** After a 429: no request before this local time (ms). */
  blockedUntil?: number;
  blockReason?: string;
  inFlight: number;
  /** Requests waiting for this bucket, in arrival order. */
  queue: Array<(release: () => void) => void>;
  /** A timer for the reset is running. */
  waiting: boolean;
  /**
   * Not held back by the concurrency bound: token requests, which requests holding a slot wait for
   * (holding them back could leave every slot waiting on a token that cannot be fetched).
   */
  outsideConcurrency?: boolean;
}

export interface BucketSnapshot {
  limit?: number;
  remaining?: number;
  resetAt?: number;
  inFlight: number;
}

/** Reads Okta's rate-limit headers; ignores values that are missing, repeated or comma-joined. */
export function parseRateHeaders(headers: Record<string, string | string[] | undefined>): RateHeaders {
  const num = (name: string): number | undefined => {
    const v = headers[name];
    // A duplicated or comma-joined reset is not trusted (okta-sdk-nodejs, OKTA-112507).
    if (typeof v !== 'string' || !/^\s*\d+\s*$/.test(v)) return undefined;
    return Number(v);
  };
  const dateRaw = headers.date;
  const date = typeof dateRaw === 'string' ? Date.parse(dateRaw) : NaN;
  return {
    limit: num('x-rate-limit-limit'),
    remaining: num('x-rate-limit-remaining'),
    reset: num('x-rate-limit-reset'),
    date: Number.isFinite(date) ? date : undefined,
  };
}

type Verdict = 'go' | 'hold' | { until: number; reason: string };

/**
 * A reset further ahead than two rate-limit windows is no usable reset (a clock far off, or a bogus
 * header): waiting for it could mean a silent hour, or a timer that overflows. Such an answer is treated
 * like one without a reset (one full window, with its own retry limit; retry.ts).
 */
export const MAX_RESET_AHEAD_MS = 2 * RATE_LIMIT_WINDOW_MS;

export class Governor {
  private readonly buckets = new Map<string, BucketState>();
  private inFlight = 0;
  private readonly opts: GovernorOptions;

  constructor(opts: GovernorOptions) {
    if (!(opts.maxCapacity > 0 && opts.maxCapacity <= 1)) throw new RangeError('maxCapacity must be in (0, 1]');
    this.opts = { ...opts, maxConcurrency: Math.max(1, Math.floor(opts.maxConcurrency)) };
  }

  get maxConcurrency(): number {
    return this.opts.maxConcurrency;
  }

  /**
   * Resolves, in arrival order per bucket, when a request to `bucket` may be sent, with the function
   * that must be called once its answer (or failure) is in.
   */
  acquire(bucket: string, opts: { outsideConcurrency?: boolean } = {}): Promise<() => void> {
    return new Promise((resolve) => {
      const b = this.state(bucket);
      if (opts.outsideConcurrency) b.outsideConcurrency = true;
      b.queue.push(resolve);
      this.pump();
    });
  }

  /** Learns the bucket's state from any response's headers. */
  learn(bucket: string, headers: Record<string, string | string[] | undefined>): void {
    const h = parseRateHeaders(headers);
    if (h.limit === undefined || h.remaining === undefined || h.reset === undefined) return;
    // On a concurrency violation Okta sends limit 0 and remaining 0 with an estimated reset (rl2-concurrency);
    // that says nothing about the bucket's window.
    if (h.limit === 0) return;
    const resetAt = this.localTime(h.reset, h.date, this.opts.now());
    if (!(resetAt - this.opts.now() <= MAX_RESET_AHEAD_MS)) return;
    const b = this.state(bucket);
    const w = b.windows.get(h.limit);
    if (!w) {
      b.windows.set(h.limit, { limit: h.limit, remaining: h.remaining, resetEpoch: h.reset, resetAt });
    } else if (h.reset >= w.resetEpoch) {
      // Answers arrive out of order: within one window the lowest remaining is the latest truth;
      // an answer from an older window (smaller reset) is ignored.
      w.remaining = h.reset === w.resetEpoch && w.resetAt !== undefined ? Math.min(w.remaining, h.remaining) : h.remaining;
      w.resetEpoch = h.reset;
      w.resetAt = resetAt;
    }
    this.pump();
  }

  /**
   * After a 429: blocks the bucket until the reset the server announced (Date-relative, +1 s).
   * Returns the wait in ms, or undefined when the answer had no usable reset (the caller then
   * blocks the bucket for a full window with blockFor).
   */
  blockAfter429(bucket: string, headers: Record<string, string | string[] | undefined>, reason: string): number | undefined {
    const h = parseRateHeaders(headers);
    if (h.reset === undefined) return undefined;
    const b = this.state(bucket);
    const now = this.opts.now();
    const until = Math.max(this.localTime(h.reset, h.date, now), now + 1000);
    if (!(until - now <= MAX_RESET_AHEAD_MS)) return undefined;
    if (h.limit !== undefined && h.limit > 0) {
      b.windows.set(h.limit, { limit: h.limit, remaining: 0, resetEpoch: h.reset, resetAt: until });
    }
    b.blockedUntil = Math.max(b.blockedUntil ?? 0, until);
    b.blockReason = reason;
    return b.blockedUntil - now;
  }

  /**
   * Blocks the bucket for `ms` from now (a 429 without a usable reset: the caller passes one full window).
   * Returns the wait in ms, which is longer if the bucket was already blocked for longer.
   */
  blockFor(bucket: string, ms: number, reason: string): number {
    const b = this.state(bucket);
    const now = this.opts.now();
    const until = now + Math.max(0, ms);
    if (until >= (b.blockedUntil ?? 0)) {
      b.blockedUntil = until;
      b.blockReason = reason;
    }
    return b.blockedUntil! - now;
  }

  /** The bucket's most used window (for verbose output and tests). */
  snapshot(bucket: string): BucketSnapshot {
    const b = this.state(bucket);
    let tightest: Window | undefined;
    for (const w of b.windows.values()) {
      if (!tightest || w.remaining / w.limit < tightest.remaining / tightest.limit) tightest = w;
    }
    return { limit: tightest?.limit, remaining: tightest?.remaining, resetAt: tightest?.resetAt, inFlight: b.inFlight };
  }

  /** Requests in flight now, across buckets. */
  get active(): number {
    return this.inFlight;
  }

  /** Starts every queued request that may go now, one bucket after another (round robin). */
  private pump(): void {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const [name, b] of this.buckets) {
        if (b.queue.length === 0) continue;
        const verdict = this.verdict(b);
        if (verdict === 'go') {
          const resolve = b.queue.shift()!;
          b.inFlight++;
          this.inFlight++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            b.inFlight--;
            this.inFlight--;
            this.pump();
          });
          progressed = true;
        } else if (verdict !== 'hold') {
          this.waitUntil(name, b, verdict.until, verdict.reason);
        }
      }
    }
  }

  private verdict(b: BucketState): Verdict {
    const now = this.opts.now();
    if (b.blockedUntil !== undefined) {
      if (now < b.blockedUntil) return { until: b.blockedUntil, reason: b.blockReason ?? 'rate-limit reset after 429' };
      b.blockedUntil = undefined;
      b.blockReason = undefined;
    }
    for (const w of b.windows.values()) {
      if (w.resetAt !== undefined && now >= w.resetAt) {
        // The window has rolled over: it is full again until a response says otherwise.
        w.remaining = w.limit;
        w.resetAt = undefined;
      }
    }
    if (this.inFlight >= this.opts.maxConcurrency && !b.outsideConcurrency) return 'hold';
    // Unknown bucket: send one probe and learn its limit before sending more.
    if (b.windows.size === 0) return b.inFlight > 0 ? 'hold' : 'go';
    let wait: { until: number; reason: string } | undefined;
    for (const w of b.windows.values()) {
      const allowed = Math.max(1, Math.floor(w.limit * this.opts.maxCapacity));
      const used = w.limit - w.remaining;
      if (used + b.inFlight < allowed) continue;
      // Answers in flight will update `remaining`; wait for them rather than guess.
      if (b.inFlight > 0) return 'hold';
      if (w.resetAt === undefined) continue;
      if (!wait || w.resetAt > wait.until) {
        const pct = Math.round(this.opts.maxCapacity * 100);
        wait = { until: w.resetAt, reason: `rate-limit reset (${used}/${w.limit} used, keeping under ${pct}%)` };
      }
    }
    return wait ?? 'go';
  }

  /** Server reset (epoch s) on the local clock, plus 1 s for the Date header's whole-second resolution. */
  private localTime(resetEpochS: number, serverDateMs: number | undefined, now: number): number {
    if (serverDateMs === undefined) return resetEpochS * 1000 + 1000;
    return now + (resetEpochS * 1000 - serverDateMs) + 1000;
  }

  private state(bucket: string): BucketState {
    let b = this.buckets.get(bucket);
    if (!b) {
      b = { windows: new Map(), inFlight: 0, queue: [], waiting: false };
      this.buckets.set(bucket, b);
    }
    return b;
  }

  /** One timer per bucket, logged once, however many requests wait on it. */
  private waitUntil(bucket: string, b: BucketState, until: number, reason: string): void {
    if (b.waiting) return;
    b.waiting = true;
    const ms = Math.max(0, until - this.opts.now());
    this.opts.log(`waiting ${Math.ceil(ms / 1000)} s for ${bucket} ${reason}`);
    void this.opts.sleep(ms).then(
      () => {
        b.waiting = false;
        this.pump();
      },
      () => {
        b.waiting = false;
        this.pump();
      },
    );
  }
}
