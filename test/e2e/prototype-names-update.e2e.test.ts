/**
 * Profile keys named like JavaScript's own members (`toString`, `constructor`, `__proto__`, …) added to an
 * assignment that already exists: the update is planned, rendered in every format (the live side is
 * "(unset)", never an inherited member), applied, verified, and the re-plan is empty.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import { cli, project, removeProjects, sandbox } from '../apply/support/harness';

const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const APP = 'corp.example.com';

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Test', title: 'Eng' }],
  groups: [{ name: 'Sales', members: ['ada@example.com'] }],
  apps: [{
    label: APP, name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP],
    schema: Object.fromEntries(KEYS.map((k) => [k, { title: k, type: 'string' }])),
    assignments: [{ group: 'Sales', priority: 0, profile: { organizationalUnit: `ou=sales,${EMP.toLowerCase()}` } }],
  }],
};

const YAML = `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: [${JSON.stringify(EMP)}]
    groups:
      - group: Sales
        ou: OU=Sales,${EMP}
        profile: { ${KEYS.map((k) => `${JSON.stringify(k)}: "v-${k}"`).join(', ')} }
`;

afterAll(() => removeProjects());

test('an existing assignment gains profile keys named like JavaScript members: planned, rendered, applied, converged', async () => {
  const sb = await sandbox({ org });
  try {
    const cwd = project({ 'corp.yaml': YAML });
    const text = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
    expect([text.code, text.stderr]).toEqual([2, '']);
    for (const k of KEYS) expect(text.stdout).toContain(`      ${k}: (unset) → v-${k}\n`);
    expect(text.stdout).toContain(`why: ${[...KEYS].sort().map((k) => `profile.${k} is set to v-${k}`).join('; ')}`);
    const md = await cli(sb, cwd, ['plan', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('profile.toString is set to v-toString');

    const applied = await cli(sb, cwd, ['apply', '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 1 of 1 change(s) applied and verified');
    const sales = sb.org.assignmentsOf(APP)[0];
    expect(KEYS.map((k) => Object.hasOwn(sales.profile, k) && sales.profile[k])).toEqual(KEYS.map((k) => `v-${k}`));

    const again = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
  } finally {
    await sb.close();
  }
});
