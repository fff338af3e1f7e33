/**
 * `plan --out FILE` says where it saved the plan and how to apply it (on stderr, so stdout stays the
 * plan); `--out -` prints the saved-plan JSON on stdout, which `apply` accepts, and no file named "-".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanJson } from '../../src/render/json';
import { expectReadOnly, plan, project, useSandbox } from './helpers';

const sb = useSandbox();

test('--out FILE saves the plan and says how to apply it, after the plan, on stderr', async () => {
  const cwd = project();
  const quiet = await plan(sb, cwd, ['--detailed-exitcode', '--no-color']);
  const r = await plan(sb, cwd, ['--out', 'plans/next plan.json', '--detailed-exitcode', '--no-color']);
  expect(r.code).toBe(quiet.code);
  expect(r.stdout).toBe(quiet.stdout);
  expect(r.stderr).toBe("Saved the plan to 'plans/next plan.json'. To make exactly these changes, run: okta-ou apply 'plans/next plan.json'\n");
  expect(parsePlanJson(fs.readFileSync(path.join(cwd, 'plans', 'next plan.json'), 'utf8')).changes.length).toBeGreaterThan(0);
  expectReadOnly(sb);
});

test('--out FILE on a plan with error findings says apply will refuse it', async () => {
  const cwd = project({
    'corp.yaml': `version: 1
directories:
  corp:
    app: corp.example.com
    importOUs: ["OU=Employees,DC=corp,DC=example,DC=com"]
    groups:
      - group: Marketting
        ou: OU=Marketing,OU=Employees,DC=corp,DC=example,DC=com
`,
  });
  const r = await plan(sb, cwd, ['--out', 'plan.json']);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('Saved the plan to plan.json; it has error findings, so apply will refuse it: fix them and plan again.\n');
});

test('--out - prints the saved-plan JSON on stdout, the plan shown on stderr, and writes no file', async () => {
  const cwd = project();
  const text = await plan(sb, cwd, ['--no-color']);
  const r = await plan(sb, cwd, ['--out', '-', '--no-color']);
  expect(r.code).toBe(text.code);
  expect(r.stderr).toBe(text.stdout);
  const p = parsePlanJson(r.stdout);
  expect(p.changes.length).toBeGreaterThan(0);
  expect(fs.existsSync(path.join(cwd, '-'))).toBe(false);
  const json = await plan(sb, cwd, ['--out', '-', '--format', 'json']);
  expect([json.stderr, parsePlanJson(json.stdout).changes]).toEqual(['', p.changes]);
  expectReadOnly(sb);
});
