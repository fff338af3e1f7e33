import type { ConnectionConfig } from '../../src/okta/config';
import { Governor, parseRateHeaders } from '../../src/okta/governor';
import { FakeClock, httpDate, json, oktaError, type Handler } from './support/fake-okta';
import { withFakeOkta } from './support/with-fake-okta';
import { startRateLimitedOkta } from './support/rate-limited-okta';

const cfg = (url: string, maxCapacity = 0.5): ConnectionConfig => ({
  orgUrl: url,
  auth: { mode: 'SSWS', token: 'tok-governor-000000000' },
  maxCapacity,
});

describe('rate-limit governor', () => {
  it('runs 250 requests against a 100/min bucket using at most 50% per window (5 windows), with no 429', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startRateLimitedOkta({ clock, limits: { '/api/v1/apps': 100 } }),
      { config: cfg, now: clock.now, sleep: clock.sleep, maxConcurrency: 8 },
      async ({ server, client, lines }) => {
        const results = await Promise.all(
          Array.from({ length: 250 }, (_, i) => client.request('GET', `/api/v1/apps/0oa${i}/groups`)),
        );
        expect(results.every((r) => r.status === 200)).toBe(true);
        expect(server.rejected).toBe(0);
        expect(server.windows.map((w) => w.accepted)).toEqual([50, 50, 50, 50, 50]);
        expect(server.maxInFlight).toBeLessThanOrEqual(8);
        expect(client.counts().reads).toEqual({ '/api/v1/apps': 250 });
        // Each window wait is logged once, with the numbers.
        expect(lines).toHaveLength(4);
        expect(lines[0]).toMatch(/^waiting \d+ s for \/api\/v1\/apps rate-limit reset \(50\/100 used, keeping under 50%\)$/);
      },
    );
  });

  it('keeps to a different share, and to each bucket separately', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startRateLimitedOkta({ clock, limits: { '/api/v1/apps': 20, '/api/v1/groups': 40 } }),
      { config: (url) => cfg(url, 0.25), now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        await Promise.all([
          ...Array.from({ length: 30 }, (_, i) => client.request('GET', `/api/v1/apps/0oa${i}`)),
          ...Array.from({ length: 30 }, (_, i) => client.request('GET', `/api/v1/groups/00g${i}`)),
        ]);
        expect(server.rejected).toBe(0);
        // The clock is shared, so a wait for one bucket also rolls the other's window: check the bound, not the split.
        const per = (b: string) => server.windows.filter((w) => w.bucket === b).map((w) => w.accepted);
        expect(Math.max(...per('/api/v1/apps'))).toBe(5);
        expect(Math.max(...per('/api/v1/groups'))).toBeLessThanOrEqual(10);
        expect([per('/api/v1/apps'), per('/api/v1/groups')].map((w) => w.reduce((a, b) => a + b, 0))).toEqual([30, 30]);
      },
    );
  });

  it('waits out a 429 storm by the server Date and X-Rate-Limit-Reset (+1 s), whatever the local clock says', async () => {
    const clock = new FakeClock();
    const skew = 3_600_000; // the server is an hour ahead of us
    const answer: Handler = (_req, res, n) => {
      const serverNow = clock.now() + skew;
      const headers = {
        date: httpDate(serverNow),
        'x-rate-limit-limit': '100',
        'x-rate-limit-reset': String(Math.floor(serverNow / 1000) + 10),
      };
      if (n <= 3) return json(res, 429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), { ...headers, 'x-rate-limit-remaining': '0' });
      json(res, 200, { ok: true }, { ...headers, 'x-rate-limit-remaining': '99' });
    };
    await withFakeOkta(answer, { now: clock.now, sleep: clock.sleep }, async ({ server, client, lines }) => {
      expect((await client.request('GET', '/api/v1/apps')).body).toEqual({ ok: true });
      expect(server.seen).toHaveLength(4);
      expect(clock.slept).toEqual([11_000, 11_000, 11_000]);
      expect(server.seen.map((r) => r.headers['x-okta-retry-count'] ?? null)).toEqual([null, '1', '2', '3']);
      expect(lines).toEqual([
        'waiting 11 s for /api/v1/apps rate-limit reset after 429 on GET /api/v1/apps (retry 1 of 5)',
        'waiting 11 s for /api/v1/apps rate-limit reset after 429 on GET /api/v1/apps (retry 2 of 5)',
        'waiting 11 s for /api/v1/apps rate-limit reset after 429 on GET /api/v1/apps (retry 3 of 5)',
      ]);
    });
  });

  it('never has more requests in flight than the concurrency bound', async () => {
    const clock = new FakeClock();
    await withFakeOkta(
      startRateLimitedOkta({ clock, limits: { '/api/v1': 10_000 }, delayMs: 5 }),
      { config: (url) => cfg(url, 1), now: clock.now, sleep: clock.sleep, maxConcurrency: 3 },
      async ({ server, client }) => {
        await Promise.all(Array.from({ length: 60 }, (_, i) => client.request('GET', `/api/v1/mappings/prm${i}`)));
        expect(server.maxInFlight).toBeLessThanOrEqual(3);
        expect(server.maxInFlight).toBeGreaterThan(1);
      },
    );
  });

  it('holds a request while any of the windows sharing a bucket key is at its share', async () => {
    const clock = new FakeClock();
    const lines: string[] = [];
    const g = new Governor({ maxCapacity: 0.5, maxConcurrency: 4, now: clock.now, sleep: clock.sleep, log: (l) => lines.push(l) });
    const nowS = Math.floor(clock.now() / 1000);
    const date = httpDate(clock.now());
    // /api/v1/apps* (100/min, half used) and /api/v1/apps/{id} exact (500/min, nearly unused) answer under one key.
    g.learn('/api/v1/apps', { date, 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '50', 'x-rate-limit-reset': String(nowS + 20) });
    g.learn('/api/v1/apps', { date, 'x-rate-limit-limit': '500', 'x-rate-limit-remaining': '490', 'x-rate-limit-reset': String(nowS + 40) });
    const release = await g.acquire('/api/v1/apps');
    release();
    expect(clock.slept).toEqual([21_000]);
    expect(lines).toEqual(['waiting 21 s for /api/v1/apps rate-limit reset (50/100 used, keeping under 50%)']);
    expect(g.snapshot('/api/v1/apps')).toMatchObject({ limit: 500, remaining: 490 });
  });

  it('ignores duplicated or comma-joined reset headers (okta-sdk-nodejs OKTA-112507) and concurrency-violation zeros', () => {
    expect(parseRateHeaders({ 'x-rate-limit-reset': ['1', '2'], 'x-rate-limit-limit': '5, 6' })).toEqual({
      limit: undefined,
      remaining: undefined,
      reset: undefined,
      date: undefined,
    });
    const clock = new FakeClock();
    const g = new Governor({ maxCapacity: 0.5, maxConcurrency: 4, now: clock.now, sleep: clock.sleep, log: () => undefined });
    g.learn('/api/v1', { 'x-rate-limit-limit': '0', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '99' });
    expect(g.snapshot('/api/v1')).toEqual({ limit: undefined, remaining: undefined, resetAt: undefined, inFlight: 0 });
  });
});

describe('capped waits', () => {
  const governor = (): Governor => new Governor({ maxCapacity: 0.5, maxConcurrency: 4, now: () => 1_000_000, sleep: () => new Promise(() => undefined), log: () => undefined });
  const headers = (resetSeconds: number | string) => ({ 'x-rate-limit-reset': String(resetSeconds), date: new Date(1_000_000).toUTCString(), 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0' });

  it('waits out a reset up to two windows ahead (+1 s for the Date header)', () => {
    expect(governor().blockAfter429('/api/v1/apps', headers(1000 + 30), 'r')).toBe(31_000);
    expect(governor().blockAfter429('/api/v1/apps', headers(1000 + 119), 'r')).toBe(120_000);
  });

  it.each([
    ['an hour ahead', 1000 + 3600],
    ['absurdly far ahead (would overflow a timer)', '99999999999999'],
  ])('a reset %s is no usable reset: the caller blocks one full window instead', (_what, reset) => {
    expect(governor().blockAfter429('/api/v1/apps', headers(reset), 'r')).toBeUndefined();
    const g = governor();
    g.learn('/api/v1/apps', headers(reset));
    expect(g.snapshot('/api/v1/apps').resetAt).toBeUndefined();
  });
});
