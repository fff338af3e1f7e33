/**
 * `okta-ou demo`: the local Okta with the demo org, the example mappings/, a plan with real changes and
 * findings; no real Okta (ambient connection variables are ignored).
 */
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { packageRoot } from '../../src/cli/commands/demo';

const ROOT = path.join(__dirname, '..', '..');

describe('okta-ou demo', () => {
  test('plans the example mappings against the demo org and shows changes and findings', async () => {
    // Pointing the environment at an unreachable org proves the demo never uses it.
    const r = await runCli(['demo'], { cwd: ROOT, env: { OKTA_CLIENT_ORGURL: 'https://unreachable.invalid', OKTA_CLIENT_TOKEN: 'x' } });
    expect(r.stderr).toMatch(/^okta-ou demo: planning mappings\/ against a local Okta at http:\/\/127\.0\.0\.1:\d+ \(demo org\)\n$/);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // demo-org.md: Marketing and "R&D, Berlin" are created, Finance deleted, Contractors moved below them, EMEA Partners
    // moved, the dn mapping removed. Whole lines: a word like "dn" or "Sales" is inside many others.
    expect(lines).toEqual(
      expect.arrayContaining([
        '  - mapping dn (was "CN=" + user.firstName + " " + user.lastName + ",OU=Employees,DC=corp,DC=example,DC=com" (push: always))',
        '  + mapping employeeID = user.employeeNumber (push: always)',
        '  + Marketing  priority 6  OU ou=marketing,ou=employees,dc=corp,dc=example,dc=com  (4 members)',
        '  + R&D, Berlin  priority 8  OU ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com  (3 members)',
        '      Contractors  priority 1 → 10',
        '  - Finance  priority 4  OU ou=finance,ou=employees,dc=corp,dc=example,dc=com  (3 members)',
        '  ~ EMEA Partners  (3 members)',
        '      OU ou=partners,dc=emea,dc=example,dc=com → ou=external,ou=partners,dc=emea,dc=example,dc=com',
        '  + EMEA Sales  priority 3  OU ou=sales,ou=staff,dc=emea,dc=example,dc=com  (2 members)',
        '      people: 3 users lose the AD app: radia.perlman@example.com, shafi.goldwasser@example.com, sophie.wilson@example.com',
        '      people: 2 users stay in the old OU (updateOUOnGroupChange: false): bob.kahn@example.com, vint.cerf@example.com',
        '  corp: 3 users lose the AD app, 7 users get the AD app (of 23 app users)',
        // Finance's three users are 13 % of the corp app's users: over the 5 % default, so the demo plan is unsafe.
        '   corp: 3 of 23 users of the AD app would lose it (deprovisioned) (13%), over the 5% threshold (safety.maxUsersLosingAppShare); use --force if intended',
        'Plan: 4 to create, 1 to update, 2 to delete, 1 reorder. 0 errors, 5 warnings. Unsafe: apply needs --force.',
      ]),
    );
    const codes = lines.map((l) => / (?:error|warning|info) ([A-Z_]+) /.exec(l)?.[1]).filter((c) => c !== undefined);
    // The demo plans with --check-placement: the two individually assigned users are not where Engineering says.
    expect(codes.sort()).toEqual(['DN_MAPPED', 'OU_NOT_IMPORT_OU', 'UPDATE_OU_DISABLED', 'USER_OU_MISMATCH', 'USER_SCOPE_ASSIGNMENT']);
  });

  test('without its package folder the demo says what to do', () => {
    expect(() => packageRoot(path.parse(ROOT).root)).toThrow(
      expect.objectContaining({
        code: 'DEMO_FILES_MISSING',
        message: `cannot find the okta-ou package folder (with the example mappings/) above ${path.parse(ROOT).root}`,
        hint: 'reinstall okta-ou (npm install okta-ou), or run the demo from a clone of the repository: npm run demo',
      }),
    );
  });
});
