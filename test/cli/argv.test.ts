/**
 * The command line as Terraform users type it: single-dash spellings are refused with the two-dash one,
 * no undocumented short flags, global options before or after the command, unknown options and commands
 * get the closest name, and the demo refuses the options it would ignore. All before any file or Okta
 * access: exit 1, one error line and a hint, nothing written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

let cwd: string;
beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-argv-'));
});
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

test.each([
  [['plan', '-out', 'plan.json'], 'unknown option -out (one dash) for plan', 'did you mean --out?'],
  [['plan', '-out=plan.json'], 'unknown option -out=plan.json (one dash) for plan', 'did you mean --out=plan.json?'],
  [['plan', '-detailed-exitcode'], 'unknown option -detailed-exitcode (one dash) for plan', 'did you mean --detailed-exitcode?'],
  [['apply', '-auto-approve'], 'unknown option -auto-approve (one dash) for apply', 'did you mean --auto-approve?'],
  [['plan', '-o', 'plan.json'], 'unknown option -o for plan', 'see okta-ou plan --help'],
  [['plan', '-d', 'corp'], 'unknown option -d for plan', 'see okta-ou plan --help'],
  [['apply', '-f', 'json'], 'unknown option -f for apply', 'see okta-ou apply --help'],
  [['plan', '--detailed-exitcodes'], 'unknown option --detailed-exitcodes for plan', 'did you mean --detailed-exitcode?'],
  [['plna'], 'unknown command "plna"', 'did you mean plan?'],
  [['demo', '--mappings', 'mine'], 'demo does not take --mappings', 'the demo plans the example mappings shipped with okta-ou'],
  [['demo', '--org-url=https://x.okta.com'], 'demo does not take --org-url', 'the demo only talks to its own local Okta'],
])('%j: exit 1 with "%s"', async (argv, message, hint) => {
  const r = await runCli(argv, { cwd, env: {} });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const [first, second, ...rest] = r.stderr.split('\n');
  expect(first).toBe(`error USAGE ${message}`);
  expect(second).toContain(hint);
  expect(rest).toEqual(['']);
  // Nothing was written (no file named "ut", "-" or "etailed-exitcode").
  expect(fs.readdirSync(cwd)).toEqual([]);
});

test('global options work before the command as after it', async () => {
  const before = await runCli(['--mappings', 'nowhere', '--no-color', 'validate', '--format', 'json'], { cwd, env: {} });
  const after = await runCli(['validate', '--format', 'json', '--mappings', 'nowhere', '--no-color'], { cwd, env: {} });
  expect(before).toEqual(after);
  expect(before.code).toBe(1);
  expect(before.stderr).toContain('error MAPPINGS_NOT_FOUND the mappings folder nowhere does not exist');
  expect((await runCli(['--mappings=nowhere', 'validate'], { cwd, env: {} })).stderr).toBe(before.stderr);
});

test('--version and --help before any command still work; no command at all is exit 1 with help', async () => {
  expect((await runCli(['--version'], { cwd })).stdout).toMatch(/^okta-ou \d+\.\d+\.\d+\n$/);
  const help = await runCli(['--no-color', '--help'], { cwd });
  expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('Global options (before or after the command):')]);
  expect((await runCli([], { cwd })).code).toBe(1);
});
