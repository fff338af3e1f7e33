/**
 * Regressions from review, end to end against the local Okta: plan and apply agree on a priority an
 * unmanaged group shares, a stale plan names the right culprit (the files or Okta), Okta's text is
 * shown terminal-safe, and a VERIFY_FAILED caused by a moved unmanaged group says so.
 */
import { besidesProgress } from '../support/cli';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OrgSeed } from '../../src/sandbox/types';
import { assignments, cli, COMMITTED, oktaRequest, project, removeProjects, sandbox, type Sandbox } from './support/harness';
import { APP, EMP, cycleOrg, cycleYaml, ou, teamsOrg, teamsYaml } from './support/orgs';

afterAll(() => removeProjects());

const sharedSlotOrg = (legacyName = 'Legacy'): OrgSeed => ({
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
  groups: ['Engineering', legacyName, 'Sales'].map((name) => ({ name, members: ['ada@example.com'] })),
  apps: [
    {
      label: APP,
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: [
        { group: 'Engineering', priority: 1, profile: { organizationalUnit: ou('engineering') } },
        { group: legacyName, priority: 1, profile: { organizationalUnit: ou('legacy') } },
        { group: 'Sales', priority: 2, profile: { organizationalUnit: ou('sales') } },
      ],
    },
  ],
});

const sharedSlotYaml = `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    assignments: { mode: additive }
    groups:
      - { group: Sales, ou: "OU=Sales,${EMP}" }
      - { group: Engineering, ou: "OU=Engineering,${EMP}" }
`;

describe('a priority an unmanaged group also holds', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox({ org: sharedSlotOrg() });
  });
  afterEach(async () => sb.close());

  test('plan does not hand out the shared slot, so apply carries the plan out and leaves the unmanaged group where it was', async () => {
    const cwd = project({ 'corp.yaml': sharedSlotYaml });
    const plan = await cli(sb, cwd, ['plan', '--out', 'plan.json', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    // stderr holds only the per-write progress lines.
    expect(besidesProgress(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    const prio = Object.fromEntries(Object.entries(assignments(sb, APP)).map(([n, a]) => [n, a.priority]));
    expect(prio.Legacy).toBe(1);
    expect(prio.Sales).toBeLessThan(prio.Engineering);
    expect([prio.Sales, prio.Engineering]).not.toContain(1);
    expect((await cli(sb, cwd, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('a stale plan names what changed', () => {
  let sb: Sandbox;
  let cwd: string;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
    cwd = project({ 'corp.yaml': cycleYaml });
    expect((await cli(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
  });
  afterEach(async () => sb.close());

  test('the mapping files changed (a group name swapped for its id): the files are blamed, not Okta', async () => {
    const file = path.join(cwd, 'mappings', 'corp.yaml');
    const eng = sb.org.findGroup('Engineering')!.id;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('group: Engineering', `group: ${eng}`));
    const start = sb.audit.length;
    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('STALE_PLAN plan is stale: the mapping files changed since the plan was made');
    expect(r.stderr).not.toContain('Okta changed');
    expect(r.stderr).not.toContain('lastUpdated');
    expect(sb.audit.slice(start)).toEqual([]);
  });

  test('Okta changed out of band: Okta is blamed', async () => {
    const appId = sb.org.findApp(APP)!.id;
    const sales = sb.org.findGroup('Sales')!.id;
    expect((await oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${sales}`, { priority: 3, profile: { organizationalUnit: ou('elsewhere') } })).status).toBe(200);
    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('plan is stale: Okta changed since the plan was made');
    expect(r.stderr).not.toContain('mapping files changed');
  });
});

describe("Okta's text is terminal-safe", () => {
  let sb: Sandbox;
  afterEach(async () => sb.close());

  test('a group named with an ESC sequence is escaped in the progress line and the report', async () => {
    const evil = 'evil\u001b[2J';
    sb = await sandbox({ org: sharedSlotOrg(evil) });
    const cwd = project({ 'corp.yaml': sharedSlotYaml.replace('mode: additive', 'mode: authoritative') });
    const r = await cli(sb, cwd, ['apply', '--auto-approve'], { interactive: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('DELETE corp "evil\\u001b[2J"');
    expect(r.stdout).toContain('unassign "evil\\u001b[2J"');
    expect(r.stdout + r.stderr).not.toContain('\u001b[2J');
  });
});

describe('the read-back reads priorities as the planner does', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
  });
  afterEach(async () => sb.close());

  // Okta answering an unmanaged assignment's priority as a string of digits, or as null (PRIORITY_UNKNOWN):
  // the plan reads them as 2 and NaN; verification must read them the same way, not report a move.
  test.each([
    ['a string of digits', '2'],
    ['null', null],
  ])('an unmanaged priority Okta returns as %s does not fail verification', async (_name, value) => {
    const kiosk = sb.org.findGroup('legacy-kiosk')!.id;
    const rec = sb.org.assignmentsOf(APP).find((a) => a.groupId === kiosk) as unknown as { priority: unknown };
    rec.priority = value;
    const cwd = project({ 'corp.yaml': cycleYaml });
    const r = await cli(sb, cwd, ['apply', '--auto-approve', '--format', 'json']);
    const result = JSON.parse(r.stdout) as { verified: boolean; mismatches: string[]; failed: unknown };
    expect({ code: r.code, mismatches: result.mismatches, failed: result.failed }).toEqual({ code: 0, mismatches: [], failed: null });
    expect(result.verified).toBe(true);
    expect(rec.priority).toBe(value);
  });
});

describe('an in-place OU change sent as JSON Patch', () => {
  let sb: Sandbox;
  afterEach(async () => sb.close());

  test('the reply to the PATCH is lost after it committed: the read-back sees it took; the PATCH goes out at most twice', async () => {
    sb = await sandbox({ org: teamsOrg(3) });
    const cwd = project({ 'corp.yaml': teamsYaml([0, 1, 2]).replace(`OU=T1,${EMP}`, `OU=Moved,${EMP}`) });
    sb.faults.add({ kind: 'reset', after: true, name: COMMITTED, method: 'PATCH', count: 1 });
    const r = await cli(sb, cwd, ['apply', '--auto-approve', '--format', 'json']);
    expect(sb.faults.active.map((f) => f.fired)).toEqual([1]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { verified: boolean }).verified).toBe(true);
    const patches = sb.audit.filter((e) => e.method === 'PATCH');
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(patches.length).toBeLessThanOrEqual(2);
    expect(sb.audit.filter((e) => e.method !== 'GET' && e.method !== 'PATCH')).toEqual([]);
    expect(assignments(sb, APP)['Team 01']).toEqual({ priority: 1, ou: `ou=moved,${EMP.toLowerCase()}`, profile: { organizationalUnit: `ou=moved,${EMP.toLowerCase()}` } });
    expect((await cli(sb, cwd, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('an unmanaged assignment moved while apply ran', () => {
  let sb: Sandbox;
  afterEach(async () => sb.close());

  test('is put back where the plan saw it and reported by name', async () => {
    sb = await sandbox({ org: cycleOrg });
    const cwd = project({ 'corp.yaml': cycleYaml });
    const kiosk = sb.org.findGroup('legacy-kiosk')!.id;
    // Someone moves the ignored group while the last write is answered.
    const push = sb.audit.push.bind(sb.audit);
    let seen = 0;
    sb.audit.push = (...entries) => {
      for (const e of entries) {
        if (e.method !== 'GET' && ++seen === 6) (sb.org.assignmentsOf(APP).find((a) => a.groupId === kiosk) as { priority: number }).priority = 42;
      }
      return push(...entries);
    };
    const r = await cli(sb, cwd, ['apply', '--auto-approve']);
    sb.audit.push = push;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 6 of 6 change(s) applied and verified');
    expect(r.stdout).toContain('↺ corp: "legacy-kiosk" moved from priority 2 to 42 during apply; put back to 2');
    expect(sb.org.assignmentsOf(APP).find((a) => a.groupId === kiosk)?.priority).toBe(2);
  });
});
