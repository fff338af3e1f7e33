/**
 * A fake Okta that enforces a per-bucket request budget per window the way Okta does (window starts with
 * the first request, X-Rate-Limit-* on every answer, 429 E0000047 beyond the limit), on a clock the test
 * controls, so minutes pass instantly. `skewMs` puts the server's clock off the client's, to prove waits
 * are measured against the server's Date header.
 */
import { bucketOf } from '../../../src/okta/buckets';
import { FakeClock, httpDate, json, oktaError, startFakeOkta, type FakeOkta } from './fake-okta';

export interface RateLimitedOkta extends FakeOkta {
  /** Requests accepted per window, per bucket, in order. */
  windows: Array<{ bucket: string; accepted: number }>;
  rejected: number;
  maxInFlight: number;
}

export async function startRateLimitedOkta(opts: {
  clock: FakeClock;
  limits: Record<string, number>;
  windowMs?: number;
  skewMs?: number;
  /** Real delay before answering, so concurrent requests overlap on the server. */
  delayMs?: number;
}): Promise<RateLimitedOkta> {
  const windowMs = opts.windowMs ?? 60_000;
  const state = new Map<string, { start: number; count: number; index: number }>();
  const windows: RateLimitedOkta['windows'] = [];
  let inFlight = 0;
  const server = (await startFakeOkta(async (req, res) => {
    inFlight++;
    result.maxInFlight = Math.max(result.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    const now = opts.clock.now() + (opts.skewMs ?? 0);
    const bucket = bucketOf(req.path);
    const limit = opts.limits[bucket] ?? 1000;
    let w = state.get(bucket);
    if (!w || now >= w.start + windowMs) {
      w = { start: now, count: 0, index: windows.length };
      windows.push({ bucket, accepted: 0 });
      state.set(bucket, w);
    }
    const headers = {
      date: httpDate(now),
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-reset': String(Math.ceil((w.start + windowMs) / 1000)),
    };
    if (w.count >= limit) {
      result.rejected++;
      return json(res, 429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), {
        ...headers,
        'x-rate-limit-remaining': '0',
      });
    }
    w.count++;
    windows[w.index].accepted++;
    json(res, 200, { path: req.path }, { ...headers, 'x-rate-limit-remaining': String(limit - w.count) });
  })) as RateLimitedOkta;
  const result = Object.assign(server, { windows, rejected: 0, maxInFlight: 0 });
  return result;
}
