/**
 * A GET whose answer does not arrive in time is retried. undici runs headers and body timeouts on its own
 * coarse timer (lib/util/timers.js: a 499 ms tick, so any timeout below 1 s fires after ~1 s of real time),
 * which made this test wait a second for a 150 ms timeout. Jest's fake timers drive that tick instead;
 * the HTTP stays real. In its own file because undici keeps the tick timer in module state, which must be
 * created under the fake timers (jest gives each test file a fresh module registry).
 */
import { createOktaClient } from '../../src/okta/client';
import type { ConnectionConfig } from '../../src/okta/config';
import { FakeClock, json, startFakeOkta } from './support/fake-okta';

const cfg = (url: string): ConnectionConfig => ({ orgUrl: url, auth: { mode: 'SSWS', token: 'tok-timeout-000000000' }, maxCapacity: 0.5 });

afterEach(() => {
  jest.useRealTimers();
});

it('retries a GET whose answer does not arrive in time, and says so', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });
  let firstArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
  const server = await startFakeOkta((_req, res, n) => {
    if (n === 1) return firstArrived(); // never answer the first
    json(res, 200, { ok: n });
  });
  const lines: string[] = [];
  const client = createOktaClient(cfg(server.url), { sleep: new FakeClock().sleep, timeoutMs: 150, verbose: true, log: (l) => lines.push(l) });
  try {
    const pending = client.request('GET', '/api/v1/apps/0oa1');
    await arrived;
    await jest.advanceTimersByTimeAsync(1_000);
    expect((await pending).body).toEqual({ ok: 2 });
    expect(server.seen.map((r) => r.headers['x-okta-retry-count'] ?? null)).toEqual([null, '1']);
    expect(lines[0]).toMatch(/^GET \/api\/v1\/apps\/0oa1 failed \(UND_ERR_HEADERS_TIMEOUT\); retrying in \d+ ms \(retry 1 of 5; GET is idempotent\)$/);
  } finally {
    jest.useRealTimers();
    await client.close();
    await server.close();
  }
});
