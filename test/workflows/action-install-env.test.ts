/**
 * A caller may put the Okta credentials in the env of the action's step (the README's example does), and
 * a composite action's env reaches every step, the install too. npm and the install scripts of packages
 * must never see them: the install step unsets every OKTA_* variable and runs no install script.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';
import { runStep, type Step } from './run-step';

const install = (parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } }).runs.steps.find((s) => s.name === 'Install okta-ou')!;

let temp: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-install-env-'));
  fs.mkdirSync(path.join(temp, 'bin'));
  // npm: records its arguments and every OKTA_ variable it was given.
  fs.writeFileSync(path.join(temp, 'bin', 'npm'), `#!/bin/sh\necho "$*" >> "${temp}/npm-calls"\nenv | grep '^OKTA_' >> "${temp}/npm-env"\nexit 0\n`, { mode: 0o755 });
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

const secrets = { OKTA_CLIENT_ORGURL: 'https://example.okta.com', OKTA_CLIENT_TOKEN: '00secret', OKTA_CLIENT_PRIVATEKEY: '-----BEGIN PRIVATE KEY-----', OKTA_READONLY_X: 'y' };

test.each([
  ['from the action’s checkout', ''],
  ['from the registry', '0.1.0'],
])('install %s: npm sees no OKTA_ variable and runs no install script', async (_how, version) => {
  const r = await runStep(install, { PATH: `${temp}/bin:${process.env.PATH}`, VERSION: version, ACTION_PATH: ROOT, ...secrets }, temp, temp);
  expect(r.stdout + r.stderr).not.toContain('00secret');
  const calls = fs.readFileSync(path.join(temp, 'npm-calls'), 'utf8').trim().split('\n');
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls.filter((x) => /^(ci|install) /.test(x))) expect(c).toContain('--ignore-scripts');
  expect(fs.existsSync(path.join(temp, 'npm-env')) ? fs.readFileSync(path.join(temp, 'npm-env'), 'utf8') : '').toBe('');
});
