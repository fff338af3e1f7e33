/**
 * The safety threshold end to end: an authoritative directory that lists none of its few live
 * assignments would delete them all. Below `minExisting` the share is not checked, but deleting every
 * assignment is always unsafe: `plan --detailed-exitcode` exits 3.
 */
import type { Plan } from '../../src/model/types';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { expectReadOnly, mappingFile, plan, project, useSandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';

const org: OrgSeed = {
  groups: [{ name: 'Engineering' }, { name: 'Sales' }, { name: 'Support' }],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: ['Engineering', 'Sales', 'Support'].map((group, priority) => ({ group, priority, profile: { organizationalUnit: `ou=${group.toLowerCase()},${EMP.toLowerCase()}` } })),
    },
  ],
};

describe('plan: deleting every assignment of a directory is unsafe', () => {
  const sb = useSandbox(org);

  test('an authoritative file listing nothing: 3 deletes, safety exceeded, --detailed-exitcode exits 3', async () => {
    const cwd = project({
      'corp.yaml': mappingFile(`  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative }
`),
    });
    const r = await plan(sb, cwd, ['--format', 'json', '--detailed-exitcode']);
    expect(r.code).toBe(3);
    const parsed: Plan = parsePlanJson(r.stdout);
    expect(parsed.changes.map((c) => `${c.action} ${c.kind === 'attributeMapping' ? c.property : c.kind === 'userScope' ? c.user.id : c.group.name}`)).toEqual([
      'delete Engineering',
      'delete Sales',
      'delete Support',
    ]);
    expect(parsed.safety).toEqual({ exceeded: true, reasons: ['corp: every existing assignment would be deleted (3 of 3); use --force if intended'] });
    expectReadOnly(sb);
  });
});
