import { startSandbox, type Sandbox } from '../../src/sandbox';
import { call } from './http';

let sb: Sandbox;
let corp: string;
const gid = (n: string) => sb.org.findGroup(n)!.id;
const prio = (n: string) => sb.org.assignmentsOf(corp).find((a) => a.groupId === gid(n))?.priority;
const put = (n: string, priority: number) => call(sb, 'PUT', `/api/v1/apps/${corp}/groups/${gid(n)}`, { body: { priority } });

beforeEach(async () => {
  sb = await startSandbox({ org: 'demo', seed: 7 });
  corp = sb.org.findApp('corp.example.com')!.id;
});
afterEach(() => sb.close());

test('nth counts writes only; the failed write is refused before it happens', async () => {
  sb.faults.add({ kind: 'status', status: 502, nth: 2 });
  expect((await put('Marketing', 10)).status).toBe(200);
  expect((await call(sb, 'GET', `/api/v1/apps/${corp}/groups`)).status).toBe(200);
  const failed = await put('Support', 11);
  expect(failed.status).toBe(502);
  expect(failed.body).toMatchObject({ errorCode: 'E0000240', errorLink: 'E0000240' });
  expect(prio('Support')).toBeUndefined();
  expect((await put('Support', 11)).status).toBe(200);
  expect(prio('Support')).toBe(11);
});

test('504 "no connected agents" by path and method, count bounds it', async () => {
  sb.faults.add({ kind: 'status', status: 504, method: 'DELETE', path: /\/groups\/00g/, count: 1 });
  const url = `/api/v1/apps/${corp}/groups/${gid('Finance')}`;
  const first = await call(sb, 'DELETE', url);
  expect([first.status, first.body.errorCode]).toEqual([504, 'E0000241']);
  expect(prio('Finance')).toBe(4);
  expect((await call(sb, 'DELETE', url)).status).toBe(204);
  expect(prio('Finance')).toBeUndefined();
});

test('connection reset: refused before the write, or after it with after: true', async () => {
  sb.faults.add({ kind: 'reset', method: 'PUT', count: 1 });
  await expect(put('Marketing', 20)).rejects.toThrow();
  expect(prio('Marketing')).toBeUndefined();
  sb.faults.add({ kind: 'reset', method: 'PUT', count: 1, after: true });
  await expect(put('Marketing', 20)).rejects.toThrow();
  expect(prio('Marketing')).toBe(20);
  expect(sb.audit.filter((e) => e.method === 'PUT').map((e) => e.status)).toEqual([0, 0]);
});

test('after: true with a status: the write is committed, the response is a 500', async () => {
  sb.faults.add({ kind: 'status', status: 500, nth: 1, after: true });
  const res = await put('Marketing', 21);
  expect([res.status, res.body.errorCode]).toEqual([500, 'E0000009']);
  expect(prio('Marketing')).toBe(21);
});

test('429 storm carries remaining 0 and a reset in the future; clear() ends it', async () => {
  sb.faults.add({ kind: 'rateLimit', path: '/api/v1/groups', resetSeconds: 5 });
  const r = await call(sb, 'GET', '/api/v1/groups?limit=1');
  expect([r.status, r.body.errorCode, r.headers['x-rate-limit-remaining']]).toEqual([429, 'E0000047', '0']);
  expect(Number(r.headers['x-rate-limit-reset'])).toBeGreaterThanOrEqual(Math.floor(Date.parse(String(r.headers.date)) / 1000) + 4);
  expect((await call(sb, 'GET', '/api/v1/apps')).status).toBe(200);
  sb.faults.clear();
  expect((await call(sb, 'GET', '/api/v1/groups?limit=1')).status).toBe(200);
});

test('rates are deterministic for a seed', async () => {
  const run = async (s: Sandbox) => {
    s.faults.add({ kind: 'status', status: 503, rate: 0.5, path: '/api/v1/mappings' });
    const out: number[] = [];
    for (let i = 0; i < 12; i++) out.push((await call(s, 'GET', '/api/v1/mappings')).status);
    return out;
  };
  const other = await startSandbox({ org: 'demo', seed: 7 });
  try {
    const a = await run(sb);
    expect(a).toEqual(await run(other));
    expect(a).toContain(503);
    expect(a).toContain(200);
  } finally {
    await other.close();
  }
});
