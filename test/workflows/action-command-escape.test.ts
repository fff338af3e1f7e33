/**
 * The action echoes an unknown `command` input in its error annotation; escaped as workflow-command data
 * (GitHub's rules: %, CR, LF), so a value with a newline cannot start a workflow command of its own.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';
import { runStep, type Step } from './run-step';

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
const run = action.runs.steps.find((s) => s.id === 'run')!;

let temp: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-action-escape-'));
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

test('an unknown command with a newline and % stays one annotation line', async () => {
  const env = { COMMAND: 'plan\n::add-mask::x\r%', MAPPINGS: 'mappings', DIRECTORY: '', MAX_CAPACITY: '', BASE_MAPPINGS: '', PLAN_FILE: 'p.json', FORCE: 'false' };
  const r = await runStep(run, env, temp, temp);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('::error title=okta-ou action::unknown command "plan%0A::add-mask::x%0D%25"; use validate, plan, apply or drift\n');
});
