/**
 * `adGroups` end to end: the CLI in-process against the local Okta over real HTTP. A mapping file adds
 * and removes AD group members through the Directories Integration API; the local Okta's group members
 * then match; an agent outage stops apply with "AD agent unavailable" and a re-run converges.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setAgents, type OrgSeed } from '../../src/sandbox';
import { parsePlanJson } from '../../src/render/json';
import { fakeClock } from '../support/cli';
import { ctrlCDuringWait } from '../support/ctrl-c-clock';
import { runCli } from '../support/cli';
import { project, runAgainst, useSandbox } from '../support/sandbox';
import { serviceAppEnv } from '../support/service-app';

const APP = 'corp.example.com';
const DC = 'DC=corp,DC=example,DC=com';
const VPN_DN = `CN=VPN Users,OU=Groups,OU=Employees,${DC}`;
const person = (first: string, imported = true) => ({
  login: `${first}@corp.example.com`, firstName: first[0].toUpperCase() + first.slice(1), lastName: 'Example', ...(imported ? { importedFrom: APP } : {}),
});
const USERS = [person('ada'), person('alan'), person('grace'), person('linus'), person('okta', false)];
const login = (first: string) => `${first}@corp.example.com`;

const ORG: OrgSeed = {
  users: USERS,
  groups: [
    { name: 'VPN', description: 'Who gets the VPN', members: [login('ada'), login('alan'), login('grace'), login('okta')] },
    { name: 'VPN Users', type: 'APP_GROUP', source: APP, dn: VPN_DN, members: [login('ada'), login('linus')] },
    { name: 'Print Operators', type: 'APP_GROUP', source: APP, dn: `CN=Print Operators,OU=Groups,OU=Employees,${DC}`, members: [] },
  ],
  apps: [{ label: APP, namingContext: APP, importOUs: [`OU=Employees,${DC}`] }],
};

const yaml = (adGroups: string) => `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["OU=Employees,${DC}"]
    adGroups:
${adGroups}`;

const FROM_VPN = yaml(`      - group: "${VPN_DN}"
        members: { fromGroup: VPN }
        mode: authoritative
      - group: Print Operators
        members: { users: [${login('linus')}] }
`);

const sb = useSandbox(ORG);
const members = (name: string) => [...sb.org.findGroup(name)!.members].map((id) => sb.org.users.get(id)!.profile.login).sort();
const directoryPosts = () => sb.audit.filter((e) => e.method === 'POST' && e.path.startsWith('/api/v1/directories/'));
const reset = () => {
  const vpn = sb.org.findGroup('VPN Users')!;
  const print = sb.org.findGroup('Print Operators')!;
  for (const g of [vpn, print]) for (const id of g.members) sb.org.userGroups.get(id)?.delete(g.id);
  vpn.members.clear();
  print.members.clear();
  for (const l of [login('ada'), login('linus')]) sb.org.addMember(vpn.id, sb.org.findUser(l)!.id);
  setAgents(sb.org, APP, 'up');
};

describe('adGroups', () => {
  beforeEach(reset);

  test('plan shows adds and removes per AD group; apply converges in one run; the next plan has no changes', async () => {
    const cwd = project({ 'corp.yaml': FROM_VPN });
    const plan = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    expect(plan.code).toBe(0);
    const parsed = parsePlanJson(plan.stdout);
    expect(parsed.changes.map((c) => c.kind === 'adGroupMembership' && [c.group.name, c.add.map((u) => u.login), c.remove.map((u) => u.login)])).toEqual([
      ['VPN Users', [login('alan'), login('grace')], [login('linus')]],
      ['Print Operators', [login('linus')], []],
    ]);
    // A member of the source group who was not imported from AD is reported and left out.
    expect(parsed.findings.map((f) => [f.code, f.severity])).toEqual([['AD_USER_NOT_IMPORTED', 'warning']]);
    expect(parsed.findings[0].message).toContain(login('okta'));
    expect(parsed.summary.update).toBe(2);
    expect(parsed.budget.writes).toEqual({ '/api/v1': 3 });

    const text = await runAgainst(sb, cwd, ['plan']);
    expect(text.stdout).toContain(`~ AD group VPN Users  ${VPN_DN}  +2 −1 members (2 now)`);
    expect(text.stdout).toContain(`      + ${login('alan')}, ${login('grace')}`);
    expect(text.stdout).toContain(`      - ${login('linus')}`);
    const md = await runAgainst(sb, cwd, ['plan', '--format', 'markdown']);
    expect(md.stdout).toContain('AD group <code>VPN Users</code>');
    expect(md.stdout).toContain('+2 −1 members (2 now)');

    const before = directoryPosts().length;
    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.stderr).not.toContain('FAILED');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 2 of 2 change(s) applied and verified (3 write request(s)).');
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace')]);
    expect(members('Print Operators')).toEqual([login('linus')]);
    const id = (first: string) => sb.org.findUser(login(first))!.id;
    expect(directoryPosts().slice(before).map((e) => e.body)).toEqual([
      { id: sb.org.findGroup('VPN Users')!.id, parameters: { action: 'ADD', attribute: 'member', values: [id('alan'), id('grace')] } },
      { id: sb.org.findGroup('VPN Users')!.id, parameters: { action: 'REMOVE', attribute: 'member', values: [id('linus')] } },
      { id: sb.org.findGroup('Print Operators')!.id, parameters: { action: 'ADD', attribute: 'member', values: [id('linus')] } },
    ]);

    const again = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  test('additive mode only adds', async () => {
    const cwd = project({ 'corp.yaml': yaml(`      - group: VPN Users\n        members: { fromGroup: VPN }\n`) });
    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.code).toBe(0);
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace'), login('linus')]);
  });

  test('agent down: apply waits, retries, then exits 1 with the agent message; agent back: a re-run converges without resending what took', async () => {
    const cwd = project({ 'corp.yaml': FROM_VPN });
    setAgents(sb.org, APP, 'disconnected');
    const clock = fakeClock({ onSleep: () => sb.rateLimiter.resetAll() });
    const before = directoryPosts().length;
    const down = await runAgainst(sb, cwd, ['apply', '--auto-approve'], { clock });
    expect(down.code).toBe(1);
    expect(down.stdout + down.stderr).toContain('AD agent unavailable: There are no connected agents (502 from Okta, 4 attempts)');
    expect(clock.waits.filter((ms) => ms >= 2000)).toEqual([2000, 4000, 8000]);
    expect(directoryPosts().slice(before).map((e) => e.status)).toEqual([502, 502, 502, 502]);
    expect(members('VPN Users')).toEqual([login('ada'), login('linus')]);

    setAgents(sb.org, APP, 'up');
    const mid = directoryPosts().length;
    const up = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(up.code).toBe(0);
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace')]);
    expect(directoryPosts().slice(mid).map((e) => `${e.status} ${(e.body as { parameters: { action: string } }).parameters.action}`)).toEqual(['200 ADD', '200 REMOVE', '200 ADD']);
  });

  test('Ctrl-C during the wait for the agent ends the wait at once: no further request, the report, exit 1', async () => {
    const cwd = project({ 'corp.yaml': FROM_VPN });
    setAgents(sb.org, APP, 'disconnected');
    const controller = new AbortController();
    // The agent back-off wait never ends by itself: Ctrl-C arrives while it runs.
    const clock = ctrlCDuringWait(controller);
    const before = directoryPosts().length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve', '--format', 'json'], { clock, signal: controller.signal });
    expect(r.code).toBe(1);
    expect(clock.waits).toEqual([2000]);
    expect(directoryPosts().slice(before).map((e) => e.status)).toEqual([502]);
    expect(JSON.parse(r.stdout)).toEqual(expect.objectContaining({ interrupted: true, failed: null, verified: false }));
    expect(members('VPN Users')).toEqual([login('ada'), login('linus')]);
  });

  test('agent timing out half-way: the batches that took are not sent again', async () => {
    const cwd = project({ 'corp.yaml': FROM_VPN });
    sb.faults.add({ kind: 'status', status: 504, method: 'POST', path: '/api/v1/directories/', nth: 2, count: 4, errorCode: 'E0000237', errorSummary: 'Timed out waiting for agent' });
    try {
      const first = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
      expect(first.code).toBe(1);
      expect(first.stdout + first.stderr).toContain('AD agent unavailable: Timed out waiting for agent (504 from Okta, 4 attempts)');
    } finally {
      sb.faults.clear();
    }
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace'), login('linus')]);
    const mid = directoryPosts().length;
    const second = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(second.code).toBe(0);
    expect(directoryPosts().slice(mid).map((e) => (e.body as { parameters: { action: string } }).parameters.action)).toEqual(['REMOVE', 'ADD']);
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace')]);
  });

  test('a listed user not imported from AD, or an AD group not imported from the app: error findings, exit 1, no writes', async () => {
    const cwd = project({ 'corp.yaml': yaml(`      - group: VPN Users\n        members: { users: [${login('okta')}, nobody@corp.example.com] }\n      - group: "CN=Nope,${DC}"\n        members: { fromGroup: VPN }\n      - group: VPN\n        members: { users: [${login('ada')}] }\n`) });
    const writesBefore = sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2/')).length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve', '--format', 'json']);
    expect(r.code).toBe(1);
    const plan = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    const findings = parsePlanJson(plan.stdout).findings.map((f) => [f.code, f.line]);
    expect(findings).toEqual([['AD_MEMBER_NOT_FOUND', 8], ['AD_USER_NOT_IMPORTED', 8], ['AD_GROUP_NOT_FOUND', 9], ['AD_GROUP_NOT_FOUND', 11]]);
    expect(sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2/')).length).toBe(writesBefore);
  });

  test('an authoritative entry whose source group is misspelt plans no removal (no change, no safety alarm), only the error; no writes', async () => {
    const cwd = project({ 'corp.yaml': yaml(`      - group: VPN Users\n        members: { fromGroup: VNP }\n        mode: authoritative\n`) });
    const before = sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2/')).length;
    const plan = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    expect(plan.code).toBe(1);
    const parsed = parsePlanJson(plan.stdout);
    expect(parsed.changes).toEqual([]);
    expect(parsed.safety.exceeded).toBe(false);
    expect(parsed.findings.map((f) => [f.code, f.line, f.message])).toEqual([['AD_MEMBER_NOT_FOUND', 8, 'adGroups "VPN Users": no Okta group "VNP" in Okta (or several groups have that name)']]);
    expect((await runAgainst(sb, cwd, ['apply', '--auto-approve', '--force'])).code).toBe(1);
    expect(sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2/')).length).toBe(before);
    expect(members('VPN Users')).toEqual([login('ada'), login('linus')]);
  });

  test('an LDAP membership attribute on an Active Directory app is a plan error at its line, not an apply-time 400; no writes', async () => {
    const cwd = project({ 'corp.yaml': yaml(`      - group: VPN Users\n        members: { users: [${login('grace')}] }\n        attribute: uniqueMember\n`) });
    const before = sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2/')).length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve', '--no-color']);
    expect(r.code).toBe(1);
    const lines = (r.stdout + r.stderr).split('\n');
    const at = lines.findIndex((l) => l.startsWith('mappings/corp.yaml:9:20: error AD_MEMBER_ATTRIBUTE '));
    expect(lines[at]).toContain('attribute "uniqueMember" is not how corp.example.com keeps group members; Active Directory uses "member"');
    expect(lines[at + 1]).toMatch(/^ {2}hint: remove the attribute line/);
    expect(sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2/')).length).toBe(before);
    expect(members('VPN Users')).toEqual([login('ada'), login('linus')]);
  });

  test('removing every member of an AD group is unsafe: apply refuses without --force (exit 3), nothing is sent', async () => {
    const cwd = project({ 'corp.yaml': yaml(`      - group: VPN Users\n        members: { users: [] }\n        mode: authoritative\n`) });
    const before = directoryPosts().length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('corp: every existing member of AD group "VPN Users" would be deleted (2 of 2)');
    expect(directoryPosts().length).toBe(before);
    const forced = await runAgainst(sb, cwd, ['apply', '--auto-approve', '--force']);
    expect(forced.code).toBe(0);
    expect(members('VPN Users')).toEqual([]);
  });

  test('okta-ou scopes lists okta.directories.groups.manage; OKTA_CLIENT_SCOPES gets it only when the mappings use adGroups', async () => {
    const withAd = project({ 'corp.yaml': FROM_VPN });
    const without = project({ 'corp.yaml': `version: 1\ndirectories:\n  corp:\n    app: ${APP}\n    importOUs: ["OU=Employees,${DC}"]\n` });
    const table = await runCli(['scopes'], { cwd: without });
    expect(table.stdout).toMatch(/okta\.directories\.groups\.manage +add and remove members of AD groups \(only with adGroups\)/);
    expect((await runCli(['scopes', '--for', 'apply', '--list'], { cwd: without })).stdout).not.toContain('okta.directories.groups.manage');
    const list = (await runCli(['scopes', '--for', 'apply', '--list'], { cwd: withAd })).stdout.trim().split(' ');
    expect(list).toEqual(expect.arrayContaining(['okta.directories.groups.manage', 'okta.users.read', 'okta.apps.manage']));
    expect((await runCli(['scopes', '--for', 'plan', '--list'], { cwd: withAd })).stdout.trim().split(' ')).not.toContain('okta.directories.groups.manage');
  });

  test('an OAuth service app without OKTA_CLIENT_SCOPES asks for the adGroups scopes and applies', async () => {
    const cwd = project({ 'corp.yaml': FROM_VPN });
    const scopes = (await runCli(['scopes', '--for', 'apply', '--list'], { cwd })).stdout.trim().split(' ');
    const env = serviceAppEnv(sb, scopes);
    sb.rateLimiter.resetAll();
    const r = await runCli(['apply', '--auto-approve'], { env, cwd });
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code).toBe(0);
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace')]);
  });

  test('export writes adGroups (additive, the imported members of AD groups that have some); a plan right after shows no changes; a refresh keeps them', async () => {
    const cwd = project({});
    const r = await runAgainst(sb, cwd, ['export']);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(cwd, 'mappings', 'corp.yaml'), 'utf8');
    expect(text).toContain(`adGroups:\n      - group: ${VPN_DN}\n        members:\n          users:\n            - ${login('ada')}\n            - ${login('linus')}\n`);
    expect(text).not.toContain('Print Operators');
    const validate = await runAgainst(sb, cwd, ['validate']);
    expect(validate.code).toBe(0);
    const plan = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    const again = await runAgainst(sb, cwd, ['export']);
    expect(again.stdout).toContain('unchanged mappings/corp.yaml');
  });

  test('a saved plan (plan --out) with AD group changes is applied as reviewed; stale once the members moved', async () => {
    const cwd = project({ 'corp.yaml': FROM_VPN });
    expect((await runAgainst(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    // Another admin adds Alan meanwhile: the saved plan no longer matches Okta.
    const vpn = sb.org.findGroup('VPN Users')!;
    sb.org.addMember(vpn.id, sb.org.findUser(login('alan'))!.id);
    const stale = await runAgainst(sb, cwd, ['apply', 'plan.json']);
    expect(stale.code).toBe(1);
    expect(stale.stdout + stale.stderr).toContain('plan is stale');
    expect((await runAgainst(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const r = await runAgainst(sb, cwd, ['apply', 'plan.json']);
    expect(r.code).toBe(0);
    expect(members('VPN Users')).toEqual([login('ada'), login('alan'), login('grace')]);
  });
});
