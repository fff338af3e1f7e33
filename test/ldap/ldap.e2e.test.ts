/**
 * An LDAP directory instance (`ldap_sun_one`) end to end against the local Okta over real HTTP: the
 * same group → OU assignments as AD (plan, apply, provisioning into the OU), the AD-only checks skipped
 * with a note, export, and drift (a plan after an out-of-band change).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanJson } from '../../src/render/json';
import type { OrgSeed } from '../../src/sandbox';
import { oktaRequest, project, runAgainst, useSandbox } from '../support/sandbox';

const APP = 'ldap.example.com';
const DC = 'dc=ldap,dc=example,dc=com';
const users = ['ada', 'alan', 'grace'].map((first) => ({ login: `${first}@ldap.example.com`, firstName: first, lastName: 'Example' }));
const imported = { login: 'edsger@ldap.example.com', firstName: 'edsger', lastName: 'Imported', importedFrom: APP };

const ORG: OrgSeed = {
  users: [...users, imported],
  groups: [
    { name: 'vpn', type: 'APP_GROUP', source: APP, dn: `cn=vpn,ou=groups,${DC}`, members: [] },
    { name: 'Engineering', members: [users[0].login, users[1].login] },
    { name: 'Research', members: [users[2].login] },
  ],
  apps: [{
    label: APP, name: 'ldap_sun_one', namingContext: APP, importOUs: [`ou=people,${DC}`], updateOUOnGroupChange: true,
    assignments: [{ group: 'Research', priority: 0, profile: { organizationalUnit: `ou=research,ou=people,${DC}` } }],
    mapping: { properties: { firstName: 'user.firstName', dn: { expression: 'user.login', pushStatus: 'PUSH' } } },
  }],
};

const YAML = `version: 1
directories:
  ldap:
    app: ${APP}
    namingContext: ${DC}
    importOUs: ["ou=people,${DC}"]
    updateOUOnGroupChange: false
    assignments: { mode: authoritative }
    groups:
      - group: Engineering
        ou: ou=engineering,ou=people,${DC}
      - group: Research
        ou: ou=research,ou=people,${DC}
`;

const sb = useSandbox(ORG);

describe('an LDAP directory', () => {
  test('plans and applies group → OU assignments like AD; provisioning places users in the OU; AD-only checks skipped with a note', async () => {
    const cwd = project({ 'ldap.yaml': YAML });
    const plan = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    expect(plan.code).toBe(0);
    const parsed = parsePlanJson(plan.stdout);
    expect(parsed.changes.map((c) => `${c.action} ${c.kind === 'attributeMapping' ? c.property : c.kind === 'userScope' ? c.user.id : c.group.name}`)).toEqual(['create Engineering', 'reorder Research']);
    // No DN_MAPPED and no dn removal for LDAP; UPDATE_OU_DISABLED is AD's setting.
    expect(parsed.findings.map((f) => f.code)).toEqual(['LDAP_AD_CHECKS_SKIPPED']);

    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.code).toBe(0);
    // In priority order (the slots are the priority engine's choice).
    expect(sb.org.assignmentsOf(APP).map((a) => [sb.org.groups.get(a.groupId)!.profile.name, a.profile.organizationalUnit])).toEqual([
      ['Engineering', `ou=engineering,ou=people,${DC}`],
      ['Research', `ou=research,ou=people,${DC}`],
    ]);
    const dn = (login: string) => sb.org.appUserMap(sb.org.findApp(APP)!.id).get(sb.org.findUser(login)!.id)?.profile.dn;
    expect(dn(users[0].login)).toBe(`CN=ada Example,ou=engineering,ou=people,${DC}`);
    expect(sb.org.mappingFor(APP)!.properties.dn).toBeDefined();
    const again = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');

    // Drift: another admin changes the OU in Okta; the next plan puts it back.
    const eng = sb.org.findGroup('Engineering')!.id;
    const priority = sb.org.assignmentsOf(APP).find((a) => a.groupId === eng)!.priority;
    await oktaRequest(sb, 'PUT', `/api/v1/apps/${sb.org.findApp(APP)!.id}/groups/${eng}`, { priority, profile: { organizationalUnit: `ou=people,${DC}` } });
    const drift = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(`OU ou=people,${DC} → ou=engineering,ou=people,${DC}`);
  });

  test('export writes the LDAP directory; a plan right after shows no changes', async () => {
    const cwd = project({});
    const r = await runAgainst(sb, cwd, ['export']);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(cwd, 'mappings', 'ldap.yaml'), 'utf8');
    expect(text).toContain(`app: ${APP}`);
    const plan = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    expect(plan.code).toBe(0);
    expect(parsePlanJson(plan.stdout).changes).toEqual([]);
  });

  test('adGroups on LDAP: members are sent with the attribute the file names', async () => {
    // Assignments additive and none listed: this test changes nothing the others look at.
    const cwd = project({ 'ldap.yaml': `version: 1\ndirectories:\n  ldap:\n    app: ${APP}\n    importOUs: ["ou=people,${DC}"]\n    adGroups:\n      - group: cn=vpn,ou=groups,${DC}\n        members: { users: [${imported.login}] }\n        attribute: uniqueMember\n` });
    const before = sb.audit.length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(r.code).toBe(0);
    const posts = sb.audit.slice(before).filter((e) => e.path.startsWith('/api/v1/directories/'));
    expect(posts.map((e) => [e.status, e.body])).toEqual([[200, { id: sb.org.findGroup('vpn')!.id, parameters: { action: 'ADD', attribute: 'uniqueMember', values: [sb.org.findUser(imported.login)!.id] } }]]);
    expect([...sb.org.findGroup('vpn')!.members]).toEqual([sb.org.findUser(imported.login)!.id]);
  });
});
