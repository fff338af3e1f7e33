import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrg, DEMO_ORG, startSandbox } from '../../src/sandbox';
import { call } from './http';

test('ids are Okta-shaped (20 chars, type prefix) and deterministic for a seed', () => {
  const a = buildOrg(DEMO_ORG, 1);
  const b = buildOrg(DEMO_ORG, 1);
  const c = buildOrg(DEMO_ORG, 2);
  const idsOf = (o: typeof a) => [...o.apps.keys(), ...o.groups.keys(), ...o.users.keys(), ...o.mappings.keys(), ...o.userTypes.keys()];
  expect(idsOf(a)).toEqual(idsOf(b));
  expect(idsOf(a)).not.toEqual(idsOf(c));
  for (const [prefix, ids] of [['0oa', a.apps.keys()], ['00g', a.groups.keys()], ['00u', a.users.keys()], ['prm', a.mappings.keys()], ['oty', a.userTypes.keys()]] as const) {
    for (const id of ids) expect(id).toMatch(new RegExp(`^${prefix}[A-Za-z0-9]{17}$`));
  }
});

test('the demo org matches the shared demo facts', () => {
  const org = buildOrg(DEMO_ORG);
  expect(org.users.size).toBe(40);
  const corp = org.assignmentsOf('corp.example.com').map((x) => [x.priority, org.groups.get(x.groupId)!.profile.name]);
  expect(corp).toEqual([[0, 'Engineering'], [1, 'Contractors'], [2, 'Sales'], [3, 'legacy-vpn'], [4, 'Finance']]);
  expect(org.findApp('emea.example.com')!.ad).toMatchObject({ updateOUOnGroupChange: false });
  expect(Object.keys(org.mappingFor('corp.example.com')!.properties)).toContain('dn');
  const vpn = org.findGroup('legacy-vpn')!;
  const errors = org.appUsersOf('corp.example.com').filter((u) => u.syncState === 'ERROR').map((u) => u.userId);
  expect(new Set(errors)).toEqual(vpn.members);
  expect(org.appUsersOf('corp.example.com').filter((u) => u.scope === 'USER').every((u) => org.findGroup('Engineering')!.members.has(u.userId))).toBe(true);
  expect(org.findGroup('Everyone')!.members.size).toBe(40);
});

test('an org file (YAML) seeds the server; a bad reference is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'okta-ou-sb-'));
  try {
    const file = join(dir, 'org.yaml');
    writeFileSync(file, [
      'users: [{ login: ada@example.com, firstName: Ada, lastName: Lovelace }]',
      'groups: [{ name: Eng, members: [ada@example.com] }]',
      'apps:',
      '  - { label: lab.example.com, namingContext: lab.example.com, importOUs: ["OU=Lab,DC=lab,DC=example,DC=com"],',
      '      assignments: [{ group: Eng, priority: 5, profile: { organizationalUnit: "ou=x,ou=lab,dc=lab,dc=example,dc=com" } }] }',
    ].join('\n'));
    const sb = await startSandbox({ org: file });
    try {
      const app = sb.org.findApp('lab.example.com')!;
      const res = await call(sb, 'GET', `/api/v1/apps/${app.id}/groups`);
      expect(res.body.map((a: { priority: number }) => a.priority)).toEqual([5]);
      expect(sb.org.appUsersOf(app.id)[0].profile.dn).toBe('CN=Ada Lovelace,ou=x,ou=lab,dc=lab,dc=example,dc=com');
    } finally {
      await sb.close();
    }
    writeFileSync(file, 'groups: [{ name: Eng, members: [nobody@example.com] }]');
    await expect(startSandbox({ org: file })).rejects.toMatchObject({ code: 'SANDBOX_ORG' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('user types without exactly one default are refused with what to do', () => {
  for (const userTypes of [[{ name: 'contractor' }], [{ name: 'a', default: true }, { name: 'b', default: true }]]) {
    expect(() => buildOrg({ userTypes, users: [], groups: [], apps: [] })).toThrow(
      expect.objectContaining({ code: 'SANDBOX_ORG', hint: expect.stringContaining('default: true') }),
    );
  }
});
