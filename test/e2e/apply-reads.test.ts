/**
 * Apply reads in proportion to the change: `okta-ou plan --out plan.json` then `okta-ou apply plan.json`
 * on one AD app, counted from the local Okta's audit log per rate-limit bucket (not timed). The saved
 * plan is read afresh (the staleness check). OU updates are profile-only PATCHes, which shift no other
 * assignment: where listing the app costs no more calls than its writes, the app is listed again right
 * before the first write and after the last; where it costs more, it is not re-listed before writing and
 * each written assignment is read back with one GET. A write carrying a priority (a create) is preceded
 * and followed by the list whatever the app's size: another writer may have taken its slot since the
 * plan's read.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import { removeAssignment, writeAssignment } from '../../src/sandbox/assignments';
import { parsePlanJson } from '../../src/render/json';
import { mappingFile, project, removeProjects, seeded, type Sandbox } from './helpers';
import { runAgainst } from '../support/sandbox';

const APP = 'corp.example.com';
const DC = 'OU=Staff,DC=corp,DC=example,DC=com';
const APPS = '/api/v1/apps';
/** OU updates of the first groups: one write each. */
const CHANGES = 3;
const pad = (i: number): string => String(i).padStart(4, '0');
const name = (i: number): string => `G-${pad(i)}`;

/** `n` assigned groups G-0000…, and the `unassigned` ones. */
function org(n: number, unassigned: string[] = []): OrgSeed {
  return {
    users: [],
    groups: [...Array.from({ length: n }, (_, i) => ({ name: name(i) })), ...unassigned.map((g) => ({ name: g }))],
    apps: [
      {
        label: APP,
        name: 'active_directory',
        namingContext: APP,
        importOUs: [DC],
        assignments: Array.from({ length: n }, (_, i) => ({ group: name(i), priority: i, profile: { organizationalUnit: `ou=g${pad(i)},${DC.toLowerCase()}` } })),
      },
    ],
  };
}

/** The live state, with the OUs of the first {@link CHANGES} groups moved. */
function files(n: number): Record<string, string> {
  const groups = Array.from({ length: n }, (_, i) => `      - { group: ${name(i)}, ou: "OU=${i < CHANGES ? 'Moved' : 'G'}${pad(i)},${DC}" }\n`).join('');
  return { 'corp.yaml': mappingFile(`  corp:\n    app: ${APP}\n    importOUs: ["${DC}"]\n    assignments: { mode: authoritative }\n    groups:\n${groups}`) };
}

/** Saves the plan (3 changes), then applies it with `hook` watching the audit log; the apply's audit entries. */
async function planThenApply(sb: Sandbox, n: number, hook?: (path: string, method: string) => void): Promise<{ code: number; out: string; from: number }> {
  const cwd = project(files(n));
  const planned = await runAgainst(sb, cwd, ['plan', '--out', 'plan.json', '--format', 'json']);
  expect(planned.code).toBe(0);
  expect(parsePlanJson(planned.stdout).changes.map((c) => c.action)).toEqual(['update', 'update', 'update']);
  const from = sb.audit.length;
  const push = sb.audit.push.bind(sb.audit);
  if (hook) {
    sb.audit.push = (...entries) => {
      const n = push(...entries);
      for (const e of entries) hook(e.path, e.method);
      return n;
    };
  }
  try {
    const r = await runAgainst(sb, cwd, ['apply', 'plan.json']);
    return { code: r.code, out: r.stdout + r.stderr, from };
  } finally {
    sb.audit.push = push;
  }
}

/** The `/api/v1/apps` bucket's calls of the apply, by kind, in the order made. */
function appsCalls(sb: Sandbox, from: number): string[] {
  const appId = sb.org.findApp(APP)!.id;
  return sb.audit
    .slice(from)
    .filter((e) => sb.rateLimiter.bucketOf(e.path) === APPS)
    .map((e) => `${e.method} ${e.path.replace(appId, '{app}').replace(/\/groups\/00g[A-Za-z0-9]+$/, '/groups/{group}')}`);
}

const WRITE = /^(PUT|PATCH|DELETE) /;

/** The calls by kind before the first write (the plan read, the check), the writes, and after the last (the read-back). */
function phases(calls: string[]): { before: Record<string, number>; writes: number; after: Record<string, number> } {
  const first = calls.findIndex((c) => WRITE.test(c));
  const last = calls.length - 1 - [...calls].reverse().findIndex((c) => WRITE.test(c));
  const count = (xs: string[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const x of xs) out[x] = (out[x] ?? 0) + 1;
    return out;
  };
  expect(calls.slice(first, last + 1).every((c) => WRITE.test(c))).toBe(true);
  return { before: count(calls.slice(0, first)), writes: last + 1 - first, after: count(calls.slice(last + 1)) };
}

describe('apply reads in proportion to the change', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb?.close();
  });
  afterAll(() => removeProjects());

  /** Seeds an org of `n` assignments, applies the saved 3-change plan (exit 0); its `/api/v1/apps` calls. */
  async function applied(n: number): Promise<{ calls: string[]; from: number }> {
    sb = await seeded(org(n));
    const { code, from } = await planThenApply(sb, n);
    expect(code).toBe(0);
    return { calls: appsCalls(sb, from), from };
  }

  test('300 assignments (2 list pages), 3 writes: the list is as cheap as the writes, so the app is listed before and after writing', async () => {
    const { calls } = await applied(300);
    expect(phases(calls)).toEqual({
      // The stale check's plan read (app lookup, 2 assignment pages, 1 app-user page), then the re-list
      // right before the first write (2 pages).
      before: { 'GET /api/v1/apps': 1, 'GET /api/v1/apps/{app}/groups': 2 + 2, 'GET /api/v1/apps/{app}/users': 1 },
      writes: CHANGES,
      // The read-back: the list (2 pages), which also shows that nothing outside the plan moved.
      after: { 'GET /api/v1/apps/{app}/groups': 2 },
    });
    expect(calls).toHaveLength(2 + 3 * 2 + CHANGES);
  });

  test('2,000 assignments (10 list pages), 3 writes: no re-list before writing, one GET per written assignment after', async () => {
    const { calls, from } = await applied(2000);
    expect(phases(calls)).toEqual({
      // The stale check's plan read only.
      before: { 'GET /api/v1/apps': 1, 'GET /api/v1/apps/{app}/groups': 10, 'GET /api/v1/apps/{app}/users': 1 },
      writes: CHANGES,
      after: { 'GET /api/v1/apps/{app}/groups/{group}': CHANGES },
    });
    // The bound apply keeps to: 2 × writes + the assignment pages, plus the lookup and the app-user page.
    expect(calls).toHaveLength(2 + 10 + 2 * CHANGES);
    // The GETs read back exactly the written assignments.
    const written = sb.audit.slice(from).filter((e) => e.method !== 'GET').map((e) => e.path);
    const readBack = sb.audit.slice(from).filter((e) => e.method === 'GET' && /^\/api\/v1\/apps\/[^/]+\/groups\/[^/]+$/.test(e.path)).map((e) => e.path);
    expect(readBack).toEqual(written);
  });

  describe('2,000 assignments: the GETs catch a write that did not stay', () => {
    /**
     * Applies the 3 changes to a fresh 2,000-assignment org; once all writes are answered (when the first
     * read-back GET arrives, before the local Okta answers it), `tamper` changes the `nth` written
     * assignment as another admin would. Returns the run and that assignment's group id.
     */
    async function applyThenTamper(nth: number, tamper: (appId: string, groupId: string) => void): Promise<{ code: number; out: string; from: number; groupId: string }> {
      sb = await seeded(org(2000));
      const written: string[] = [];
      let groupId = '';
      const run = await planThenApply(sb, 2000, (p, method) => {
        if (method !== 'GET') written.push(p);
        else if (!groupId && written.length === CHANGES && /^\/api\/v1\/apps\/[^/]+\/groups\/[^/]+$/.test(p)) {
          const [, appId, g] = /^\/api\/v1\/apps\/([^/]+)\/groups\/([^/]+)$/.exec(written[nth - 1])!;
          groupId = g;
          tamper(appId, g);
        }
      });
      expect(run.code).toBe(1);
      return { ...run, groupId };
    }

    test('another admin puts the OU back after the write: the change is reported failed, naming the value, exit 1', async () => {
      const { out, groupId } = await applyThenTamper(2, (appId, g) => writeAssignment(sb.org, appId, g, { profile: { organizationalUnit: `ou=g${pad(1)},${DC.toLowerCase()}` } }));
      expect(out).toContain('Apply did not take: 2 of 3 change(s) done, 1 failed');
      expect(out).toContain(`✗ failed        corp: update "G-0001"  [corp/assign/${groupId}]`);
      const ou = (x: string): string => `${x},${DC}`.toLowerCase();
      expect(out).toContain(`corp: group ${groupId} has profile.organizationalUnit "${ou('ou=g0001')}", expected "${ou('ou=moved0001')}"`);
    });

    test('another admin removes the written assignment: reported as not assigned', async () => {
      const { out, groupId } = await applyThenTamper(3, (appId, g) => removeAssignment(sb.org, appId, g));
      expect(out).toContain(`✗ failed        corp: update "G-0002"  [corp/assign/${groupId}]`);
      expect(out).toContain(`corp: group ${groupId} is not assigned`);
    });

    test('another admin moves the written assignment: a mismatch, not put back (the GETs do not show whether its slot is free)', async () => {
      const { out, from, groupId } = await applyThenTamper(1, (appId, g) => writeAssignment(sb.org, appId, g, { priority: 5000 }));
      expect(out).toContain(`✗ failed        corp: update "G-0000"  [corp/assign/${groupId}]`);
      expect(out).toContain(`corp: group ${groupId} has priority 5000, expected 0`);
      expect(out).not.toContain('put back');
      // The three writes and nothing else: no restore PUT.
      expect(sb.audit.slice(from).filter((e) => e.method !== 'GET')).toHaveLength(CHANGES);
      expect(sb.org.assignmentsOf(APP).find((a) => a.groupId === groupId)?.priority).toBe(5000);
    });
  });
});

describe('a write that carries a priority: the app is listed again before it, whatever its size', () => {
  let sb: Sandbox;
  afterEach(async () => {
    await sb?.close();
  });
  afterAll(() => removeProjects());

  /**
   * A 2,000-assignment app (10 list pages) and an additive plan that creates `New`, saved; then the apply,
   * with `listed(n)` called as its `n`-th list page of the app's assignments is answered.
   */
  async function createOnLargeApp(listed: (n: number, appId: string, slot: number) => void = () => {}) {
    /** Set once the plan is saved: the apply's requests, as each is answered. */
    let watch: ((path: string) => void) | undefined;
    sb = await seeded(org(2000, ['New', 'X']), { onRequest: (e) => e.method === 'GET' && watch?.(e.path) });
    const cwd = project({ 'corp.yaml': mappingFile(`  corp:\n    app: ${APP}\n    importOUs: ["${DC}"]\n    assignments: { mode: additive }\n    groups:\n      - { group: New, ou: "OU=New,${DC}" }\n`) });
    const planned = await runAgainst(sb, cwd, ['plan', '--out', 'plan.json', '--format', 'json']);
    expect(planned.code).toBe(0);
    const plan = parsePlanJson(planned.stdout);
    expect(plan.changes.map((c) => c.action)).toEqual(['create']);
    const [create] = plan.schedule![0].writes;
    expect(create).toMatchObject({ name: 'New', method: 'put' });
    const appId = sb.org.findApp(APP)!.id;
    const from = sb.audit.length;
    let pages = 0;
    watch = (path) => {
      if (path === `${APPS}/${appId}/groups`) listed(++pages, appId, create.priority);
    };
    const r = await runAgainst(sb, cwd, ['apply', 'plan.json']);
    watch = undefined;
    return { code: r.code, out: r.stdout + r.stderr, from, pages, create };
  }

  test('2,000 assignments, a create: listed before the write (10 pages) and after it (11), not read back by GET', async () => {
    const { code, from, create } = await createOnLargeApp();
    expect(code).toBe(0);
    expect(phases(appsCalls(sb, from))).toEqual({
      // The plan's read, then the re-list right before the PUT.
      before: { 'GET /api/v1/apps': 1, 'GET /api/v1/apps/{app}/groups': 10 + 10, 'GET /api/v1/apps/{app}/users': 1 },
      writes: 1,
      // 2,001 assignments now: 11 pages.
      after: { 'GET /api/v1/apps/{app}/groups': 11 },
    });
    expect(sb.org.assignmentsOf(APP).find((a) => a.groupId === create.groupId)?.priority).toBe(create.priority);
  });

  test("2,000 assignments, a create; an admin assigns X to the create's slot after the plan's read: CHANGED_DURING_APPLY, nothing written", async () => {
    const x = (): string => sb.org.findGroup('X')!.id;
    // Once the apply's own read of the app's assignments is answered (its 10th page), and while it still
    // reads the rest, an admin assigns X to the slot the plan gives New.
    const { code, out, from, pages, create } = await createOnLargeApp((n, appId, slot) => {
      if (n === 10) writeAssignment(sb.org, appId, x(), { priority: slot, profile: { organizationalUnit: `ou=x,${DC.toLowerCase()}` } });
    });
    expect(code).toBe(1);
    expect(out).toContain('CHANGED_DURING_APPLY');
    // X was not assigned when the plan read the app, so the plan has no name for it: named by its id.
    expect(out).toContain(`corp: "${x()}" was assigned (priority ${create.priority})`);
    // The plan's 10 pages and the re-list's 11 (X makes 2,001); no write, so no read-back.
    expect(pages).toBe(10 + 11);
    expect(sb.audit.slice(from).filter((e) => e.method !== 'GET')).toEqual([]);
    const live = sb.org.assignmentsOf(APP);
    expect(live.find((a) => a.groupId === x())?.priority).toBe(create.priority);
    expect(live.some((a) => a.groupId === create.groupId)).toBe(false);
  });
});
