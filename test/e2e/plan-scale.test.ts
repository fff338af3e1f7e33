/**
 * Two AD domains with 2,000 group assignments each are planned in the minimal number of calls: the
 * assignment lists come 200 per page with their groups embedded (no GET per group), app users 500 per
 * page, and no group lookup at all when every file reference is an assigned group. New names are looked
 * up by whichever costs fewer calls at this org's size (4,000 assigned groups: a list of at least 20
 * pages), and the group list, when read, is read once for resolution and member counts alike. Counted
 * from the local Okta's audit log, not timed.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { callsByPath, expectReadOnly, mappingFile, plan, project, removeProjects, seeded, type Sandbox } from './helpers';

const N = 2000;
const USERS = 600;
/** Groups in the org but assigned to no app: the files' new names. */
const NEW = 30;
const pad = (i: number): string => String(i).padStart(4, '0');

const domains = [
  { dir: 'corp', label: 'corp.example.com', dc: 'DC=corp,DC=example,DC=com', prefix: 'C' },
  { dir: 'emea', label: 'emea.example.com', dc: 'DC=emea,DC=example,DC=com', prefix: 'E' },
];

function bigOrg(): OrgSeed {
  const users = Array.from({ length: USERS }, (_, i) => ({ login: `user${i}@example.com`, firstName: 'User', lastName: String(i) }));
  // Each user is a member of one group per domain, so each AD app has USERS app users (2 pages of 500).
  const groups = [
    ...domains.flatMap((d) => Array.from({ length: N }, (_, i) => ({ name: `${d.prefix}-${pad(i)}`, members: i < USERS ? [`user${i}@example.com`] : [] }))),
    ...Array.from({ length: NEW }, (_, i) => ({ name: `New-${pad(i)}`, members: [`user${i}@example.com`] })),
  ];
  const apps = domains.map((d) => ({
    label: d.label,
    name: 'active_directory',
    namingContext: d.label,
    importOUs: [`OU=Staff,${d.dc}`],
    assignments: Array.from({ length: N }, (_, i) => ({
      group: `${d.prefix}-${pad(i)}`,
      priority: i,
      profile: { organizationalUnit: `ou=g${pad(i)},ou=staff,${d.dc.toLowerCase()}` },
    })),
    mapping: { properties: { department: { expression: 'user.department', pushStatus: 'PUSH' as const } } },
  }));
  return { users, groups, apps };
}

function files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of domains) {
    const groups = Array.from({ length: N }, (_, i) => `      - group: ${d.prefix}-${pad(i)}\n        ou: OU=G${pad(i)},OU=Staff,${d.dc}\n`).join('');
    out[`${d.dir}.yaml`] = mappingFile(`  ${d.dir}:
    app: ${d.label}
    importOUs: ["OU=Staff,${d.dc}"]
    assignments: { mode: authoritative }
    attributeMappings:
      properties:
        department: user.department
    groups:
${groups}`);
  }
  return out;
}

describe('plan at scale: 2 domains × 2,000 assignments', () => {
  let sb: Sandbox;
  // The 4,000 groups are generated once; each test plans its own project folder (any order).
  let cwd: string;
  let f: Record<string, string>;
  beforeAll(async () => {
    sb = await seeded(bigOrg());
    f = files();
    cwd = project(f);
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  test('no changes, in the minimal number of calls per path', async () => {
    const r = await plan(sb, cwd, ['--detailed-exitcode', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes).toEqual([]);
    expectReadOnly(sb);

    const perApp = (n: number): number => n * domains.length;
    expect(callsByPath(sb)).toEqual({
      // one filtered list finds both AD apps by label
      'GET /api/v1/apps': 1,
      // 2,000 assignments at 200 per page, groups embedded: 10 pages per app, no GET per group
      'GET /api/v1/apps/{0oa}/groups': perApp(Math.ceil(N / 200)),
      // 600 app users at 500 per page
      'GET /api/v1/apps/{0oa}/users': perApp(Math.ceil(USERS / 500)),
      // the default user type once, then the mapping: list by source/target + one GET
      'GET /api/v1/meta/types/user': 1,
      'GET /api/v1/mappings': perApp(1),
      'GET /api/v1/mappings/{prm}': perApp(1),
      // AD-imported groups of each app (import-OU evidence): one search each
      'GET /api/v1/groups': perApp(1),
      // the files declare mapping properties: each app's user schema, and the default user type's once
      'GET /api/v1/meta/schemas/apps/{0oa}/default': perApp(1),
      'GET /api/v1/meta/schemas/user/default': 1,
    });
    const total = 1 + perApp(10) + perApp(2) + 1 + perApp(1) + perApp(1) + perApp(1) + perApp(1) + 1;
    expect(sb.audit).toHaveLength(total);
    expect(Object.values(p.budget.reads).reduce((n, v) => n + v, 0)).toBe(total);
  });

  test('a reorder reads the members of the moved groups only, one page each', async () => {
    // Swap the first two corp groups: one reorder change, in a project of its own.
    const corp = f['corp.yaml']
      .replace('      - group: C-0000\n        ou: OU=G0000,OU=Staff,DC=corp,DC=example,DC=com\n', '')
      .replace(
        '      - group: C-0001\n        ou: OU=G0001,OU=Staff,DC=corp,DC=example,DC=com\n',
        '      - group: C-0001\n        ou: OU=G0001,OU=Staff,DC=corp,DC=example,DC=com\n      - group: C-0000\n        ou: OU=G0000,OU=Staff,DC=corp,DC=example,DC=com\n',
      );
    const r = await plan(sb, project({ ...f, 'corp.yaml': corp }), ['--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.changes.map((c) => c.action)).toEqual(['reorder']);
    expectReadOnly(sb);
    const calls = callsByPath(sb);
    // The swap reuses the two slots in file order: C-0001 takes 0, C-0000 takes 1; nothing else moves.
    const reorder = p.changes[0];
    expect(reorder.kind === 'assignment' && reorder.moves?.map((m) => [m.group.name, m.from, m.to])).toEqual([
      ['C-0001', 1, 0],
      ['C-0000', 0, 1],
    ]);
    // 2 source-group searches (one per app); no member-count search: the impact reads the members of the
    // two moved groups (one page each: their lengths are the counts) and of no other group, since nothing
    // ranks above the two swapped slots.
    expect(calls['GET /api/v1/groups']).toBe(2);
    expect(calls['GET /api/v1/groups/{00g}/users']).toBe(2);
    expect(calls['GET /api/v1/apps/{0oa}/groups']).toBe(20);
    // User 0 is in C-0000 only, user 1 in C-0001 only: each keeps their group, so nobody moves.
    expect(p.impact?.directories.map((d) => [d.directory, d.move.length, d.lose.length, d.gain.length])).toEqual([['corp', 0, 0, 0]]);
  });

  /** corp.yaml with the first `n` new groups appended: `n` creates whose names no assigned group answers. */
  function withNew(n: number): string {
    const extra = Array.from({ length: n }, (_, i) => `      - group: New-${pad(i)}\n        ou: OU=N${pad(i)},OU=Staff,DC=corp,DC=example,DC=com\n`).join('');
    return f['corp.yaml'] + extra;
  }

  /** Calls by path, and the plan, for a corp.yaml with `n` new groups. */
  async function planWithNew(n: number): Promise<{ calls: Record<string, number>; creates: number }> {
    const r = await plan(sb, project({ ...f, 'corp.yaml': withNew(n) }), ['--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expectReadOnly(sb);
    // Every create states its group's member count (1 each), read once however the names were resolved.
    const creates = p.changes.filter((c) => c.action === 'create');
    expect(creates.map((c) => c.kind === 'assignment' && c.members)).toEqual(Array.from({ length: n }, () => 1));
    return { calls: callsByPath(sb), creates: creates.length };
  }

  // The org's groups: the assigned ones, the new ones and Everyone; the list reads them 200 per page.
  const listPages = Math.ceil((domains.length * N + NEW + 1) / 200);

  test('a few new names in a large org: one search each, no group list (the assigned groups alone make it 20+ pages)', async () => {
    const { calls, creates } = await planWithNew(5);
    expect(creates).toBe(5);
    // 2 AD-imported-group searches (one per app) + 5 name searches; no list page, no member-count search.
    expect(calls['GET /api/v1/groups']).toBe(2 + 5);
    // The impact: the 5 created groups' members (one page each: their lengths are the member counts);
    // a create can hand a user to any group, but the 5 users' own groups (one call each) take fewer calls
    // than the 2,000 other corp groups' members.
    expect(calls['GET /api/v1/groups/{00g}/users']).toBe(5);
    expect(calls['GET /api/v1/users/{00u}/groups']).toBe(5);
    expect(calls['GET /api/v1/groups/{00g}']).toBeUndefined();
  });

  test(`more new names than the group list has pages: the list once (${listPages} pages), for resolution and member counts`, async () => {
    expect(listPages).toBeLessThan(NEW);
    const { calls, creates } = await planWithNew(NEW);
    expect(creates).toBe(NEW);
    // 2 AD-imported-group searches + the list, read once; no name search, no member-count search.
    expect(calls['GET /api/v1/groups']).toBe(2 + listPages);
    expect(sb.audit.filter((e) => e.path === '/api/v1/groups' && e.query.expand === 'stats' && e.query.search === undefined)).toHaveLength(listPages);
    expect(calls['GET /api/v1/groups/{00g}/users']).toBe(NEW);
    expect(calls['GET /api/v1/users/{00u}/groups']).toBe(NEW);
  });
});
