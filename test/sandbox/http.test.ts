import { connect } from 'node:net';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { call, links } from './http';

let sb: Sandbox;
beforeAll(async () => { sb = await startSandbox({ org: 'demo', rateLimits: { '/api/v1/apps': 1000 } }); });
afterAll(() => sb.close());

const ERROR_ID = /^oae[A-Za-z0-9_-]{22}$/;
/** RFC 7231 §7.1.1.1 IMF-fixdate, the form HTTP servers send in Date: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Sends raw bytes so the request has exactly the headers we choose. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const u = new URL(sb.url);
    const s = connect(Number(u.port), u.hostname, () => s.end(text));
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

test('every response carries X-Okta-Request-Id (32 hex), Date and X-Rate-Limit-*', async () => {
  const corp = sb.org.findApp('corp.example.com')!.id;
  const responses = await Promise.all([
    call(sb, 'GET', '/api/v1/apps'),
    call(sb, 'GET', '/api/v1/apps/0oanope'),
    call(sb, 'GET', '/api/v1/groups', { auth: 'SSWS wrong' }),
    call(sb, 'DELETE', `/api/v1/apps/${corp}/groups/00gnope`),
  ]);
  for (const r of responses) {
    expect(r.headers['x-okta-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(r.headers.date).toMatch(IMF_FIXDATE);
    expect(new Date(r.headers.date as string).toUTCString()).toBe(r.headers.date);
    expect(Number(r.headers['x-rate-limit-limit'])).toBeGreaterThan(0);
    expect(r.headers['x-rate-limit-remaining']).toMatch(/^\d+$/);
    expect(Number(r.headers['x-rate-limit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
  }
  expect(new Set(responses.map((r) => r.headers['x-okta-request-id'])).size).toBe(4);
});

test('errors have Okta shape; 401 E0000011 for missing or wrong credentials', async () => {
  for (const auth of [null, 'SSWS nope', 'Bearer nope', `Basic ${sb.token}`]) {
    const r = await call(sb, 'GET', '/api/v1/apps', { auth });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toEqual({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: expect.stringMatching(ERROR_ID), errorCauses: [] });
  }
});

test('404 E0000007 names the resource type; 405 E0000022; 400 E0000003 on malformed JSON', async () => {
  expect((await call(sb, 'GET', '/api/v1/apps/0oamissing')).body.errorSummary).toBe('Not found: Resource not found: 0oamissing (AppInstance)');
  expect((await call(sb, 'GET', '/api/v1/groups/00gmissing')).body.errorSummary).toBe('Not found: Resource not found: 00gmissing (UserGroup)');
  expect((await call(sb, 'GET', '/api/v1/mappings/prmmissing')).body.errorSummary).toBe('Not found: Resource not found: prmmissing (ProfileMapping)');
  const m = await call(sb, 'DELETE', '/api/v1/mappings');
  expect([m.status, m.body.errorCode]).toEqual([405, 'E0000022']);
  const corp = sb.org.findApp('corp.example.com')!.id;
  const eng = sb.org.findGroup('Engineering')!.id;
  const bad = await call(sb, 'PUT', `/api/v1/apps/${corp}/groups/${eng}`, { rawBody: '{"priority":', headers: { 'content-type': 'application/json' } });
  expect([bad.status, bad.body.errorCode]).toEqual([400, 'E0000003']);
  expect(sb.org.assignmentsOf(corp).find((a) => a.groupId === eng)!.priority).toBe(0);
});

test('a PUT with no body and no Content-Length gets 411; Content-Length: 0 is accepted', async () => {
  const corp = sb.org.findApp('corp.example.com')!.id;
  const eng = sb.org.findGroup('Engineering')!.id;
  const head = `PUT /api/v1/apps/${corp}/groups/${eng} HTTP/1.1\r\nHost: x\r\nAuthorization: SSWS ${sb.token}\r\nConnection: close\r\n`;
  expect(await raw(head + '\r\n')).toMatch(/^HTTP\/1\.1 411 /);
  expect(await raw(head + 'Content-Length: 0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
});

test('Link: absolute URLs, self and next as separate header values, no next on the last page; bad cursor → E0000029', async () => {
  const first = await call(sb, 'GET', '/api/v1/apps?limit=3');
  expect(Array.isArray(first.headers.link)).toBe(true);
  const l = links(first);
  expect(l.self).toBe(`${sb.url}/api/v1/apps?limit=3`);
  expect(l.next).toBe(`${sb.url}/api/v1/apps?after=${first.body[2].id}&limit=3`);
  const second = await call(sb, 'GET', l.next.slice(sb.url.length));
  expect(second.body).toHaveLength(1);
  expect(links(second)).toEqual({ self: `${sb.url}/api/v1/apps?after=${first.body[2].id}&limit=3` });
  const bad = await call(sb, 'GET', '/api/v1/apps?after=00u1testcursorvalue&limit=1');
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ errorCode: 'E0000029', errorSummary: 'Invalid paging request.', errorCauses: [{ errorSummary: 'Invalid cursor.' }] });
});

test('rate limits: /api/v1/apps* share one bucket, 429 E0000047 when exhausted, other buckets unaffected', async () => {
  const small = await startSandbox({ org: 'demo', rateLimits: { '/api/v1/apps': 3, '/api/v1/groups': 50 } });
  try {
    const corp = small.org.findApp('corp.example.com')!.id;
    const seen = [];
    for (const p of ['/api/v1/apps', `/api/v1/apps/${corp}/groups`, `/api/v1/apps/${corp}/users`]) {
      seen.push((await call(small, 'GET', p)).headers['x-rate-limit-remaining']);
    }
    expect(seen).toEqual(['2', '1', '0']);
    const limited = await call(small, 'GET', `/api/v1/apps/${corp}`);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    expect(limited.headers['x-rate-limit-remaining']).toBe('0');
    const groups = await call(small, 'GET', '/api/v1/groups?limit=1');
    expect([groups.status, groups.headers['x-rate-limit-limit'], groups.headers['x-rate-limit-remaining']]).toEqual([200, '50', '49']);
    expect((await call(small, 'GET', '/api/v1/mappings')).headers['x-rate-limit-limit']).toBe('1200');
  } finally {
    await small.close();
  }
});

test('concurrency limit: in-flight requests beyond it get 429 with limit and remaining 0', async () => {
  const tight = await startSandbox({ org: 'demo', concurrencyLimit: 1 });
  try {
    // A is held by the latency fault; B is sent only once the sandbox has A in that hold (its audit entry
    // is written on arrival and marked with the fault before the wait), so B always finds A in flight.
    tight.faults.add({ kind: 'latency', ms: 1000, path: '/api/v1/groups' });
    const pending = call(tight, 'GET', '/api/v1/groups?limit=1');
    while (!tight.audit.some((e) => e.path === '/api/v1/groups' && e.fault === 'latency')) {
      await Promise.race([pending.then(() => Promise.reject(new Error('A finished before it was seen in flight'))), new Promise((r) => setTimeout(r, 2))]);
    }
    const b = await call(tight, 'GET', '/api/v1/apps');
    const a = await pending;
    expect(a.status).toBe(200);
    expect(b.status).toBe(429);
    expect([b.headers['x-rate-limit-limit'], b.headers['x-rate-limit-remaining']]).toEqual(['0', '0']);
  } finally {
    await tight.close();
  }
});

test('the audit log records every request in order, with bodies of writes', async () => {
  const before = sb.audit.length;
  const corp = sb.org.findApp('corp.example.com')!.id;
  const fin = sb.org.findGroup('Finance')!.id;
  await call(sb, 'GET', `/api/v1/apps/${corp}/groups?limit=200`);
  await call(sb, 'PUT', `/api/v1/apps/${corp}/groups/${fin}`, { body: { priority: 4, profile: { organizationalUnit: 'ou=finance,ou=employees,dc=corp,dc=example,dc=com' } } });
  const entries = sb.audit.slice(before);
  expect(entries.map((e) => [e.method, e.path, e.status])).toEqual([
    ['GET', `/api/v1/apps/${corp}/groups`, 200],
    ['PUT', `/api/v1/apps/${corp}/groups/${fin}`, 200],
  ]);
  expect(entries[0].query).toEqual({ limit: '200' });
  expect(entries[1].body).toEqual({ priority: 4, profile: { organizationalUnit: 'ou=finance,ou=employees,dc=corp,dc=example,dc=com' } });
});
