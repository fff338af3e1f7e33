/**
 * The impact's membership reads stay proportional to the change: a create or a delete can hand a user to
 * any assigned group, but only the affected users' memberships matter, so when they are fewer than the
 * other assigned groups, each affected user's groups are read (`GET /api/v1/users/{id}/groups`, needs
 * okta.users.read) instead of every group's members. Without that scope (OAuth, not granted; or Okta
 * refusing the first read, or a later one, with 403) the groups are read as before, and the verbose log says so. Either
 * way the plan is the same. Calls counted from the local Okta's audit log, per path and per bucket.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import type { Plan } from '../../src/model/types';
import { commandScopes } from '../../src/okta/command-scopes';
import { parsePlanJson } from '../../src/render/json';
import { serviceAppEnv } from '../support/service-app';
import { callsByPath, mappingFile, plan, project, removeProjects, seeded, type Sandbox } from './helpers';
import { runAgainst } from '../support/sandbox';

const APP = 'corp.example.com';
const DC = 'DC=corp,DC=example,DC=com';
const pad = (i: number): string => String(i).padStart(4, '0');
const grp = (i: number): string => `G-${pad(i)}`;
const ouOf = (name: string): string => `OU=${name},OU=Staff,${DC}`;

/**
 * `assigned` groups G-0000… (G-0000 first), few with members; New (not assigned) has n1 (also in G-0001:
 * keeps it), n2 (in the last group: keeps it) and n3 (in no group: gains the app). G-0002 has d1 (also
 * in a lower group: moves there), d2 (also in G-0000: stays), d3 (nowhere else: loses the app) and d4,
 * who is assigned individually and in the last group too (keeps their own OU; USER_SCOPE_ASSIGNMENT).
 * `crowd` more users are in New and G-0002 only (a delete of G-0002 takes the app from them).
 */
function org(assigned: number, crowd = 0): OrgSeed {
  const last = grp(assigned - 1);
  const lower = grp(assigned - 2);
  const members: Record<string, string[]> = {
    [grp(0)]: ['d2', 'x0'],
    [grp(1)]: ['n1', 'x1'],
    [grp(2)]: ['d1', 'd2', 'd3', 'd4'],
    [lower]: ['d1', 'x2'],
    [last]: ['n2', 'd4', 'x3'],
  };
  const extra = Array.from({ length: crowd }, (_, i) => `c${i}`);
  members[grp(2)].push(...extra);
  const logins = ['n1', 'n2', 'n3', 'd1', 'd2', 'd3', 'd4', 'x0', 'x1', 'x2', 'x3', ...extra];
  const email = (u: string): string => `${u}@example.com`;
  return {
    users: logins.map((u) => ({ login: email(u), firstName: u, lastName: 'Test' })),
    groups: [
      ...Array.from({ length: assigned }, (_, i) => ({ name: grp(i), members: (members[grp(i)] ?? []).map(email) })),
      { name: 'New', members: ['n1', 'n2', 'n3', ...extra].map(email) },
    ],
    apps: [
      {
        label: APP,
        name: 'active_directory',
        namingContext: APP,
        importOUs: [`OU=Staff,${DC}`],
        assignments: Array.from({ length: assigned }, (_, i) => ({ group: grp(i), priority: i, profile: { organizationalUnit: ouOf(grp(i)).toLowerCase() } })),
        users: [{ user: email('d4'), scope: 'USER' }],
      },
    ],
  };
}

/** The mappings: the assigned groups in order, without `drop`, with `add` appended, `rehome` in OU=Moved. */
function files(assigned: number, opts: { add?: string; drop?: string; rehome?: string } = {}): Record<string, string> {
  const names = [...Array.from({ length: assigned }, (_, i) => grp(i)).filter((g) => g !== opts.drop), ...(opts.add ? [opts.add] : [])];
  const ouOfFile = (g: string): string => (g === opts.rehome ? ouOf('Moved') : ouOf(g));
  return {
    'corp.yaml': mappingFile(`  corp:
    app: ${APP}
    importOUs: ["OU=Staff,${DC}"]
    assignments: { mode: authoritative }
    groups:
${names.map((g) => `      - group: ${g}\n        ou: ${ouOfFile(g)}\n`).join('')}`),
  };
}

/** Calls per rate-limit bucket, as the local Okta counted them (Okta API calls only, not the token endpoint). */
function callsByBucket(sb: Sandbox): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sb.audit.filter((a) => a.path.startsWith('/api/'))) {
    const b = sb.rateLimiter.bucketOf(e.path);
    out[b] = (out[b] ?? 0) + 1;
  }
  return out;
}

/** The plan less what differs between two ways of reading the same org: the calls made. */
const sameOrg = (p: Plan): Omit<Plan, 'budget'> => {
  const { budget: _, ...rest } = p;
  return rest;
};
/** The text plan without its budget lines. */
const withoutBudget = (text: string): string => text.split('\n').filter((l) => !l.startsWith('Okta calls: ')).join('\n');

const login = (u: string): string => `${u}@example.com`;
const ou = (g: string): string => ouOf(g).toLowerCase();

describe('impact reads on an app with 2,000 assignments', () => {
  const N = 2000;
  let sb: Sandbox;
  beforeAll(async () => {
    // Room for the 2,000 member pages of the group reads in one minute: no pacing wait, whose jump of the
    // fake clock would date an OAuth client's DPoP proofs outside the local Okta's window.
    sb = await seeded(org(N), { rateLimits: { '/api/v1/groups': 5000 } });
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  /** The calls every plan of this org makes before the impact (the same whichever way the impact reads). */
  const base = {
    'GET /api/v1/apps': 1,
    // 2,000 assignments, 200 per page, groups embedded
    'GET /api/v1/apps/{0oa}/groups': Math.ceil(N / 200),
    'GET /api/v1/apps/{0oa}/users': 1,
    'GET /api/v1/meta/types/user': 1,
    'GET /api/v1/mappings': 1,
    'GET /api/v1/mappings/{prm}': 1,
  };

  test('create a group of 3: its one member page and the 3 users\' groups, no other group read', async () => {
    const r = await plan(sb, project(files(N, { add: 'New' })), ['--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => [c.action, c.kind === 'assignment' && c.group.name, c.kind === 'assignment' && c.members])).toEqual([['create', 'New', 3]]);
    expect(callsByPath(sb)).toEqual({
      ...base,
      // AD-imported groups (import-OU evidence), then New's name: no assigned group answers it
      'GET /api/v1/groups': 2,
      // New's members: one page, whose length is its member count (no stats search)
      'GET /api/v1/groups/{00g}/users': 1,
      // n1, n2, n3: one call each, instead of 1,999 member pages
      'GET /api/v1/users/{00u}/groups': 3,
    });
    // The users' groups are not in the groups bucket the member pages share: the plan's budget counts them
    // under /api/v1/users (Okta may meter users on their own), the local Okta in its general bucket.
    expect(callsByBucket(sb)).toEqual({ '/api/v1/apps': Math.ceil(N / 200) + 2, '/api/v1/groups': 3, '/api/v1': 3 + 3 });
    expect(p.budget.reads).toEqual({ '/api/v1/apps': Math.ceil(N / 200) + 2, '/api/v1/groups': 3, '/api/v1': 3, '/api/v1/users': 3 });
    // n1 and n2 keep their (higher) groups: only n3 gains the app, in New's OU.
    const corp = p.impact!.directories[0];
    expect(corp.gain.map((u) => [u.user.login, u.from, u.to])).toEqual([[login('n3'), null, ou('New')]]);
    expect([corp.lose, corp.move, corp.individual]).toEqual([[], [], []]);
  });

  test('delete a group of 4: its one member page and the 4 users\' groups', async () => {
    const r = await plan(sb, project(files(N, { drop: grp(2) })), ['--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => [c.action, c.kind === 'assignment' && c.group.name, c.kind === 'assignment' && c.members])).toEqual([['delete', grp(2), 4]]);
    expect(callsByPath(sb)).toEqual({ ...base, 'GET /api/v1/groups': 1, 'GET /api/v1/groups/{00g}/users': 1, 'GET /api/v1/users/{00u}/groups': 4 });
    const corp = p.impact!.directories[0];
    expect(corp.move.map((u) => [u.user.login, u.from, u.to])).toEqual([[login('d1'), ou(grp(2)), ou(grp(N - 2))]]);
    expect(corp.lose.map((u) => [u.user.login, u.from, u.to])).toEqual([[login('d3'), ou(grp(2)), null]]);
    expect(corp.individual.map((u) => u.login)).toEqual([login('d4')]);
    // d4, assigned individually, is in a managed group (the last one): read through their own groups.
    expect(p.findings.filter((f) => f.code === 'USER_SCOPE_ASSIGNMENT').map((f) => f.message)).toEqual([expect.stringMatching(/^1 member of managed groups .*: d4@/)]);
  });

  test('a new OU for the lowest-ranked group: its member page and its 3 members\' groups, not the 1,999 groups above it', async () => {
    const r = await plan(sb, project(files(N, { rehome: grp(N - 1) })), ['--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => [c.action, c.kind === 'assignment' && c.group.name])).toEqual([['update', grp(N - 1)]]);
    expect(callsByPath(sb)).toEqual({ ...base, 'GET /api/v1/groups': 1, 'GET /api/v1/groups/{00g}/users': 1, 'GET /api/v1/users/{00u}/groups': 3 });
    // n2 and x3 have no higher group: they move; d4 (in G-0002 too) stays placed by G-0002, and is assigned individually anyway.
    const corp = p.impact!.directories[0];
    expect(corp.move.map((u) => [u.user.login, u.from, u.to])).toEqual([login('n2'), login('x3')].map((l) => [l, ou(grp(N - 1)), ou('Moved')]));
    expect(corp.individual).toEqual([]);
  });

  describe.each([
    ['create', { add: 'New' }],
    ['delete', { drop: grp(2) }],
  ])('a %s planned every way gives the same plan', (_what, change) => {
    let cwd: string;
    let byUser: { plan: Plan; text: string };
    beforeAll(async () => {
      cwd = project(files(N, change));
      const json = await plan(sb, cwd, ['--format', 'json']);
      expect(callsByPath(sb)['GET /api/v1/users/{00u}/groups']).toBeGreaterThan(0);
      const text = await runAgainst(sb, cwd, ['plan']);
      byUser = { plan: parsePlanJson(json.stdout), text: text.stdout };
      expect(byUser.plan.impact).toBeDefined();
      expect(byUser.text).toContain('people: ');
      expect(byUser.text).toMatch(/^Okta calls: /m);
    });

    /** Plans with `env` (JSON, verbose, then text) and checks it matches the per-user plan. */
    async function expectSamePlan(env: Record<string, string>): Promise<{ calls: Record<string, number>; stderr: string }> {
      sb.audit.length = 0;
      const json = await runAgainst(sb, cwd, ['plan', '--format', 'json', '--verbose'], { env });
      expect(json.stderr.split('\n').filter((l) => l.startsWith('error'))).toEqual([]);
      expect(json.code).toBe(0);
      const calls = callsByPath(sb);
      const p = parsePlanJson(json.stdout);
      expect(sameOrg(p)).toEqual(sameOrg(byUser.plan));
      const text = await runAgainst(sb, cwd, ['plan'], { env });
      expect(withoutBudget(text.stdout)).toEqual(withoutBudget(byUser.text));
      return { calls, stderr: json.stderr };
    }

    const groupReads = _what === 'create' ? 1 + N : 1 + (N - 1);

    test('OAuth without okta.users.read (known from the token): the deciding groups\' members, no user read', async () => {
      const env = serviceAppEnv(sb, commandScopes('plan'));
      const { calls, stderr } = await expectSamePlan(env);
      expect(calls['GET /api/v1/groups/{00g}/users']).toBe(groupReads);
      expect(calls['GET /api/v1/users/{00u}/groups']).toBeUndefined();
      expect(stderr).toMatch(/people: corp: okta\.users\.read is not granted: reading the members of \d+ deciding groups instead of the groups of \d+ affected users/);
    });

    test('OAuth with okta.users.read in OKTA_CLIENT_SCOPES: the users\' groups', async () => {
      const scopes = [...commandScopes('plan'), 'okta.users.read'];
      const env = { ...serviceAppEnv(sb, scopes), OKTA_CLIENT_SCOPES: scopes.join(' ') };
      const { calls, stderr } = await expectSamePlan(env);
      expect(calls['GET /api/v1/groups/{00g}/users']).toBe(1);
      expect(calls['GET /api/v1/users/{00u}/groups']).toBe(_what === 'create' ? 3 : 4);
      expect(stderr).toMatch(/people: corp: read the groups of \d affected users instead of the members of \d+ deciding groups/);
    });

    test('an API token whose admin may not read users (403): one refused read, then the groups\' members', async () => {
      sb.faults.add({ kind: 'status', status: 403, method: 'GET', path: /^\/api\/v1\/users\/[^/]+\/groups$/, name: 'no users.read' });
      try {
        const { calls, stderr } = await expectSamePlan({ OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token });
        expect(calls['GET /api/v1/groups/{00g}/users']).toBe(groupReads);
        expect(calls['GET /api/v1/users/{00u}/groups']).toBe(1);
        expect(stderr).toMatch(/people: corp: Okta refused okta\.users\.read \(GET \/api\/v1\/users\/00u\w+\/groups → 403 E0000006\): reading the members of \d+ deciding groups/);
      } finally {
        sb.faults.clear();
      }
    });

    test('an API token whose admin may read only some users (403 on a later read): that directory reads the groups\' members, exit 0', async () => {
      sb.faults.add({ kind: 'status', status: 403, method: 'GET', path: /^\/api\/v1\/users\/[^/]+\/groups$/, nth: 2, name: 'user outside the admin role' });
      try {
        const { calls, stderr } = await expectSamePlan({ OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token });
        expect(calls['GET /api/v1/groups/{00g}/users']).toBe(groupReads);
        // The first read alone, then the others at once: all were sent before the refusal came back.
        expect(calls['GET /api/v1/users/{00u}/groups']).toBe(_what === 'create' ? 3 : 4);
        expect(stderr).toMatch(/people: corp: Okta refused okta\.users\.read \(GET \/api\/v1\/users\/00u\w+\/groups → 403 E0000006\): reading the members of \d+ deciding groups/);
      } finally {
        sb.faults.clear();
      }
    });
  });
});

describe('impact reads on an app with 10 assignments', () => {
  const N = 10;
  /** New and G-0002 get 8 more members: 11 and 12 affected users, more than the other assigned groups. */
  const CROWD = 8;
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await seeded(org(N, CROWD));
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  test('create a group of 11: the 10 assigned groups\' member pages are fewer calls than 11 users\' groups', async () => {
    const r = await plan(sb, project(files(N, { add: 'New' })), ['--format', 'json', '--verbose']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => [c.action, c.kind === 'assignment' && c.members])).toEqual([['create', 3 + CROWD]]);
    const calls = callsByPath(sb);
    expect(calls['GET /api/v1/groups/{00g}/users']).toBe(1 + N);
    expect(calls['GET /api/v1/users/{00u}/groups']).toBeUndefined();
    expect(r.stderr).not.toContain('people: corp:');
    // The crowd keeps G-0002, above New: only n3 gains the app.
    expect(p.impact!.directories[0].gain.map((u) => u.user.login)).toEqual([login('n3')]);
  });

  test('delete a group of 12: its member page and the other 9 groups\'', async () => {
    const r = await plan(sb, project(files(N, { drop: grp(2) })), ['--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => [c.action, c.kind === 'assignment' && c.members])).toEqual([['delete', 4 + CROWD]]);
    const calls = callsByPath(sb);
    expect(calls['GET /api/v1/groups/{00g}/users']).toBe(1 + (N - 1));
    expect(calls['GET /api/v1/users/{00u}/groups']).toBeUndefined();
    const corp = p.impact!.directories[0];
    expect(corp.move.map((u) => [u.user.login, u.to])).toEqual([[login('d1'), ou(grp(N - 2))]]);
    expect(corp.lose).toHaveLength(1 + CROWD);
  });
});

describe('impact reads in two directories', () => {
  const N = 30;
  const EMEA = 'emea.example.com';
  const EMEA_DC = 'DC=emea,DC=example,DC=com';
  const emeaOu = (g: string): string => `OU=${g},OU=Staff,${EMEA_DC}`;
  let sb: Sandbox;
  beforeAll(async () => {
    // A second AD app with the same 30 groups assigned, in the same order.
    const seed = org(N);
    const corp = seed.apps![0];
    const assignments = corp.assignments!.map((a) => ({ ...a, profile: { organizationalUnit: emeaOu(a.group).toLowerCase() } }));
    seed.apps!.push({ ...corp, label: EMEA, namingContext: EMEA, importOUs: [`OU=Staff,${EMEA_DC}`], assignments, users: [] });
    sb = await seeded(seed);
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  test('New created in both: each of its 3 members\' groups is read once for the two directories', async () => {
    const names = [...Array.from({ length: N }, (_, i) => grp(i)), 'New'];
    const emea = mappingFile(`  emea:
    app: ${EMEA}
    importOUs: ["OU=Staff,${EMEA_DC}"]
    assignments: { mode: authoritative }
    groups:
${names.map((g) => `      - group: ${g}\n        ou: ${emeaOu(g)}\n`).join('')}`);
    const r = await plan(sb, project({ ...files(N, { add: 'New' }), 'emea.yaml': emea }), ['--format', 'json', '--verbose']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => [c.directory, c.action, c.kind === 'assignment' && c.group.name])).toEqual([
      ['corp', 'create', 'New'],
      ['emea', 'create', 'New'],
    ]);
    const calls = callsByPath(sb);
    // New's member page per directory; n1, n2 and n3's groups once each, not once per directory.
    expect(calls['GET /api/v1/groups/{00g}/users']).toBe(2);
    expect(calls['GET /api/v1/users/{00u}/groups']).toBe(3);
    expect(r.stderr).toMatch(/people: corp: read the groups of 3 affected users/);
    expect(r.stderr).toMatch(/people: emea: read the groups of 3 affected users/);
    // Each directory's impact from the same reads: n1 and n2 keep their groups, n3 gains the app in New's OU.
    expect(p.impact!.directories.map((d) => [d.directory, d.gain.map((u) => [u.user.login, u.to])])).toEqual([
      ['corp', [[login('n3'), ou('New')]]],
      ['emea', [[login('n3'), emeaOu('New').toLowerCase()]]],
    ]);
  });
});
