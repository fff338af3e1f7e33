/**
 * `assignments.convertUserScope` end to end against the local Okta over real HTTP: individually assigned
 * members of managed groups are converted to group scope, verified by read-back, and then follow their
 * group's OU in the provisioning simulation; a user in no managed group is never converted.
 */
import { parsePlanJson } from '../../src/render/json';
import type { OrgSeed } from '../../src/sandbox';
import { project, runAgainst, useSandbox } from '../support/sandbox';

const APP = 'corp.example.com';
const DC = 'dc=corp,dc=example,dc=com';
const user = (first: string) => ({ login: `${first}@corp.example.com`, firstName: first[0].toUpperCase() + first.slice(1), lastName: 'Example' });
const USERS = ['ada', 'alan', 'grace', 'linus'].map(user);
const login = (first: string) => `${first}@corp.example.com`;

const ORG: OrgSeed = {
  users: USERS,
  groups: [
    { name: 'Engineering', members: [login('ada'), login('alan')] },
    { name: 'Unmanaged', members: [login('linus')] },
  ],
  apps: [{
    label: APP, namingContext: APP, importOUs: [`ou=employees,${DC}`], updateOUOnGroupChange: true,
    assignments: [
      { group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,ou=employees,${DC}` } },
      { group: 'Unmanaged', priority: 1, profile: { organizationalUnit: `ou=other,ou=employees,${DC}` } },
    ],
    // Alan and Linus were assigned by hand and placed in an OU of their own; Grace is in no group.
    users: [
      { user: login('alan'), scope: 'USER', profile: { dn: `CN=Alan Example,ou=legacy,ou=employees,${DC}` } },
      { user: login('linus'), scope: 'USER', profile: { dn: `CN=Linus Example,ou=legacy,ou=employees,${DC}` } },
      { user: login('grace'), scope: 'USER', profile: { dn: `CN=Grace Example,ou=legacy,ou=employees,${DC}` } },
    ],
  }],
};

const yaml = (convert: boolean) => `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["ou=employees,${DC}"]
    updateOUOnGroupChange: true
    assignments: { convertUserScope: ${convert} }
    groups:
      - group: Engineering
        ou: ou=engineering,ou=employees,${DC}
`;

describe('assignments.convertUserScope: false', () => {
  const sb = useSandbox(ORG);
  test('false: the USER_SCOPE_ASSIGNMENT finding stays, no change', async () => {
    const cwd = project({ 'corp.yaml': yaml(false) });
    const plan = parsePlanJson((await runAgainst(sb, cwd, ['plan', '--format', 'json', '--check-placement'])).stdout);
    expect(plan.changes.filter((c) => c.kind === 'userScope')).toEqual([]);
    expect(plan.findings.map((f) => f.code)).toContain('USER_SCOPE_ASSIGNMENT');
  });
});

describe('assignments.convertUserScope: true', () => {
  const sb = useSandbox(ORG);
  const appUser = (first: string) => sb.org.appUserMap(sb.org.findApp(APP)!.id).get(sb.org.findUser(login(first))!.id)!;
  test('true: the plan lists the conversion; apply converts, verifies scope GROUP, and the user then follows the group OU', async () => {
    const cwd = project({ 'corp.yaml': yaml(true) });
    const r = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = parsePlanJson(r.stdout);
    expect(plan.changes.map((c) => c.kind === 'userScope' && [c.user.login, c.groups])).toEqual([[login('alan'), ['Engineering']]]);
    expect(plan.findings.map((f) => f.code)).not.toContain('USER_SCOPE_ASSIGNMENT');
    expect(plan.budget.writes).toEqual({ '/api/v1/apps': 1 });
    const text = await runAgainst(sb, cwd, ['plan']);
    expect(text.stdout).toContain(`~ scope ${login('alan')}  USER → GROUP  (follows "Engineering")`);

    const before = sb.audit.length;
    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 1 of 1 change(s) applied and verified');
    const writes = sb.audit.slice(before).filter((e) => e.method !== 'GET');
    expect(writes.map((e) => [e.method, e.path, e.body])).toEqual([['POST', `/api/v1/apps/${sb.org.findApp(APP)!.id}/users/${sb.org.findUser(login('alan'))!.id}`, { scope: 'GROUP' }]]);
    // Read back (verify): the app user's scope.
    expect(sb.audit.slice(before).some((e) => e.method === 'GET' && e.path === writes[0].path)).toBe(true);
    expect(appUser('alan').scope).toBe('GROUP');
    expect(appUser('alan').profile.dn).toBe(`CN=Alan Example,ou=engineering,ou=employees,${DC}`);
    // Never a user in no managed group, nor one whose group the files do not manage.
    expect([appUser('grace').scope, appUser('linus').scope]).toEqual(['USER', 'USER']);
    expect(appUser('linus').profile.dn).toBe(`CN=Linus Example,ou=legacy,ou=employees,${DC}`);

    const again = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
  });
});

describe('assignments.convertUserScope and safety', () => {
  const sb = useSandbox(ORG);
  test('conversions count against safety.maxUsersMovingShare: apply refuses without --force (exit 3), nothing is written', async () => {
    const cwd = project({ 'corp.yaml': `${yaml(true)}    safety: { maxUsersMovingShare: 0.1, minExisting: 1 }\n` });
    const before = sb.audit.filter((e) => e.method !== 'GET').length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('corp: 1 of 4 users of the AD app would be converted to group scope (their OU then follows their group) (25%), over the 10% threshold (safety.maxUsersMovingShare)');
    expect(sb.audit.filter((e) => e.method !== 'GET').length).toBe(before);
  });
});

describe('assignments.convertUserScope: a conversion whose answer is lost', () => {
  const sb = useSandbox(ORG);
  const appUser = (first: string) => sb.org.appUserMap(sb.org.findApp(APP)!.id).get(sb.org.findUser(login(first))!.id)!;
  test.each([
    ['taken (500 after Okta committed it): read back as GROUP, not sent again', true, 1],
    ['not taken (500 before): read back as USER, sent again', false, 2],
  ])('%s', async (_what, after, posts) => {
    sb.org.appUserMap(sb.org.findApp(APP)!.id).get(sb.org.findUser(login('alan'))!.id)!.scope = 'USER';
    const cwd = project({ 'corp.yaml': yaml(true) });
    const path = `/api/v1/apps/${sb.org.findApp(APP)!.id}/users/${sb.org.findUser(login('alan'))!.id}`;
    sb.faults.add({ kind: 'status', status: 500, method: 'POST', path, count: 1, after });
    try {
      const before = sb.audit.length;
      const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
      expect(apply.code).toBe(0);
      expect(apply.stdout).toContain('Apply complete: 1 of 1 change(s) applied and verified');
      const log = sb.audit.slice(before).filter((e) => e.path === path);
      expect(log.filter((e) => e.method === 'POST')).toHaveLength(posts);
      // The read-back after the 500 comes before any second POST.
      expect(log.map((e) => e.method).slice(0, 2)).toEqual(['POST', 'GET']);
      expect(appUser('alan').scope).toBe('GROUP');
    } finally {
      sb.faults.clear();
    }
  });
});
