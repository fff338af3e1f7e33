/**
 * The action used twice in one job: the second use reuses the first install only when it asks for the
 * same okta-ou (another `okta-ou-version` installs that one). And `plan-file` is an output of the commands
 * that have a plan, not of validate.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';
import { runStep, type Step } from './run-step';

const steps = (parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } }).runs.steps;
const install = steps.find((s) => s.name === 'Install okta-ou')!;
const command = steps.find((s) => s.id === 'run')!;

let temp: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-action-reuse-'));
  fs.mkdirSync(path.join(temp, 'fake'));
  // npm: records its calls; an install puts a stand-in okta-ou where the action expects the package.
  fs.writeFileSync(
    path.join(temp, 'fake', 'npm'),
    `#!/bin/sh\necho "$*" >> "${temp}/npm-calls"\nif [ "$1" = install ]; then mkdir -p "$7/node_modules/okta-ou/bin" && printf 'console.log("okta-ou stand-in")' > "$7/node_modules/okta-ou/bin/okta-ou.js"; fi\n`,
    { mode: 0o755 },
  );
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

const npmCalls = (): string[] => (fs.existsSync(path.join(temp, 'npm-calls')) ? fs.readFileSync(path.join(temp, 'npm-calls'), 'utf8').trim().split('\n') : []);
const use = (version: string) => runStep(install, { PATH: `${temp}/fake:${process.env.PATH}`, VERSION: version, ACTION_PATH: ROOT }, temp, temp);

test('the same version again: no second install; another version: installed', async () => {
  expect((await use('1.2.3')).code).toBe(0);
  expect((await use('1.2.3')).code).toBe(0);
  expect(npmCalls().length).toBe(1);
  expect((await use('1.2.4')).code).toBe(0);
  expect(npmCalls()).toEqual([expect.stringMatching(/ okta-ou@1\.2\.3$/), expect.stringMatching(/ okta-ou@1\.2\.4$/)]);
});

test('validate sets no plan-file output; plan does', async () => {
  const bin = path.join(temp, 'okta-ou', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'okta-ou'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const env = { MAPPINGS: 'mappings', DIRECTORY: '', MAX_CAPACITY: '', BASE_MAPPINGS: '', PLAN_FILE: 'p.json', FORCE: 'false' };
  const validate = await runStep(command, { ...env, COMMAND: 'validate' }, temp, temp);
  expect(validate.outputs).toMatchObject({ 'exit-code': '0' });
  expect(validate.outputs).not.toHaveProperty('plan-file');
  const plan = await runStep(command, { ...env, COMMAND: 'plan' }, temp, temp);
  expect(plan.outputs).toMatchObject({ 'exit-code': '0', 'plan-file': 'p.json' });
});

test('every use of the action in a reusable workflow asks for the same okta-ou (so the job installs it once)', () => {
  for (const kind of ['plan', 'apply', 'drift']) {
    const wf = parse(fs.readFileSync(path.join(ROOT, `.github/workflows/reusable-${kind}.yml`), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
    const uses = Object.values(wf.jobs)[0]!.steps.filter((s) => s.uses === './.okta-ou-action');
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) expect(s.with?.['okta-ou-version']).toBe('${{ inputs.okta-ou-version }}');
  }
});
