/**
 * A plan reads the members of every changed group side by side: dozens of requests wait or are in flight
 * at once, each listening on the command's abort signal (undici too). That is not a leak, and Node must not
 * print "MaxListenersExceededWarning" into the user's terminal or CI log. Node prints it on the real
 * process's stderr, so okta-ou runs here as users run it: its own process (the built bin/okta-ou.js).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { OrgSeed } from '../../src/sandbox/types';
import { project, removeProjects, seeded, type Sandbox } from '../support/sandbox';

const BIN = path.join(__dirname, '..', '..', 'bin', 'okta-ou.js');
const N = 40;
const DC = 'DC=corp,DC=example,DC=com';

let sb: Sandbox;
afterEach(async () => sb?.close());
afterAll(() => removeProjects());

const org: OrgSeed = {
  users: Array.from({ length: N }, (_, i) => ({ login: `u${i}@example.com`, firstName: 'U', lastName: String(i) })),
  groups: Array.from({ length: N }, (_, i) => ({ name: `G${i}`, members: [`u${i}@example.com`] })),
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [`OU=Staff,${DC}`],
      assignments: Array.from({ length: N }, (_, i) => ({ group: `G${i}`, priority: i, profile: { organizationalUnit: `ou=old${i},ou=staff,${DC.toLowerCase()}` } })),
    },
  ],
};

test(`a plan that reads ${N} groups' members side by side prints no listener-leak warning`, async () => {
  sb = await seeded(org);
  const groups = Array.from({ length: N }, (_, i) => `      - { group: G${i}, ou: "OU=New${i},OU=Staff,${DC}" }\n`).join('');
  const cwd = project({ 'corp.yaml': `version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=Staff,${DC}"]\n    groups:\n${groups}` });
  const env = { PATH: process.env.PATH ?? '', OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token, NO_COLOR: '1' };
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, 'plan', '--format', 'json'], { cwd, env }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
  expect(run.stderr).not.toContain('MaxListenersExceededWarning');
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as { changes: unknown[] }).changes).toHaveLength(N);
  // Every changed group's members were read by this plan (N > 10 reads, each waiting on the command's signal).
  expect(sb.audit.filter((e) => /^\/api\/v1\/groups\/[^/]+\/users/.test(e.path))).toHaveLength(N);
});
