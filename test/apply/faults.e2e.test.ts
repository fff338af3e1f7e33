/**
 * apply under faults (sandbox fault injection): 429 storms, 5xx, 502/504 (AD agent down), connection
 * resets before and after the write commits, the Nth write failing, and the process stopped mid-apply.
 * In every case a second run converges to the desired state, no assignment outside the plan is
 * written, and no write ever lands on a priority another assignment holds (audit-log replay).
 */
import type { FaultSpec } from '../../src/sandbox';
import type { Plan } from '../../src/model/types';
import { cli, COMMITTED, project, removeProjects, replayCollisions, sandbox, snapshot, type Sandbox } from './support/harness';
import { APP, cycleOrg, cycleYaml } from './support/orgs';
import { expectCycleConverged } from './support/converged';

interface ApplyJson {
  applied: string[];
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

const applyJson = async (opts: { signal?: AbortSignal } = {}): Promise<{ code: number; result: ApplyJson; stderr: string }> => {
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
  const cases: Array<[string, FaultSpec[]]> = [
    ['a 429 storm on writes', [{ kind: 'rateLimit', method: 'PUT', count: 2, resetSeconds: 0 }]],
    ['5xx on writes', [{ kind: 'status', status: 500, method: 'PUT', count: 2 }, { kind: 'status', status: 503, method: 'DELETE', count: 1 }]],
    [
      '502/504 from the AD agent path, on the mapping POST (not retried by the client) and a PUT',
      [
        { kind: 'status', status: 502, errorCode: 'E0000240', method: 'POST', count: 1 },
        { kind: 'status', status: 504, errorCode: 'E0000241', method: 'PUT', count: 1 },
      ],
    ],
    ['connection resets before the write commits', [{ kind: 'reset', method: 'POST', count: 1 }, { kind: 'reset', method: 'PUT', count: 2 }]],
    [
      'connection resets after the write committed (reply lost)',
      [
        { kind: 'reset', after: true, name: COMMITTED, method: 'POST', count: 1 },
        { kind: 'reset', after: true, name: COMMITTED, method: 'PUT', count: 1 },
        { kind: 'reset', after: true, name: COMMITTED, method: 'DELETE', count: 1 },
      ],
    ],
    ['a 500 after the mapping POST committed', [{ kind: 'status', status: 500, after: true, name: COMMITTED, method: 'POST', count: 1 }]],
  ];

  test.each(cases)('%s', async (_name, faults) => {
    for (const f of faults) sb.faults.add(f);
    const first = await applyJson();
    expect(first.code).toBe(0);
    expect(first.result.verified).toBe(true);
    expect(first.result.applied).toHaveLength(ALL_CHANGES);
    // Every fault fired (the run did meet them).
    for (const f of sb.faults.active) expect(f.fired).toBeGreaterThan(0);
    expectCycleConverged(sb);
    await expectSecondRunConverges();
  });
});

describe('a write that fails for good stops the run; the second run finishes exactly the rest', () => {
  // 7 writes: mapping POST, Marketing, Operations (parked), Engineering, Sales, Operations, Finance.
  test.each([1, 2, 3, 4, 5, 6, 7])('write %i answers 400', async (n) => {
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
  test.each([1, 2, 3, 4, 5, 6])('stopped after write %i', async (n) => {
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
  test('the 5th of 10 deletes answers 400: every delete Okta did is reported as done, the rest as not attempted', async () => {
    const groups = Array.from({ length: 12 }, (_, i) => `Team ${String(i).padStart(2, '0')}`);
    await sb.close();
    sb = await sandbox({
      org: {
        users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
        groups: groups.map((name) => ({ name, members: ['ada@example.com'] })),
        apps: [
          {
            label: APP,
            name: 'active_directory',
            namingContext: 'corp.example.com',
            importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
            assignments: groups.map((group, i) => ({ group, priority: i, profile: { organizationalUnit: `ou=t${i},ou=employees,dc=corp,dc=example,dc=com` } })),
          },
        ],
      },
    });
    cwd = project({
      'corp.yaml': `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["OU=Employees,DC=corp,DC=example,DC=com"]
    assignments: { mode: authoritative }
    groups:
      - { group: "Team 00", ou: "OU=T0,OU=Employees,DC=corp,DC=example,DC=com" }
      - { group: "Team 01", ou: "OU=T1,OU=Employees,DC=corp,DC=example,DC=com" }
`,
    });
    sb.faults.add({ kind: 'latency', method: 'DELETE', ms: 20 });
    sb.faults.add({ kind: 'status', status: 400, errorCode: 'E0000001', method: 'DELETE', nth: 5 });
    const r = await cli(sb, cwd, ['apply', '--auto-approve', '--force', '--format', 'json']);
    expect(r.code).toBe(1);
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
    expect(sb.org.assignmentsOf(APP).map((a) => sb.org.findGroup(a.groupId)!.profile.name)).toEqual(['Team 00', 'Team 01']);
  });
});
