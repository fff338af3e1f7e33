/**
 * Others writing during apply: two overlapping applies against one org, and an admin editing the app's
 * assignments while apply runs. Whatever the interleaving, every assignment okta-ou does not manage
 * (unmanaged in additive mode, or ignored) ends where it was. End to end over real HTTP; the timings
 * are varied deterministically (which write starts the other party, and a latency fault on PUTs), never
 * with sleeps.
 */
import { cli, oktaRequest, project, removeProjects, sandbox, type Sandbox } from './support/harness';
import { APP, EMP, corpApp, ou } from './support/orgs';
import type { OrgSeed } from '../../src/sandbox/types';

afterAll(() => removeProjects());

const MANAGED = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5'];
const OUTSIDE = ['U1', 'legacy-x', 'U2'];
const LIVE: Array<[string, number]> = [['G0', 0], ['U1', 1], ['G1', 2], ['G2', 3], ['legacy-x', 4], ['G3', 5], ['G4', 6], ['U2', 7], ['G5', 8]];

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
  groups: [...MANAGED, ...OUTSIDE, 'X1', 'X2'].map((name) => ({ name, members: ['ada@example.com'] })),
  apps: [corpApp(LIVE.map(([group, priority]) => ({ group, priority, profile: { organizationalUnit: ou(group.toLowerCase()) } })))],
};

function yaml(groups: string[]): string {
  return `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    assignments: { mode: additive, ignore: ["legacy-*"] }
    groups:
${groups.map((g) => `      - { group: ${g}, ou: "OU=${g},${EMP}" }`).join('\n')}
`;
}

/** Priorities of the groups okta-ou must never move. */
function outside(sb: Sandbox): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of sb.org.assignmentsOf(APP)) {
    const name = sb.org.findGroup(a.groupId)!.profile.name;
    if (OUTSIDE.includes(name)) out[name] = a.priority;
  }
  return out;
}
const ORIGINAL = Object.fromEntries(LIVE.filter(([g]) => OUTSIDE.includes(g)));

/** Calls `fn` once, when the sandbox has received its `n`-th write (n = 0: at once). */
function onWrite(sb: Sandbox, n: number, fn: () => void): void {
  if (n === 0) return fn();
  const push = sb.audit.push.bind(sb.audit);
  let seen = 0;
  sb.audit.push = (...entries) => {
    for (const e of entries) if (e.method !== 'GET' && ++seen === n) fn();
    return push(...entries);
  };
}

const TIMINGS: Array<[number, number]> = [
  [0, 0],
  [0, 40],
  [1, 40],
  [1, 80],
  [1, 0],
  [2, 5],
  [3, 0],
  [4, 10],
  [6, 2],
];

describe('two applies at once', () => {
  test.each(TIMINGS)('the second starts at write %i (PUT latency %i ms): nothing outside the plans moves', async (at, latency) => {
    const sb = await sandbox({ org });
    try {
      if (latency > 0) sb.faults.add({ kind: 'latency', method: 'PUT', ms: latency });
      const reverse = project({ 'corp.yaml': yaml([...MANAGED].reverse()) });
      const insert = project({ 'corp.yaml': yaml(['G0', 'X1', 'G1', 'G2', 'X2', 'G3', 'G4', 'G5']) });
      let second: Promise<{ code: number }> | undefined;
      const startSecond = (): void => void (second ??= cli(sb, insert, ['apply', '--auto-approve']));
      onWrite(sb, at, startSecond);
      const first = await cli(sb, reverse, ['apply', '--auto-approve']);
      startSecond();
      const other = await second!;
      expect([0, 1]).toContain(first.code);
      expect([0, 1]).toContain(other.code);
      expect(outside(sb)).toEqual(ORIGINAL);
    } finally {
      await sb.close();
    }
  });
});

describe('an admin edits the app during apply', () => {
  test.each([1, 2, 3, 5])('a new assignment lands on a slot apply is about to write (at write %i): nothing outside the plan moves', async (at) => {
    const sb = await sandbox({ org });
    try {
      const cwd = project({ 'corp.yaml': yaml([...MANAGED].reverse()) });
      const plan = JSON.parse((await cli(sb, cwd, ['plan', '--format', 'json'])).stdout) as { schedule: Array<{ writes: Array<{ priority: number }> }> };
      const targets = plan.schedule[0].writes.map((w) => w.priority);
      const appId = sb.org.findApp(APP)!.id;
      const x1 = sb.org.findGroup('X1')!.id;
      let edit: Promise<unknown> = Promise.resolve();
      onWrite(sb, at, () => {
        edit = oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${x1}`, { priority: targets[Math.min(at, targets.length - 1)], profile: { organizationalUnit: ou('x1') } });
      });
      const r = await cli(sb, cwd, ['apply', '--auto-approve']);
      await edit;
      expect([0, 1]).toContain(r.code);
      expect(outside(sb)).toEqual(ORIGINAL);
    } finally {
      await sb.close();
    }
  });

  test('an admin moves an unmanaged group before the write phase: apply stops before writing to the app', async () => {
    const sb = await sandbox({ org });
    try {
      const cwd = project({ 'corp.yaml': yaml([...MANAGED].reverse()) });
      const appId = sb.org.findApp(APP)!.id;
      const u2 = sb.org.findGroup('U2')!.id;
      // The apply's plan is read, then (on its mapping-free write phase's re-read) U2 has moved: the admin's
      // edit lands between the two reads.
      const push = sb.audit.push.bind(sb.audit);
      let lists = 0;
      sb.audit.push = (...entries) => {
        for (const e of entries) {
          if (e.method === 'GET' && e.path === `/api/v1/apps/${appId}/groups` && ++lists === 2) {
            (sb.org.assignmentsOf(APP).find((a) => a.groupId === u2) as { priority: number }).priority = 20;
          }
        }
        return push(...entries);
      };
      const r = await cli(sb, cwd, ['apply', '--auto-approve']);
      sb.audit.push = push;
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('CHANGED_DURING_APPLY');
      expect(r.stdout + r.stderr).toContain('"U2" priority 7 → 20');
      expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});
