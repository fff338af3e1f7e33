/**
 * A 429 whose X-Rate-Limit-Reset is missing, repeated or comma-joined (not trusted, okta-sdk-nodejs
 * OKTA-112507) gives no reset to wait for; Okta's windows last 60 s (developer.okta.com rate-limits), so
 * the client blocks the bucket for one full window before retrying, and retries such 429s only a few times.
 */
import { NO_RESET_429_MAX_RETRIES, RATE_LIMIT_WINDOW_MS } from '../../src/okta/retry';
import { FakeClock, httpDate, json, oktaError, type ServerResponse } from './support/fake-okta';
import { caught, withFakeOkta } from './support/with-fake-okta';

const TOO_MANY = oktaError('E0000047', 'API call exceeded rate limit due to too many requests.');

const noUsableReset: Array<[string, (now: number) => Record<string, string | string[]>]> = [
  ['missing', () => ({})],
  ['duplicated', (now) => ({ 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': [String(now / 1000 + 5), String(now / 1000 + 7)] })],
  ['comma-joined', (now) => ({ 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': `${now / 1000 + 5}, ${now / 1000 + 7}` })],
];

describe('429 without a usable X-Rate-Limit-Reset', () => {
  it.each(noUsableReset)('reset %s: blocks the bucket for one full window once, says so, then succeeds', async (_what, rateHeaders) => {
    const clock = new FakeClock();
    const answer = (res: ServerResponse, n: number) => {
      const headers = { date: httpDate(clock.now()), ...rateHeaders(clock.now()) };
      if (n === 1) return json(res, 429, TOO_MANY, headers);
      json(res, 200, { ok: true });
    };
    await withFakeOkta((_req, res, n) => answer(res, n), { now: clock.now, sleep: clock.sleep, random: () => 0.5 }, async ({ server, client, lines }) => {
      const res = await client.request('GET', '/api/v1/apps/0oa1');
      expect(res.body).toEqual({ ok: true });
      expect(server.seen).toHaveLength(2);
      expect(server.seen[1].headers['x-okta-retry-count']).toBe('1');
      expect(clock.slept).toHaveLength(1);
      expect(clock.slept[0]).toBeGreaterThanOrEqual(RATE_LIMIT_WINDOW_MS);
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^429 on GET \/api\/v1\/apps\/0oa1 without a usable X-Rate-Limit-Reset \(missing, repeated, comma-joined or more than two minutes ahead\); blocking \/api\/v1\/apps for one full 60 s rate-limit window plus jitter \(6\d\.\d s\) before retry 1 of 2$/,
        ),
      );
    });
  });

  it('blocks the whole bucket, so a request queued behind the 429 waits the window too instead of hammering it', async () => {
    const clock = new FakeClock();
    const sentAt: number[] = [];
    await withFakeOkta(
      (req, res, n) => {
        sentAt.push(clock.now());
        if (n === 1) return json(res, 429, TOO_MANY);
        json(res, 200, { path: req.path });
      },
      { now: clock.now, sleep: clock.sleep },
      async ({ server, client }) => {
        const [a, b] = await Promise.all([client.request('GET', '/api/v1/apps/0oa1'), client.request('GET', '/api/v1/apps/0oa2')]);
        expect([a.body, b.body]).toEqual([{ path: '/api/v1/apps/0oa1' }, { path: '/api/v1/apps/0oa2' }]);
        expect(server.seen).toHaveLength(3);
        expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(RATE_LIMIT_WINDOW_MS);
        expect(clock.slept).toHaveLength(1);
      },
    );
  });

  it(`gives up after ${NO_RESET_429_MAX_RETRIES} retries, each a full window, with OKTA_RATE_LIMITED`, async () => {
    const clock = new FakeClock();
    await withFakeOkta((_req, res) => json(res, 429, TOO_MANY, { 'x-okta-request-id': 'req-429' }), { now: clock.now, sleep: clock.sleep, maxRetries: 5 }, async ({ server, client }) => {
      const e = await caught(client.request('GET', '/api/v1/groups'));
      expect(server.seen).toHaveLength(1 + NO_RESET_429_MAX_RETRIES);
      expect(clock.slept).toHaveLength(NO_RESET_429_MAX_RETRIES);
      expect(clock.slept.every((ms) => ms >= RATE_LIMIT_WINDOW_MS)).toBe(true);
      expect(e).toMatchObject({
        code: 'OKTA_RATE_LIMITED',
        message: `GET /api/v1/groups → 429 E0000047: API call exceeded rate limit due to too many requests. — rate limit of /api/v1/groups still exceeded after ${1 + NO_RESET_429_MAX_RETRIES} attempts [X-Okta-Request-Id req-429]`,
      });
    });
  });

  it('never retries more often than maxRetries allows', async () => {
    const clock = new FakeClock();
    await withFakeOkta((_req, res) => json(res, 429, TOO_MANY), { now: clock.now, sleep: clock.sleep, maxRetries: 1 }, async ({ server, client }) => {
      await expect(client.request('GET', '/api/v1/apps')).rejects.toMatchObject({ code: 'OKTA_RATE_LIMITED' });
      expect(server.seen).toHaveLength(2);
    });
  });
});
