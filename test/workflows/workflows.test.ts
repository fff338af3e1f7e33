/**
 * Lints .github/workflows/*.yml (actionlint itself runs in actionlint.test.ts): the public GitHub workflow JSON Schema (SchemaStore, kept in
 * test/schemas/ with its source) with ajv, plus our own rules: every action pinned to an exact version
 * tag or a commit SHA, least-privilege permissions declared, secrets only in the Okta SDK's env names,
 * scopes equal to `okta-ou scopes`, shell steps that parse, and okta-ou invoked only with real flags.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import workflowSchema from '../schemas/github-workflow.schema.json';
import { commands } from '../../src/cli/commands';
import { commandScopes } from '../../src/okta/command-scopes';

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

type Step = { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Job = { steps: Step[]; env?: Record<string, string>; permissions?: unknown };
type Workflow = { on: unknown; permissions?: unknown; jobs: Record<string, Job>; concurrency?: unknown };

function load(file: string): { wf: Workflow; text: string } {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return { wf: doc.toJS() as Workflow, text };
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(workflowSchema);

/** Our flags per command, plus the global ones (src/cli/main.ts). */
const GLOBAL_FLAGS = ['mappings', 'org-url', 'no-color', 'verbose', 'help', 'version'];

test('the four workflows are there', () => {
  expect(files).toEqual(['ci.yml', 'okta-ou-apply.yml', 'okta-ou-drift.yml', 'okta-ou-plan.yml']);
});

describe.each(files)('%s', (file) => {
  const { wf, text } = load(file);
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

  test('passes the GitHub workflow schema', () => {
    const ok = validate(wf);
    expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  test('pins every action to an exact version tag or a commit SHA', () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });

  test('declares least-privilege permissions at the top, and none wider per job', () => {
    expect(wf.permissions).toEqual(expect.any(Object));
    const perms = wf.permissions as Record<string, string>;
    expect(perms.contents).toBe('read');
    const allowedWrites: Record<string, string[]> = {
      'okta-ou-plan.yml': ['pull-requests'],
      'okta-ou-drift.yml': ['issues'],
      'okta-ou-apply.yml': [],
      'ci.yml': [],
    };
    expect(Object.keys(perms).filter((k) => perms[k] === 'write')).toEqual(allowedWrites[file]);
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeUndefined();
  });

  test('uses secrets only under the Okta SDK’s env names, and only in the steps that call Okta', () => {
    for (const m of text.matchAll(/secrets\.([A-Za-z_]+)/g)) expect(m[1]).toMatch(/^OKTA_CLIENT_(ORGURL|TOKEN|CLIENTID|PRIVATEKEY|KEYID)$/);
    for (const job of Object.values(wf.jobs)) expect(JSON.stringify(job.env ?? {})).not.toContain('secrets.');
    for (const s of steps) {
      const env = s.env ?? {};
      for (const [k, v] of Object.entries(env)) {
        if (/secrets\./.test(String(v))) expect(String(v)).toContain(k === 'OKTA_CLIENT_AUTHORIZATIONMODE' ? 'secrets.OKTA_CLIENT_PRIVATEKEY' : `secrets.${k}`);
      }
      // Okta credentials reach a step only if it runs an okta-ou command that talks to Okta.
      if ('OKTA_CLIENT_ORGURL' in env) expect(s.run).toMatch(/okta-ou\.js (plan|"\$\{args\[@\]\}")/);
    }
  });

  test('every shell step parses (bash -n)', () => {
    for (const s of steps.filter((x) => x.run)) {
      const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      expect({ run: s.run, stderr: r.stderr }).toEqual({ run: s.run, stderr: '' });
    }
  });

  test('calls okta-ou only with commands and flags it has', () => {
    let calls = 0;
    for (const s of steps.filter((x) => x.run)) {
      for (const line of s.run!.split('\n')) {
        const m = /node bin\/okta-ou\.js (\S+)(?: (\S+))?(.*)$/.exec(line);
        if (!m || m[1]!.startsWith('"')) continue;
        calls++;
        const cmd = commands.find((c) => c.name === m[1]);
        expect(cmd?.name).toBe(m[1]);
        const flags = [...line.matchAll(/--([a-z-]+)/g)].map((f) => f[1]!);
        for (const f of flags) expect([...Object.keys(cmd!.options), ...GLOBAL_FLAGS, 'paginate', 'method', 'input', 'state', 'limit', 'json', 'search']).toContain(f);
      }
    }
    // Every call written in the file (other than a computed "${args[@]}") was checked above: if the
    // pattern stopped matching, nothing would have been. The okta-ou workflows do call it.
    expect(calls).toBe((text.match(/node bin\/okta-ou\.js [^"\s]/g) ?? []).length);
    if (file.startsWith('okta-ou-')) expect(calls).toBeGreaterThan(0);
  });
});

describe('the okta-ou workflows', () => {
  test('ask Okta for exactly the scopes `okta-ou scopes` lists: read-only except for the apply step', () => {
    const scopesOf = (file: string): Array<[string, string | undefined]> =>
      Object.values(load(file).wf.jobs)
        .flatMap((j) => j.steps)
        .filter((s) => s.env?.OKTA_CLIENT_ORGURL)
        .map((s) => [(s as { name?: string }).name ?? '', s.env?.OKTA_CLIENT_SCOPES]);
    const plan = commandScopes('plan').join(' ');
    expect(scopesOf('okta-ou-plan.yml')).toEqual([['Plan against Okta', plan]]);
    expect(scopesOf('okta-ou-drift.yml')).toEqual([['Plan against Okta', plan]]);
    expect(scopesOf('okta-ou-apply.yml')).toEqual([
      ['Plan the merged commit', plan],
      ['Apply that plan', commandScopes('apply').join(' ')],
    ]);
  });

  test('plan and drift use --detailed-exitcode and save the JSON plan; apply applies that saved plan', () => {
    const runs = (file: string): string => Object.values(load(file).wf.jobs).flatMap((j) => j.steps).map((s) => s.run ?? '').join('\n');
    for (const f of ['okta-ou-plan.yml', 'okta-ou-drift.yml']) expect(runs(f)).toContain('plan --detailed-exitcode --out plan.json --format markdown');
    expect(runs('okta-ou-apply.yml')).toContain('args=(apply plan.json --auto-approve)');
    expect(runs('okta-ou-drift.yml')).toContain('ci drift-issue --plan plan.json --exit-code "$EXIT_CODE" --existing-issue issues.json');
    expect(runs('okta-ou-plan.yml')).toContain('ci pr-comment --markdown plan.md --comments comments.json');
  });

  test('two applies never overlap', () => {
    expect(load('okta-ou-apply.yml').wf.concurrency).toEqual({ group: 'okta-ou-apply', 'cancel-in-progress': false });
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
