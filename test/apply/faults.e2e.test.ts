/**
 * apply under faults (sandbox fault injection): 429 storms, 5xx, 502/504 (AD agent down), connection
 * resets before and after the write commits, the Nth write failing, and the process stopped mid-apply.
 * In every case a second run converges to the desired state, no assignment outside the plan is
 * written, and no write ever lands on a priority another assignment holds (audit-log replay).
 */
import type { FaultSpec } from '../../src/sandbox';
import type { Plan } from '../../src/model/types';
import { cli, COMMITTED, project, removeProjects, replayCollisions, sandbox, snapshot, type Sandbox } from './support/harness';
import { sandboxClock } from '../support/sandbox';
import { APP, cycleOrg, cycleYaml, team, teamsOrg, teamsYaml } from './support/orgs';
import { expectCycleConverged } from './support/converged';

interface ApplyJson {
  applied: string[];
  unverified: string[];
  failed: { code: string; changeIds: string[]; request?: { method: string; path: string }; status?: number; requestId?: string; message: string } | null;
  partial: string[];
  notAttempted: string[];
  verified: boolean;
  interrupted: boolean;
  requests: { sent: number; total: number };
}

const ALL_CHANGES = 6; // dn removal + department, create Marketing, update Engineering, reorder, delete Finance (mapping counts 2)

let sb: Sandbox;
let cwd: string;
let before: ReturnType<typeof snapshot>;

beforeEach(async () => {
  sb = await sandbox({ org: cycleOrg });
  cwd = project({ 'corp.yaml': cycleYaml });
  before = snapshot(sb, APP);
});
afterEach(async () => sb.close());
afterAll(() => removeProjects());

const applyJson = async (opts: Parameters<typeof cli>[3] = {}): Promise<{ code: number; result: ApplyJson; stderr: string }> => {
  const r = await cli(sb, cwd, ['apply', '--auto-approve', '--format', 'json'], opts);
  if (!r.stdout) throw new Error(`no result (exit ${r.code}): ${r.stderr.slice(-600)}`);
  return { code: r.code, result: JSON.parse(r.stdout) as ApplyJson, stderr: r.stderr };
};

/** The invariants after any run, failed or not. */
function expectNothingWronglyWritten(): void {
  const appId = sb.org.findApp(APP)!.id;
  const id = (name: string): string => sb.org.findGroup(name)!.id;
  const writable = new Set(['Sales', 'Engineering', 'Operations', 'Marketing'].map(id));
  for (const e of sb.audit) {
    if (e.method === 'GET') continue;
    if (e.path.startsWith('/api/v1/mappings/')) continue;
    const g = e.path.replace(`/api/v1/apps/${appId}/groups/`, '');
    if (e.method === 'DELETE') expect(g).toBe(id('Finance'));
    else expect(writable.has(g)).toBe(true);
  }
  expect(replayCollisions(sb, APP, before).collisions).toEqual([]);
  // Never touched: the ignored group.
  const kiosk = sb.org.assignmentsOf(APP).find((a) => a.groupId === id('legacy-kiosk'))!;
  expect({ priority: kiosk.priority, profile: kiosk.profile }).toEqual({ priority: before.find((a) => a.groupId === id('legacy-kiosk'))!.priority, profile: before.find((a) => a.groupId === id('legacy-kiosk'))!.profile });
}

async function expectSecondRunConverges(): Promise<void> {
  sb.faults.clear();
  const second = await applyJson();
  expect(second.code).toBe(0);
  expect(second.result.failed).toBeNull();
  expect(second.result.verified).toBe(true);
  expectCycleConverged(sb);
  expectNothingWronglyWritten();
  const plan = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain('No changes.');
}

describe('transient faults are absorbed in the same run', () => {
  // name, faults, waits the client makes (back-off or rate-limit reset)
  const cases: Array<[string, FaultSpec[], number]> = [
    ['a 429 storm on writes', [{ kind: 'rateLimit', method: 'PUT', count: 2, resetSeconds: 0 }], 2],
    ['5xx on writes', [{ kind: 'status', status: 500, method: 'PUT', count: 2 }, { kind: 'status', status: 503, method: 'DELETE', count: 1 }], 1],
    [
      '502/504 from the AD agent path, on the mapping POST (not retried by the client) and a PUT',
      [
        { kind: 'status', status: 502, errorCode: 'E0000240', method: 'POST', count: 1 },
        { kind: 'status', status: 504, errorCode: 'E0000241', method: 'PUT', count: 1 },
      ],
      0,
    ],
    // A write left without an answer might still land: one settle wait before the read-back (apply/settle.ts).
    ['connection resets before the write commits', [{ kind: 'reset', method: 'POST', count: 1 }, { kind: 'reset', method: 'PUT', count: 2 }], 1],
    [
      'connection resets after the write committed (reply lost)',
      [
        { kind: 'reset', after: true, name: COMMITTED, method: 'POST', count: 1 },
        { kind: 'reset', after: true, name: COMMITTED, method: 'PUT', count: 1 },
        { kind: 'reset', after: true, name: COMMITTED, method: 'DELETE', count: 1 },
      ],
      2,
    ],
    ['a 500 after the mapping POST committed', [{ kind: 'status', status: 500, after: true, name: COMMITTED, method: 'POST', count: 1 }], 0],
  ];

  test.each(cases)('%s', async (_name, faults, waits) => {
    for (const f of faults) sb.faults.add(f);
    const clock = sandboxClock(sb);
    const first = await applyJson({ clock });
    expect(first.code).toBe(0);
    expect(first.result.verified).toBe(true);
    expect(first.result.applied).toHaveLength(ALL_CHANGES);
    // Every fault fired (the run did meet them).
    for (const f of sb.faults.active) expect(f.fired).toBeGreaterThan(0);
    // The client waited once per 429 and per retried 5xx / reset of a DELETE (on the fake clock: no real
    // time passed); any other write is not retried by the client but read back, then sent again if needed;
    // after a reset, apply waits once for unanswered writes to settle before the final read-back.
    expect(clock.waits).toHaveLength(waits);
    expectCycleConverged(sb);
    await expectSecondRunConverges();
  });

  test('a 429 waits until the announced reset: X-Rate-Limit-Reset − Date + 1 s, then the write goes through', async () => {
    sb.faults.add({ kind: 'rateLimit', method: 'PUT', count: 1, resetSeconds: 3 });
    const clock = sandboxClock(sb);
    const first = await applyJson({ clock });
    expect(first.code).toBe(0);
    expect(first.result.verified).toBe(true);
    // Reset = the server's next whole second + 3 s; Date has whole seconds: the wait is 4 s + 1 s, or
    // 3 s + 1 s when the request landed exactly on a second. The fake clock follows real time between
    // sleeps, so on a loaded machine the wait is shorter by however long the client took to get there
    // (up to a second seen on two shared cores); a back-off (≤ 1 s) or a full window (60 s) is still told apart.
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThan(3000);
    expect(clock.waits[0]).toBeLessThanOrEqual(5000);
    expect(first.stderr).toContain(`waiting ${Math.ceil(clock.waits[0] / 1000)} s for /api/v1/apps rate-limit reset after 429 on PUT`);
    expect(sb.audit.filter((e) => e.status === 429)).toHaveLength(1);
    expectCycleConverged(sb);
  });
});

describe('a write that fails for good stops the run; the second run finishes exactly the rest', () => {
  // 6 writes: mapping POST, Engineering, Marketing, Operations, Sales, Finance.
  test.each([1, 2, 3, 4, 5, 6])('write %i answers 400', async (n) => {
    sb.faults.add({ kind: 'status', status: 400, errorCode: 'E0000001', errorSummary: 'Api validation failed: injected', nth: n });
    const first = await applyJson();
    expect(first.code).toBe(1);
    const r = first.result;
    expect(r.failed).toEqual(
      expect.objectContaining({ code: 'OKTA_VALIDATION', status: 400, requestId: expect.stringMatching(/\S/), request: expect.objectContaining({ method: expect.any(String) }) }),
    );
    expect(r.verified).toBe(false);
    expect(r.requests.sent).toBe(n - 1);
    // Every change is reported exactly once.
    const reported = [...r.applied, ...r.failed!.changeIds, ...r.partial, ...r.notAttempted];
    expect(new Set(reported).size).toBe(reported.length);
    expect(reported).toHaveLength(ALL_CHANGES);
    expectNothingWronglyWritten();

    // A new plan shows the rest: nothing reported as applied comes back.
    const plan = await cli(sb, cwd, ['plan', '--format', 'json']);
    const rest = (JSON.parse(plan.stdout) as Plan).changes.map((c) => c.id);
    for (const id of r.applied) expect(rest).not.toContain(id);
    expect(rest.length).toBeGreaterThan(0);

    await expectSecondRunConverges();
  });
});

describe('stopped mid-apply (Ctrl-C / SIGTERM): stops between requests, reports, converges on re-run', () => {
  test.each([1, 2, 3, 4, 5])('stopped after write %i', async (n) => {
    const controller = new AbortController();
    const push = sb.audit.push.bind(sb.audit);
    let seen = 0;
    sb.audit.push = (...entries) => {
      for (const e of entries) if (e.method !== 'GET' && ++seen === n) controller.abort();
      return push(...entries);
    };
    const first = await applyJson({ signal: controller.signal });
    sb.audit.push = push;
    expect(first.code).toBe(1);
    expect(first.result.interrupted).toBe(true);
    expect(first.result.failed).toBeNull();
    expect(first.result.requests.sent).toBe(n);
    expect(sb.audit.filter((e) => e.method !== 'GET')).toHaveLength(n);
    expectNothingWronglyWritten();
    await expectSecondRunConverges();
  });
});

describe('deletes run four at a time; a failing one still leaves an exact account', () => {
  test('the 5th of 10 deletes answers 400: exactly four were in flight at once; every delete Okta did is reported as done, the rest as not attempted', async () => {
    await sb.close();
    // DELETEs the sandbox has received and not yet answered (audit entries are pushed on arrival,
    // onRequest is called when the answer is sent); a latency fault holds each one open for a while.
    let inFlight = 0;
    let maxInFlight = 0;
    sb = await sandbox({ org: teamsOrg(12), onRequest: (e) => void (e.method === 'DELETE' && inFlight--) });
    const push = sb.audit.push.bind(sb.audit);
    sb.audit.push = (...entries) => {
      for (const e of entries) if (e.method === 'DELETE') maxInFlight = Math.max(maxInFlight, ++inFlight);
      return push(...entries);
    };
    cwd = project({ 'corp.yaml': teamsYaml([0, 1]) });
    sb.faults.add({ kind: 'latency', method: 'DELETE', ms: 20 });
    sb.faults.add({ kind: 'status', status: 400, errorCode: 'E0000001', method: 'DELETE', nth: 5 });
    const r = await cli(sb, cwd, ['apply', '--auto-approve', '--force', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(maxInFlight).toBe(4);
    const result = JSON.parse(r.stdout) as ApplyJson;
    const deletedOk = sb.audit.filter((e) => e.method === 'DELETE' && e.status === 204).length;
    expect(result.requests.sent).toBe(deletedOk);
    expect(result.applied).toHaveLength(deletedOk);
    expect(result.failed?.status).toBe(400);
    expect(result.applied.length + 1 + result.notAttempted.length).toBe(10);
    expect(sb.org.assignmentsOf(APP)).toHaveLength(12 - deletedOk);

    sb.faults.clear();
    const second = await cli(sb, cwd, ['apply', '--auto-approve', '--force']);
    expect(second.code).toBe(0);
    expect(sb.org.assignmentsOf(APP).map((a) => sb.org.findGroup(a.groupId)!.profile.name)).toEqual([team(0), team(1)]);
  });
});

describe('the read-back after the writes fails', () => {
  test('every write succeeded: reported as "sent, not verified" (not partly done), exit 1; a new plan shows they took', async () => {
    // Once the 7th (last) write arrives, every read answers 503 (retried by the client, then given up).
    const push = sb.audit.push.bind(sb.audit);
    let seen = 0;
    sb.audit.push = (...entries) => {
      for (const e of entries) if (e.method !== 'GET' && ++seen === 6) sb.faults.add({ kind: 'status', status: 503, method: 'GET' });
      return push(...entries);
    };
    const clock = sandboxClock(sb);
    const first = await applyJson({ clock });
    sb.audit.push = push;
    expect(first.code).toBe(1);
    const { failed, ...rest } = first.result;
    // Plan order: the dn and department mapping fixes, update Engineering, create Marketing, the
    // reorder, delete Finance (group ids of the seeded org, seed 1).
    expect(rest).toEqual({
      applied: [],
      restored: [],
      unverified: ['corp/mapping/dn', 'corp/mapping/department', 'corp/assign/00gX9k42Mof9OjTwq5b7', 'corp/assign/00g5ZY0R6oBwnI8hX5b7', 'corp/reorder', 'corp/assign/00ghDixV46aG2wnMg5b7'],
      partial: [],
      notAttempted: [],
      verified: false,
      interrupted: false,
      mismatches: [],
      requests: { sent: 6, total: 6 },
    });
    expect(failed).toEqual(expect.objectContaining({ code: 'VERIFY_UNAVAILABLE', status: 503, changeIds: [], exitCode: 1 }));
    // The first read-back GET, retried 5 times after back-off waits (fake clock), then given up.
    expect(clock.waits).toHaveLength(5);
    expect(sb.audit.filter((e) => e.method === 'GET' && e.status === 503)).toHaveLength(6);

    sb.faults.clear();
    const text = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(text.stdout).toContain('No changes.');
    expect(text.code).toBe(0);
    expectCycleConverged(sb);
  });

  test('as text: each change "✓ sent, not verified", and a hint to run plan', async () => {
    const push = sb.audit.push.bind(sb.audit);
    let seen = 0;
    sb.audit.push = (...entries) => {
      for (const e of entries) if (e.method !== 'GET' && ++seen === 6) sb.faults.add({ kind: 'status', status: 503, method: 'GET' });
      return push(...entries);
    };
    const r = await cli(sb, cwd, ['apply', '--auto-approve']);
    sb.audit.push = push;
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('Apply '))).toEqual([
      'Apply sent, not verified: 6 of 6 change(s) sent (6 of 6 write request(s), every one answered OK), but reading them back from Okta failed.',
    ]);
    expect(lines.filter((l) => l.includes('✓ sent, not verified'))).toHaveLength(ALL_CHANGES);
    expect(lines.filter((l) => /partly done|not attempted|failed {2}/.test(l))).toEqual([]);
    expect(r.stdout).toContain('  hint: run `okta-ou plan` to check that the changes took (it shows "No changes" when they did); nothing was undone\n');
  });
});

describe('a priority write whose answer was lost', () => {
  test('is read back before anything else is written: it took, so it is not sent again', async () => {
    sb.faults.add({ kind: 'reset', after: true, name: COMMITTED, method: 'PUT', nth: 1 });
    const first = await applyJson();
    expect(first.code).toBe(0);
    const w = sb.audit.filter((e) => e.method !== 'GET' || /\/groups\/[^/]+$/.test(e.path));
    const firstPut = w.findIndex((e) => e.method === 'PUT');
    // The lost PUT, then a GET of that same assignment, then the next write (another group).
    expect(w[firstPut + 1]).toEqual(expect.objectContaining({ method: 'GET', path: w[firstPut].path }));
    expect(w[firstPut + 2].path).not.toBe(w[firstPut].path);
    expect(sb.audit.filter((e) => e.method === 'PUT' && e.path === w[firstPut].path)).toHaveLength(1);
    expectCycleConverged(sb);
  });
});

describe('stopped before the first write', () => {
  test('Ctrl-C before apply starts: ABORTED, not even a read, nothing written, with a hint to run plan', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await cli(sb, cwd, ['apply', '--auto-approve'], { signal: controller.signal });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ABORTED interrupted before the Okta calls finished');
    expect(r.stderr).toContain('run `okta-ou plan` to see the current state');
    expect(sb.audit).toEqual([]);
    expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});
