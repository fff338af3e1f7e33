/**
 * An org that already matches the files: "No changes", exit 0 with --detailed-exitcode — including when
 * the files write the OUs in another case and with other spacing (DNs compare after normalisation).
 */
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { NO_CHANGES } from '../../src/render/plan-parts';
import { expectReadOnly, mappingFile, plan, project, useSandbox } from './helpers';

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
  groups: [
    { name: 'Engineering', members: ['ada@example.com'] },
    { name: 'R&D, Berlin', members: [] },
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
      assignments: [
        { group: 'Engineering', priority: 0, profile: { organizationalUnit: 'ou=engineering,ou=employees,dc=corp,dc=example,dc=com' } },
        { group: 'R&D, Berlin', priority: 1, profile: { organizationalUnit: 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com' } },
      ],
      mapping: { properties: { department: { expression: 'user.department', pushStatus: 'PUSH' } } },
    },
  ],
};

const yaml = (eng: string, rnd: string): string =>
  mappingFile(`  corp:
    app: corp.example.com
    namingContext: dc=corp, dc=example, dc=com
    importOUs: ["ou=employees,dc=corp,dc=example,dc=com"]
    assignments: { mode: authoritative }
    groups:
      - group: Engineering
        ou: '${eng}'
      - group: 'R&D, Berlin'
        ou: '${rnd}'
    attributeMappings:
      properties:
        department: user.department
`);

describe('plan: an org that matches the files', () => {
  const sb = useSandbox(org);

  test.each([
    ['as Okta holds them', 'ou=engineering,ou=employees,dc=corp,dc=example,dc=com', 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com'],
    ['in another case', 'OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com', 'OU=R&D\\, Berlin,OU=Employees,DC=Corp,DC=Example,DC=Com'],
    ['with spaces around = and ,', 'OU = Engineering , OU=Employees,  DC=corp,DC=example,DC=com', 'ou=R&D\\, Berlin , ou = Employees,dc=corp,dc=example,dc=com'],
  ])('OUs written %s: "No changes", exit 0 with --detailed-exitcode, no writes', async (_label, eng, rnd) => {
    const cwd = project({ 'corp.yaml': yaml(eng, rnd) });
    const text = await plan(sb, cwd, ['--detailed-exitcode']);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(NO_CHANGES);
    expect(text.code).toBe(0);
    expectReadOnly(sb);

    const json = await plan(sb, cwd, ['--format', 'json', '--detailed-exitcode']);
    expect(json.code).toBe(0);
    const p = parsePlanJson(json.stdout);
    expect(p.changes).toEqual([]);
    expect(p.summary).toEqual({ create: 0, update: 0, delete: 0, reorder: 0, errors: 0, warnings: 0 });
  });
});
