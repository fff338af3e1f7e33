/**
 * `okta-ou demo`: the local Okta with the demo org, the example mappings/, a plan with real changes and
 * findings; no real Okta (ambient connection variables are ignored).
 */
import * as path from 'node:path';
import { runCli } from '../support/cli';

const ROOT = path.join(__dirname, '..', '..');

describe('okta-ou demo', () => {
  test('plans the example mappings against the demo org and shows changes and findings', async () => {
    // Pointing the environment at an unreachable org proves the demo never uses it.
    const r = await runCli(['demo'], { cwd: ROOT, env: { OKTA_CLIENT_ORGURL: 'https://unreachable.invalid', OKTA_CLIENT_TOKEN: 'x' } });
    expect(r.stderr).toMatch(/^okta-ou demo: planning mappings\/ against a local Okta at http:\/\/127\.0\.0\.1:\d+ \(demo org\)\n$/);
    expect(r.code).toBe(0);
    // demo-org.md: Marketing and "R&D, Berlin" are created, Finance deleted, Sales moved, the dn mapping removed.
    for (const s of ['Marketing', 'R&D, Berlin', 'Finance', 'Sales', 'EMEA Sales', 'dn']) expect(r.stdout).toContain(s);
    for (const code of ['DN_MAPPED', 'OU_NOT_IMPORT_OU', 'UPDATE_OU_DISABLED', 'USER_SCOPE_ASSIGNMENT']) expect(r.stdout).toContain(code);
    expect(r.stdout).not.toContain('No changes');
  });
});
