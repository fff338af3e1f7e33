/**
 * The composite action (action.yml): it passes SchemaStore's github-action schema (kept in test/schemas/
 * with its source), pins its actions to Node 24 releases, and its shell steps do what the README says.
 * The steps' scripts are run here as the runner would run them (bash, the same env, GITHUB_OUTPUT and
 * the rest as files) — the install with a recording `npm`, the commands with the built okta-ou against
 * the local Okta over HTTP.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import actionSchema from '../schemas/github-action.schema.json';
import { oktaEnv, project, removeProjects, useSandbox } from '../e2e/helpers';
import { EMP, corpMappings, corpOrg } from '../support/corp-org';
import { NODE24_ACTIONS, ROOT } from './files';
import { runStep, type Ran, type Step } from './run-step';

interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const doc = parseDocument(text, { uniqueKeys: true });
const action = doc.toJS() as Action;
const validate = new Ajv({ allErrors: true, strict: false }).compile(actionSchema);
const step = (name: string): Step => action.runs.steps.find((s) => s.name?.startsWith(name))!;

describe('action.yml', () => {
  test('parses, and passes the GitHub action schema; the schema rejects a broken action', () => {
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    expect(validate(action) ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    expect(validate({ name: 'x', description: 'y', runs: { using: 'composite', steps: [{ run: 'echo' }] } })).toBe(false);
  });

  test('is composite, with the inputs and outputs a mappings repository uses', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'mappings', 'directory', 'max-capacity', 'okta-ou-version', 'base-mappings', 'plan-file', 'fail-on-error']));
    expect(action.inputs.command!.required).toBe(true);
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['exit-code', 'plan-file', 'has-changes']));
    for (const o of Object.values(action.outputs)) expect(o.value).toMatch(/^\$\{\{ steps\.run\.outputs\.[a-z-]+ \}\}$/);
  });

  test('runs on Node 24 with no package cache (no lockfile in the caller’s repository); pinned, Node 24 actions only', () => {
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!;
    expect(setup.uses).toBe(`actions/setup-node@${NODE24_ACTIONS['actions/setup-node']}`);
    expect(action.inputs['node-version']!.default).toBe('24');
    expect(setup.with).toEqual({ 'node-version': '${{ inputs.node-version }}', 'package-manager-cache': false });
    for (const s of action.runs.steps.filter((x) => x.uses)) expect(s.uses).toBe(`${s.uses!.split('@')[0]}@${NODE24_ACTIONS[s.uses!.split('@')[0]!]}`);
  });

  test('every shell step is bash and parses; inputs reach scripts only through env (no ${{ }} in a script)', () => {
    for (const s of action.runs.steps.filter((x) => x.run)) {
      expect(s.shell).toBe('bash');
      expect(s.run).not.toContain('${{');
      const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      expect(r.stderr).toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// The steps' scripts, run.

const org = corpOrg({ Engineering: ['ada@example.com'] });
const good = corpMappings([['Engineering', 'Engineering']]);

describe('the action’s steps, run', () => {
  const sb = useSandbox(org);
  let temp: string;
  beforeEach(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-action-'));
  });
  afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));
  afterAll(() => removeProjects());

  /** The action's install, with a stand-in `npm` that records its calls (and, for a registry install, links the package). */
  async function install(version: string): Promise<{ ran: Ran; npmCalls: string[] }> {
    const fakeBin = path.join(temp, 'fake-bin');
    fs.mkdirSync(fakeBin);
    fs.writeFileSync(
      path.join(fakeBin, 'npm'),
      `#!/bin/sh\necho "$*" >> "${temp}/npm-calls"\nif [ "$1" = install ]; then mkdir -p "$7/node_modules" && ln -s "${ROOT}" "$7/node_modules/okta-ou"; fi\n`,
      { mode: 0o755 },
    );
    const ran = await runStep(step('Install okta-ou'), { PATH: `${fakeBin}:${process.env.PATH}`, VERSION: version, ACTION_PATH: ROOT }, temp, temp);
    return { ran, npmCalls: fs.readFileSync(path.join(temp, 'npm-calls'), 'utf8').trim().split('\n') };
  }

  test('install without okta-ou-version: npm ci and build in the action’s own checkout (no lockfile needed in the caller’s), okta-ou on PATH', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))).toBe(true); // npm test builds first
    const { ran, npmCalls } = await install('');
    expect(ran.code).toBe(0);
    expect(npmCalls).toEqual([`ci --no-audit --no-fund --ignore-scripts --prefix ${ROOT}`, `run build --prefix ${ROOT}`]);
    expect(ran.path.trim()).toBe(path.join(temp, 'okta-ou', 'bin'));
    expect(ran.stdout.trim()).toMatch(/^okta-ou \d+\.\d+\.\d+/);
    // Used again in the same job: nothing is installed twice.
    fs.rmSync(path.join(temp, 'npm-calls'));
    fs.writeFileSync(path.join(temp, 'npm-calls'), '');
    const again = await runStep(step('Install okta-ou'), { VERSION: '', ACTION_PATH: ROOT }, temp, temp);
    expect([again.code, fs.readFileSync(path.join(temp, 'npm-calls'), 'utf8')]).toEqual([0, '']);
  });

  test('install with okta-ou-version: from the registry, into the runner’s temp folder', async () => {
    const { ran, npmCalls } = await install('0.1.0');
    expect(ran.code).toBe(0);
    expect(npmCalls).toEqual([`install --no-save --no-audit --no-fund --ignore-scripts --prefix ${temp}/okta-ou/pkg okta-ou@0.1.0`]);
    expect(fs.readFileSync(path.join(temp, 'okta-ou', 'bin', 'okta-ou'), 'utf8')).toContain(`${temp}/okta-ou/pkg/node_modules/okta-ou/bin/okta-ou.js`);
  });

  /** Runs the command step with okta-ou installed (the install's wrapper, pointing at this checkout). */
  async function command(cwd: string, inputs: Record<string, string>): Promise<Ran> {
    await runStep(step('Install okta-ou'), { VERSION: '', ACTION_PATH: ROOT, PATH: `${writeNoopNpm()}:${process.env.PATH}` }, temp, temp);
    const env = { MAPPINGS: 'mappings', DIRECTORY: '', MAX_CAPACITY: '', BASE_MAPPINGS: '', PLAN_FILE: 'okta-ou-plan.json', FORCE: 'false', ...oktaEnv(sb), ...inputs };
    return runStep(step('okta-ou'), env, cwd, temp);
  }

  function writeNoopNpm(): string {
    const dir = path.join(temp, 'noop-npm');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'npm'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    return dir;
  }

  async function failStep(cmd: string, code: string): Promise<number> {
    return (await runStep(step('Fail on an error'), { COMMAND: cmd, CODE: code }, temp, temp)).code;
  }

  test('validate: annotations on stdout, the findings file, the exit code as an output', async () => {
    const bad = project({ 'corp.yaml': good.replace(`OU=Engineering,${EMP}`, 'OU=VPN,DC=corp,DC=example,DC=com') });
    const r = await command(bad, { COMMAND: 'validate' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::error file=mappings\/corp\.yaml,line=8,col=13,title=OU_NOT_IMPORT_OU::/m);
    expect(r.outputs).toMatchObject({ 'exit-code': '1', 'has-changes': 'false', 'findings-file': `${temp}/okta-ou/findings.json` });
    expect(JSON.parse(fs.readFileSync(r.outputs['findings-file']!, 'utf8')).summary).toMatchObject({ errors: 1 });
    expect(await failStep('validate', r.outputs['exit-code']!)).toBe(1);
  });

  test('plan then apply, against the local Okta: the plan file, has-changes, the summary, the JSON result', async () => {
    const cwd = project({ 'corp.yaml': good });
    sb.rateLimiter.resetAll();
    const plan = await command(cwd, { COMMAND: 'plan' });
    expect(plan.code).toBe(0);
    expect(plan.outputs).toMatchObject({ 'exit-code': '2', 'has-changes': 'true', 'plan-file': 'okta-ou-plan.json', 'markdown-file': 'okta-ou-plan.md' });
    expect(plan.summary).toContain('<!-- okta-ou:plan -->');
    expect(fs.existsSync(path.join(cwd, 'okta-ou-plan.json'))).toBe(true);
    expect(await failStep('plan', '2')).toBe(0);

    sb.audit.length = 0;
    const apply = await command(cwd, { COMMAND: 'apply' });
    expect(apply.outputs['exit-code']).toBe('0');
    const result = JSON.parse(fs.readFileSync(apply.outputs['result-file']!, 'utf8'));
    expect(result).toMatchObject({ applied: ['corp/assign/' + (sb.audit.find((e) => e.method === 'PUT')!.path.split('/').pop() as string)], failed: null });
    expect(sb.audit.filter((e) => e.method !== 'GET').map((e) => e.method)).toEqual(['PUT']);
  });

  test('fail-on-error: changes are a result, not a failure; drift over a threshold is still drift; errors fail', async () => {
    expect(await Promise.all([failStep('plan', '0'), failStep('plan', '2'), failStep('drift', '3'), failStep('apply', '0')])).toEqual([0, 0, 0, 0]);
    expect(await Promise.all([failStep('plan', '3'), failStep('plan', '4'), failStep('drift', '1'), failStep('apply', '1')])).toEqual([3, 4, 1, 1]);
  });

  test('an unknown command fails with an annotation saying which ones exist', async () => {
    const r = await command(project({ 'corp.yaml': good }), { COMMAND: 'destroy' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error title=okta-ou action::unknown command "destroy"; use validate, plan, apply or drift');
  });
});
