/**
 * Attribute mappings of every user type, end to end against the local Okta over real HTTP: a `dn` mapped
 * from a custom user type is found (DN_MAPPED) and removed; `attributeMappings.userTypes.<name>` manages
 * that type's properties; a user type the org does not have is USER_TYPE_NOT_FOUND.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanJson } from '../../src/render/json';
import { project, runAgainst, useSandbox } from '../support/sandbox';
import { APP, corpYaml, userTypeOrg } from '../support/user-type-org';

const ORG = userTypeOrg({}, {
  userTypeMappings: { contractor: { properties: { firstName: 'user.firstName', dn: '"CN=" + user.login + ",OU=Contractors,DC=corp,DC=example,DC=com"' } } },
});
const yaml = corpYaml;

const sb = useSandbox(ORG);
const contractorMapping = () => {
  const type = [...sb.org.userTypes.values()].find((t) => t.name === 'contractor')!;
  return [...sb.org.mappings.values()].find((m) => m.source.id === type.id && m.target.id === sb.org.findApp(APP)!.id)!;
};

describe('mappings of every user type', () => {
  test('a dn mapped from a custom user type is found and removed; the type\'s properties are managed from the file', async () => {
    const cwd = project({ 'corp.yaml': yaml(`    attributeMappings:\n      userTypes:\n        contractor:\n          properties:\n            title: user.title\n`) });
    const plan = parsePlanJson((await runAgainst(sb, cwd, ['plan', '--format', 'json'])).stdout);
    expect(plan.changes.map((c) => c.kind === 'attributeMapping' && [c.action, c.userType, c.property])).toEqual([
      ['delete', 'contractor', 'dn'],
      ['create', 'contractor', 'title'],
    ]);
    expect(plan.findings.map((f) => [f.code, f.object?.name])).toEqual([['DN_MAPPED', 'contractor/dn']]);
    const text = await runAgainst(sb, cwd, ['plan']);
    expect(text.stdout).toContain('- mapping contractor/dn (was "CN=" + user.login');

    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 2 of 2 change(s) applied and verified');
    expect(Object.keys(contractorMapping().properties).sort()).toEqual(['firstName', 'title']);
    // The default type's mapping was not touched.
    expect(sb.org.mappingFor(APP)!.properties.title).toBeUndefined();
    const again = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
  });

  test('a user type the org does not have: USER_TYPE_NOT_FOUND at its line, exit 1, nothing written', async () => {
    const cwd = project({ 'corp.yaml': yaml(`    attributeMappings:\n      userTypes:\n        contractors:\n          properties: { title: user.title }\n`) });
    const before = sb.audit.filter((e) => e.method !== 'GET').length;
    const r = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('mappings/corp.yaml:11:9: error USER_TYPE_NOT_FOUND attributeMappings.userTypes: no user type "contractors" other than the default has a mapping to corp.example.com');
    expect(sb.audit.filter((e) => e.method !== 'GET').length).toBe(before);
  });

  test('export writes the other user types\' mappings (without dn); a plan right after shows no mapping change', async () => {
    const cwd = project({});
    expect((await runAgainst(sb, cwd, ['export'])).code).toBe(0);
    const text = fs.readFileSync(path.join(cwd, 'mappings', 'corp.yaml'), 'utf8');
    expect(text).toMatch(/\n {6}userTypes:\n {8}contractor:\n {10}properties:\n {12}firstName: user\.firstName\n/);
    expect(text).not.toContain('OU=Contractors');
    const plan = parsePlanJson((await runAgainst(sb, cwd, ['plan', '--format', 'json'])).stdout);
    expect(plan.changes.filter((c) => c.kind === 'attributeMapping' && c.property !== 'dn')).toEqual([]);
  });
});
