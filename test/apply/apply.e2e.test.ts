/**
 * `okta-ou apply` end to end: the CLI in-process against the local Okta over real HTTP.
 * Seed → run → assert exit code, the recorded requests and the sandbox's state (docs/style.md §7).
 */
import { besidesProgress } from '../support/cli';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanJson } from '../../src/render/json';
import { assignments, cli, oktaRequest, order, project, removeProjects, replayCollisions, sandbox, snapshot, writes, type Sandbox } from './support/harness';
import { APP, cycleOrg, cycleYaml, teamsOrg, teamsYaml } from './support/orgs';
import { expectCycleConverged } from './support/converged';

afterAll(() => removeProjects());

describe('apply on the demo org', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sandbox();
  });
  afterAll(async () => sb.close());

  test('apply --auto-approve makes the planned changes in a safe order; plan then shows "No changes"', async () => {
    const cwd = project();
    const legacyBefore = sb.org.assignmentsOf(APP).find((a) => sb.org.findGroup(a.groupId)?.profile.name === 'legacy-vpn')!;
    const before = { corp: snapshot(sb, APP), emea: snapshot(sb, 'emea.example.com') };
    const start = sb.audit.length;

    // The demo deletes Finance: 3 of corp's 23 users lose the AD app, over the 5 % default, hence --force.
    const r = await cli(sb, cwd, ['apply', '--auto-approve', '--force']);
    // stderr holds only the per-write progress lines.
    expect(besidesProgress(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 8 of 8 change(s) applied and verified');

    expect(order(sb, APP)).toEqual(['Engineering', 'Sales', 'legacy-vpn', 'Marketing', 'R&D, Berlin', 'Contractors']);
    expect(order(sb, 'emea.example.com')).toEqual(['EMEA Staff', 'EMEA Partners', 'EMEA Sales']);
    expect(assignments(sb, 'emea.example.com')['EMEA Partners'].ou).toBe('ou=external,ou=partners,dc=emea,dc=example,dc=com');
    // The ignored group is exactly as it was.
    const legacyAfter = sb.org.assignmentsOf(APP).find((a) => a.groupId === legacyBefore.groupId)!;
    expect({ p: legacyAfter.priority, profile: legacyAfter.profile, t: legacyAfter.lastUpdated }).toEqual({
      p: legacyBefore.priority,
      profile: legacyBefore.profile,
      t: legacyBefore.lastUpdated,
    });
    expect(sb.org.mappingFor(APP)!.properties.dn).toBeUndefined();

    // Order: the mapping POST (dn removal) before any assignment write; deletes last; no write ever
    // landed on a priority another assignment held.
    const w = writes(sb).slice(0);
    const firstAssignmentWrite = w.findIndex((e) => e.path.includes('/groups/'));
    const mappingPost = w.findIndex((e) => e.method === 'POST' && e.path.startsWith('/api/v1/mappings/'));
    expect(mappingPost).toBeGreaterThanOrEqual(0);
    expect(mappingPost).toBeLessThan(firstAssignmentWrite);
    expect((w[mappingPost].body as { properties: Record<string, unknown> }).properties.dn).toEqual({ expression: null, pushStatus: null });
    const corpWrites = w.filter((e) => e.path.startsWith(`/api/v1/apps/${sb.org.findApp(APP)!.id}/groups/`));
    expect(corpWrites[corpWrites.length - 1].method).toBe('DELETE');
    expect(replayCollisions(sb, APP, before.corp, start).collisions).toEqual([]);
    expect(replayCollisions(sb, 'emea.example.com', before.emea, start).collisions).toEqual([]);

    const again = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');

    const noop = await cli(sb, cwd, ['apply']);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toContain('No changes.');
  });
});

describe('apply PLANFILE', () => {
  let sb: Sandbox;
  let cwd: string;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
    cwd = project({ 'corp.yaml': cycleYaml });
  });
  afterEach(async () => sb.close());

  test('applies the saved plan as reviewed, resolving a priority cycle without shifting anyone or parking; --format json', async () => {
    expect((await cli(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const plan = parsePlanJson(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8'));
    const before = snapshot(sb, APP);
    const start = sb.audit.length;

    const r = await cli(sb, cwd, ['apply', 'plan.json', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      // Plan order (group ids of the seeded org, seed 1: Engineering, Marketing, Finance).
      applied: ['corp/mapping/dn', 'corp/mapping/department', 'corp/assign/00gX9k42Mof9OjTwq5b7', 'corp/assign/00g5ZY0R6oBwnI8hX5b7', 'corp/reorder', 'corp/assign/00ghDixV46aG2wnMg5b7'],
      failed: null,
      interrupted: false,
      mismatches: [],
      notAttempted: [],
      partial: [],
      requests: { sent: 6, total: 6 },
      restored: [],
      unverified: [],
      verified: true,
    });
    // The ids are the saved plan's, in its order.
    expect(plan.changes.map((c) => c.id)).toEqual(JSON.parse(r.stdout).applied);
    // Planned priorities exactly (not just the order).
    expect(Object.fromEntries(Object.entries(assignments(sb, APP)).map(([n, a]) => [n, a.priority]))).toEqual({
      Sales: 1,
      'legacy-kiosk': 2,
      Engineering: 5,
      Operations: 7,
      Marketing: 9,
    });
    expectCycleConverged(sb);
    const replay = replayCollisions(sb, APP, before, start);
    expect(replay.collisions).toEqual([]);
    expect(replay.priorities).toEqual(Object.fromEntries(sb.org.assignmentsOf(APP).map((a) => [a.groupId, a.priority])));
    // The requests, as data: mapping; the update and the create (the targets lie on free slots, so the
    // cycle needs no parking); then the pure moves; the delete last.
    const names = (p: string): string => sb.org.findGroup(p.split('/').pop()!)?.profile.name ?? p;
    expect(
      writes(sb)
        .slice(0)
        .map((e) => `${e.method} ${e.path.includes('/groups/') ? names(e.path) : 'mapping'}${(e.body as { priority?: number })?.priority !== undefined ? ` ${(e.body as { priority: number }).priority}` : ''}`),
    ).toEqual(['POST mapping', 'PUT Engineering 5', 'PUT Marketing 9', 'PUT Operations 7', 'PUT Sales 1', 'DELETE Finance']);

    const after = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(after.code).toBe(0);
  });

  test('a plan is stale after an out-of-band change: refused, naming what moved, nothing written', async () => {
    expect((await cli(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const appId = sb.org.findApp(APP)!.id;
    const ops = sb.org.findGroup('Operations')!.id;
    const oob = await oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${ops}`, { priority: 1, profile: { organizationalUnit: 'ou=ops,ou=employees,dc=corp,dc=example,dc=com' } });
    expect(oob.status).toBe(200);
    const start = sb.audit.length;

    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('STALE_PLAN plan is stale');
    expect(r.stderr).toContain('"Operations" profile.organizationalUnit "ou=operations,ou=employees,dc=corp,dc=example,dc=com" → "ou=ops,ou=employees,dc=corp,dc=example,dc=com"');
    expect(r.stderr).toContain('hint: run `okta-ou plan` again');
    expect(sb.audit.slice(start).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  test('refuses a plan for another org, a newer format, or a file that is not a plan', async () => {
    expect((await cli(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const text = fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8');
    fs.writeFileSync(path.join(cwd, 'other.json'), text.replace(sb.url, 'https://other.okta.com'));
    fs.writeFileSync(path.join(cwd, 'newer.json'), text.replace('"formatVersion": 1', '"formatVersion": 2'));
    fs.writeFileSync(path.join(cwd, 'junk.json'), '{"hello": 1}');
    const start = sb.audit.length;

    const other = await cli(sb, cwd, ['apply', 'other.json']);
    expect([other.code, other.stderr]).toEqual([1, expect.stringContaining('PLAN_WRONG_ORG the plan was made for https://other.okta.com')]);
    const newer = await cli(sb, cwd, ['apply', 'newer.json']);
    expect([newer.code, newer.stderr]).toEqual([1, expect.stringContaining('PLAN_FORMAT_NEWER')]);
    const junk = await cli(sb, cwd, ['apply', 'junk.json']);
    expect([junk.code, junk.stderr]).toEqual([1, expect.stringContaining('PLAN_INVALID')]);
    const missing = await cli(sb, cwd, ['apply', 'nope.json']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('PLAN_NOT_FOUND')]);
    expect(sb.audit.slice(start)).toEqual([]);
  });
});

describe('apply without a plan file: confirmation', () => {
  let sb: Sandbox;
  let cwd: string;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
    cwd = project({ 'corp.yaml': cycleYaml });
  });
  afterEach(async () => sb.close());

  test('without a terminal, --auto-approve is required', async () => {
    const r = await cli(sb, cwd, ['apply']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Plan: 2 to create');
    expect(r.stderr).toContain('APPROVAL_REQUIRED');
    expect(r.stderr).toContain('--auto-approve');
    expect(writes(sb)).toEqual([]);
  });

  test('on a terminal only "yes" proceeds', async () => {
    const no = await cli(sb, cwd, ['apply'], { answers: ['y'] });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('Only "yes" is accepted');
    expect(no.stderr).toContain('Apply cancelled; nothing was changed.');
    expect(writes(sb)).toEqual([]);

    const yes = await cli(sb, cwd, ['apply'], { answers: ['yes'] });
    expect(yes.code).toBe(0);
    // Progress on a terminal: done/total per request.
    expect(yes.stderr).toContain('apply: [6/6] DELETE corp "Finance"');
    expectCycleConverged(sb);
  });
});

describe('apply without a plan file: what is confirmed is what is applied', () => {
  let sb: Sandbox;
  afterEach(async () => sb.close());

  test('Okta changing while the prompt is open makes the answer void (stale), nothing written', async () => {
    sb = await sandbox({ org: cycleOrg });
    const cwd = project({ 'corp.yaml': cycleYaml });
    const appId = sb.org.findApp(APP)!.id;
    const sales = sb.org.findGroup('Sales')!.id;
    const r = await cli(sb, cwd, ['apply'], {
      answers: ['yes'],
      whilePrompting: async () => {
        expect((await oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${sales}`, { priority: 9, profile: { organizationalUnit: 'ou=sales,ou=employees,dc=corp,dc=example,dc=com' } })).status).toBe(200);
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('STALE_PLAN plan is stale');
    expect(r.stderr).toContain('"Sales" priority 3 → 9');
    expect(writes(sb).map((e) => e.method)).toEqual(['PUT']); // only the out-of-band one
  });

  test('--directory applies one directory only', async () => {
    sb = await sandbox();
    const cwd = project();
    const corpBefore = snapshot(sb, APP);
    const r = await cli(sb, cwd, ['apply', '--directory', 'emea', '--auto-approve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 2 of 2 change(s) applied and verified');
    expect(snapshot(sb, APP)).toEqual(corpBefore);
    // corp's dn mapping (which the full plan removes) is as the demo org seeds it.
    expect(sb.org.mappingFor(APP)!.properties.dn).toEqual({
      expression: '"CN=" + user.firstName + " " + user.lastName + ",OU=Employees,DC=corp,DC=example,DC=com"',
      pushStatus: 'PUSH',
    });
    expect(order(sb, 'emea.example.com')).toEqual(['EMEA Staff', 'EMEA Partners', 'EMEA Sales']);
  });
});

describe('apply refuses unsafe and erroneous plans', () => {
  let sb: Sandbox;
  afterEach(async () => sb.close());

  test('a plan over the safety threshold exits 3 without --force and is applied with it', async () => {
    sb = await sandbox({ org: teamsOrg(12) });
    const cwd = project({ 'corp.yaml': teamsYaml([0, 1]) });
    const unsafe = await cli(sb, cwd, ['apply', '--auto-approve']);
    expect(unsafe.code).toBe(3);
    expect(unsafe.stderr).toContain('UNSAFE_PLAN');
    expect(unsafe.stderr).toContain('--force');
    expect(writes(sb)).toEqual([]);
    expect(sb.org.assignmentsOf(APP)).toHaveLength(12);

    const forced = await cli(sb, cwd, ['apply', '--auto-approve', '--force']);
    expect(forced.code).toBe(0);
    expect(order(sb, APP)).toEqual(['Team 00', 'Team 01']);
    expect(writes(sb).map((e) => e.method)).toEqual(Array(10).fill('DELETE'));
  });

  test('error findings block apply; nothing is written', async () => {
    sb = await sandbox({ org: cycleOrg });
    const cwd = project({ 'corp.yaml': cycleYaml.replace('- group: Marketing', '- group: Marketting') });
    const r = await cli(sb, cwd, ['apply', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PLAN_HAS_ERRORS');
    expect(r.stderr).toContain('GROUP_NOT_FOUND');
    expect(writes(sb)).toEqual([]);
  });
});
