/**
 * `okta-ou plan` options and failure modes end to end: --out, --format, --directory, --verbose, a bad
 * token (exit 4), unreadable mappings (exit 1, no Okta call), and an unsafe plan (exit 3).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { PLAN_MARKER } from '../../src/render/markdown';
import { runCli } from '../support/cli';
import { callsByPath, expectReadOnly, mappingFile, plan, project, removeProjects, seeded, TOKEN, type Sandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const STAFF = 'OU=Staff,DC=emea,DC=example,DC=com';

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
  groups: [
    { name: 'Engineering', members: ['ada@example.com'] },
    { name: 'Sales' },
    { name: 'EMEA Staff' },
    ...Array.from({ length: 12 }, (_, i) => ({ name: `Team ${i}` })),
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: [
        { group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` } },
        ...Array.from({ length: 12 }, (_, i) => ({ group: `Team ${i}`, priority: i + 1, profile: { organizationalUnit: `ou=team${i},${EMP.toLowerCase()}` } })),
      ],
    },
    { label: 'emea.example.com', name: 'active_directory', namingContext: 'emea.example.com', importOUs: [STAFF] },
  ],
};

const teams = (n: number): string =>
  Array.from({ length: n }, (_, i) => `      - group: Team ${i}\n        ou: OU=Team${i},${EMP}\n`).join('');

const corp = (teamCount = 12): string =>
  mappingFile(`  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative }
    groups:
      - group: Engineering
        ou: OU=Engineering,${EMP}
      - group: Sales
        ou: OU=Sales,${EMP}
${teams(teamCount)}`);
const emea = mappingFile(`  emea:
    app: emea.example.com
    importOUs: ["${STAFF}"]
    groups:
      - group: EMEA Staff
        ou: ${STAFF}
`);

describe('plan: options and failures', () => {
  let sb: Sandbox;
  let cwd: string;
  beforeAll(async () => {
    sb = await seeded(org);
    cwd = project({ 'corp.yaml': corp(), 'emea.yaml': emea });
  });
  afterAll(async () => {
    await sb.close();
    removeProjects();
  });

  test('--out writes the JSON plan (parses, same as --format json, no token anywhere)', async () => {
    const r = await plan(sb, cwd, ['--out', 'out/plan.json']);
    expect(r.code).toBe(0);
    const saved = fs.readFileSync(path.join(cwd, 'out/plan.json'), 'utf8');
    const p = parsePlanJson(saved, 'out/plan.json');
    expect(p.orgUrl).toBe(sb.url);
    expect(p.summary.create).toBe(2);
    expect(saved).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    const json = await plan(sb, cwd, ['--format', 'json']);
    expect(json.stdout).toBe(saved);
    expectReadOnly(sb);
  });

  test('--format markdown gives the PR-comment form', async () => {
    const r = await plan(sb, cwd, ['--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(PLAN_MARKER);
    expect(r.stdout).toContain('Sales');
    expect(r.stdout).toContain('EMEA Staff');
    expectReadOnly(sb);
  });

  test('--format with an unknown value is a usage error', async () => {
    const r = await plan(sb, cwd, ['--format', 'yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--format');
    expect(sb.audit).toEqual([]);
  });

  test('--max-capacity takes a percentage of each rate-limit bucket', async () => {
    // A fresh org: the client counts Okta's X-Rate-Limit-Remaining, and this suite's earlier plans have
    // used more of the minute's /api/v1/apps budget than 10 % allows (the client would wait for the reset).
    const fresh = await seeded(org);
    try {
      const ok = await plan(fresh, cwd, ['--max-capacity', '10']);
      expect(ok.code).toBe(0);
      expectReadOnly(fresh);
    } finally {
      await fresh.close();
    }
    const bad = await plan(sb, cwd, ['--max-capacity', '150']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--max-capacity');
    expect(sb.audit).toEqual([]);
  });

  test('--directory plans one directory and reads only its app', async () => {
    const r = await plan(sb, cwd, ['--directory', 'emea', '--format', 'json']);
    expect(r.code).toBe(0);
    const p = parsePlanJson(r.stdout);
    expect(p.directories.map((d) => d.name)).toEqual(['emea']);
    expect(p.changes.map((c) => c.id)).toEqual([`emea/assign/${sb.org.findGroup('EMEA Staff')!.id}`]);
    const corpId = sb.org.findApp('corp.example.com')!.id;
    expect(sb.audit.filter((e) => e.path.includes(corpId))).toEqual([]);
    expectReadOnly(sb);
    const unknown = await plan(sb, cwd, ['--directory', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nope');
    expect(unknown.stderr).toContain('corp, emea');
  });

  test('--verbose logs progress to stderr only; without it stderr is empty', async () => {
    const quiet = await plan(sb, cwd);
    expect(quiet.stderr).toBe('');
    const loud = await plan(sb, cwd, ['--verbose']);
    expect(loud.stderr).toContain('live:');
    expect(loud.stdout).toBe(quiet.stdout);
    expect(loud.stderr).not.toContain(TOKEN);
    expectReadOnly(sb);
  });

  test('--detailed-exitcode: 3 when a safety threshold is exceeded (the plan is still printed)', async () => {
    // Dropping 6 of 13 assignments in authoritative mode is over the default 25 %.
    const unsafe = project({ 'corp.yaml': corp(6) });
    const r = await plan(sb, unsafe, ['--detailed-exitcode', '--format', 'json']);
    expect(r.code).toBe(3);
    const p = parsePlanJson(r.stdout);
    expect(p.safety.exceeded).toBe(true);
    expect(p.summary.delete).toBe(6);
    const plain = await plan(sb, unsafe);
    expect(plain.code).toBe(0);
    expectReadOnly(sb);
  });

  test('a bad token: exit 4 with a clear message, the token never shown', async () => {
    sb.audit.length = 0;
    const wrong = 'not-the-right-token-1234567890';
    const r = await runCli(['plan'], { env: { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: wrong }, cwd });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/401|authenticat|token/i);
    expect(r.stderr).not.toContain(wrong);
    expect(sb.audit.length).toBeGreaterThan(0);
    expect(sb.audit.every((e) => e.status === 401)).toBe(true);
    expectReadOnly(sb);
  });

  test('no connection settings: exit 1 saying what to set', async () => {
    sb.audit.length = 0;
    const r = await runCli(['plan'], { env: {}, cwd });
    expect(sb.audit).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OKTA_CLIENT_ORGURL');
  });

  test('unreadable mappings: findings on stderr, exit 1, and not a single Okta call', async () => {
    const broken = project({ 'corp.yaml': 'version: 1\ndirectories:\n  corp:\n    app: [unclosed\n', 'emea.yaml': emea });
    const r = await plan(sb, broken, ['--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mappings/corp.yaml:');
    expect(r.stderr).toContain('YAML_SYNTAX');
    expect(sb.audit).toEqual([]);
    const schema = project({ 'corp.yaml': mappingFile('  corp:\n    app: corp.example.com\n    groups:\n      - group: Engineering\n') });
    const s = await plan(sb, schema);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('SCHEMA');
    expect(sb.audit).toEqual([]);
  });

  test('budget.reads counts every call the plan made, per bucket', async () => {
    const r = await plan(sb, cwd, ['--format', 'json']);
    const p = parsePlanJson(r.stdout);
    expect(callsByPath(sb)).toEqual({
      // one filtered list finds both AD apps by label
      'GET /api/v1/apps': 1,
      // per app: one page of assignments (13 and 0), one page of app users
      'GET /api/v1/apps/{0oa}/groups': 2,
      'GET /api/v1/apps/{0oa}/users': 2,
      // the default user type once, then per app the mapping list and the mapping
      'GET /api/v1/meta/types/user': 1,
      'GET /api/v1/mappings': 2,
      'GET /api/v1/mappings/{prm}': 2,
      // 2 AD-imported-group searches (one per app) + one page of the group list for the 2 names no
      // assigned group answers (Sales, EMEA Staff): an org of at most 200 groups is read whole in one call
      'GET /api/v1/groups': 3,
      // the impact: one page of members for each changed group (Sales created, Team 0–11 moved below it;
      // EMEA Staff created) and, as a create can hand a user to any group, for the other assigned group
      // (Engineering); their lengths are the member counts, so no member-count search
      'GET /api/v1/groups/{00g}/users': 15,
    });
    expect(p.budget.reads).toEqual({ '/api/v1/apps': 5, '/api/v1': 5, '/api/v1/groups': 18 });
    expect(sb.audit).toHaveLength(28);
    expectReadOnly(sb);
  });
});
