import { backoffMs, isIdempotent } from '../../src/okta/retry';
import { FakeClock, json, oktaError, startFakeOkta } from './support/fake-okta';
import { withFakeOkta } from './support/with-fake-okta';

/** Drops the connection on the first request to each path, then answers 200 (undici's retry test, docs/style.md §9.8). */
async function flakyServer() {
  const failed = new Set<string>();
  return startFakeOkta((req, res) => {
    if (!failed.has(req.path)) {
      failed.add(req.path);
      res.socket?.destroy();
      return;
    }
    json(res, 200, { ok: true });
  });
}

describe('retries', () => {
  it('retries a PUT whose connection was reset, with X-Okta-Retry-Count, and says so (verbose or not)', async () => {
    const clock = new FakeClock();
    // Announced without --verbose too: a silent retry looks like a hang.
    await withFakeOkta(flakyServer(), { sleep: clock.sleep, verbose: false }, async ({ server, client, lines }) => {
      const res = await client.request('PUT', '/api/v1/apps/0oa1/groups/00g1', { body: { priority: 0 } });
      expect(res.body).toEqual({ ok: true });
      expect(server.seen.map((r) => [r.method, r.headers['x-okta-retry-count'] ?? null, r.body])).toEqual([
        ['PUT', null, '{"priority":0}'],
        ['PUT', '1', '{"priority":0}'],
      ]);
      expect(clock.slept).toHaveLength(1);
      expect(lines).toContainEqual(expect.stringMatching(/^PUT \/api\/v1\/apps\/0oa1\/groups\/00g1 failed \(UND_ERR_SOCKET\); retrying in .* \(retry 1 of 5; PUT is idempotent\)$/));
    });
  });

  it('does not retry a POST whose connection was reset, and says why', async () => {
    await withFakeOkta(flakyServer(), { verbose: true }, async ({ server, client, lines }) => {
      await expect(client.request('POST', '/api/v1/apps/0oa1/users/00u1', { body: { scope: 'GROUP' } })).rejects.toMatchObject({
        code: 'OKTA_NETWORK',
        causeCode: 'UND_ERR_SOCKET',
        hint: expect.stringContaining('POST is not retried automatically'),
      });
      expect(server.seen).toHaveLength(1);
      expect(lines).toContainEqual(expect.stringContaining('not retried: POST is not idempotent and Okta may have applied it'));
    });
  });

  it('retries a GET on 5xx with X-Okta-Retry-For the first request id; never a POST', async () => {
    await withFakeOkta((req, res, n) => {
      if (req.method === 'POST' || n === 1) return json(res, 503, oktaError('E0000010', 'Service is in read only mode'), { 'x-okta-request-id': `r${n}` });
      json(res, 200, [], { 'x-okta-request-id': `r${n}` });
    }, {}, async ({ server, client }) => {
      await client.request('GET', '/api/v1/apps');
      expect(server.seen.map((r) => [r.headers['x-okta-retry-for'] ?? null, r.headers['x-okta-retry-count'] ?? null])).toEqual([
        [null, null],
        ['r1', '1'],
      ]);
      await expect(client.request('POST', '/api/v1/mappings/prm1', { body: {} })).rejects.toMatchObject({ code: 'OKTA_SERVER_ERROR' });
      expect(server.seen).toHaveLength(3);
    });
  });

  it('classifies methods and backs off exponentially with jitter', () => {
    expect((['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] as const).map(isIdempotent)).toEqual([true, true, true, false, false]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect(backoffMs(20, () => 0.999999)).toBeLessThanOrEqual(30_000);
  });
});
