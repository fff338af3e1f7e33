/**
 * Okta's org rate limits (docs/okta-api.md §8): buckets per endpoint family matched by longest prefix
 * ("/api/v1/apps" covers every /api/v1/apps/{id}/… call), N requests per minute in a window that starts
 * with the first request (not wall-clock aligned), X-Rate-Limit-Limit/Remaining/Reset (epoch seconds)
 * on every response; plus the org-wide concurrency limit (in-flight requests; 75 for Workforce orgs).
 */
export const DEFAULT_RATE_LIMITS: Record<string, number> = {
  '/api/v1/apps': 600,
  '/api/v1/groups': 500,
  '/api/v1': 1200,
  '/oauth2/v1': 600,
};
export const DEFAULT_CONCURRENCY = 75;

/**
 * Okta's last published per-minute org limits (docs/okta-api.md §8, "Last published per-minute org
 * limits"), for `okta-ou sandbox --rate-limits` and `okta-ou demo --rate-limits`: with them the client's
 * pacing (at most --max-capacity of each bucket) shows as it would against a real org of that kind.
 * `/oauth2/v1` is not in that table: it keeps the sandbox's default.
 */
export const PUBLISHED_RATE_LIMITS: Record<string, { limits: Record<string, number>; concurrency: number }> = {
  workforce: { limits: { '/api/v1/apps': 100, '/api/v1/groups': 500, '/api/v1': 1200, '/oauth2/v1': 600 }, concurrency: 75 },
  'integrator-free': { limits: { '/api/v1/apps': 20, '/api/v1/groups': 100, '/api/v1': 100, '/oauth2/v1': 600 }, concurrency: 35 },
};

interface Window {
  start: number;
  count: number;
}

export interface RateVerdict {
  bucket: string;
  limit: number;
  remaining: number;
  reset: number;
  allowed: boolean;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly prefixes: string[];

  constructor(readonly limits: Record<string, number>, private readonly now: () => number = Date.now) {
    this.prefixes = Object.keys(limits).sort((a, b) => b.length - a.length);
  }

  bucketOf(path: string): string {
    for (const p of this.prefixes) if (path === p || path.startsWith(p + '/') || path.startsWith(p + '?')) return p;
    return this.prefixes[this.prefixes.length - 1] ?? '/';
  }

  /** Counts one request against its bucket. */
  take(path: string): RateVerdict {
    const bucket = this.bucketOf(path);
    const limit = this.limits[bucket] ?? Number.MAX_SAFE_INTEGER;
    const now = this.now();
    let w = this.windows.get(bucket);
    if (!w || now >= w.start + 60_000) {
      w = { start: now, count: 0 };
      this.windows.set(bucket, w);
    }
    const reset = Math.ceil((w.start + 60_000) / 1000);
    if (w.count >= limit) return { bucket, limit, remaining: 0, reset, allowed: false };
    w.count++;
    return { bucket, limit, remaining: limit - w.count, reset, allowed: true };
  }

  /** Current state without counting (for responses that are refused before the bucket). */
  peek(path: string): RateVerdict {
    const bucket = this.bucketOf(path);
    const limit = this.limits[bucket] ?? Number.MAX_SAFE_INTEGER;
    const now = this.now();
    const w = this.windows.get(bucket);
    const live = w && now < w.start + 60_000 ? w : undefined;
    return {
      bucket, limit, remaining: live ? Math.max(0, limit - live.count) : limit,
      reset: Math.ceil(((live?.start ?? now) + 60_000) / 1000), allowed: true,
    };
  }

  /** Empties every bucket (tests that want a fresh minute). */
  resetAll(): void {
    this.windows.clear();
  }
}
