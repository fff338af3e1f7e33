/**
 * The reusable workflows' `gh` steps, run as the runner runs them, with the built okta-ou and a stand-in
 * `gh` that answers from fixtures and records every call: the YAML carries out exactly what `okta-ou ci`
 * decided (which comment is updated, what is posted, which issue is opened), and the last step fails the
 * job on exactly the exit codes that should.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { renderPlanJson } from '../../src/render/json';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { APPLY_ISSUE_TITLE, DRIFT_ISSUE_TITLE, changesDigest, withPlanMarker } from '../../src/gitops';
import { aCreate, aPlan } from '../support/plan-fixtures';
import { ROOT } from './files';
import { runStep, type Ran, type Step } from './run-step';

const steps = (file: string): Step[] => {
  const wf = parseDocument(fs.readFileSync(path.join(ROOT, '.github', 'workflows', file), 'utf8')).toJS() as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(wf.jobs)[0]!.steps;
};
const stepNamed = (file: string, name: string): Step => steps(file).find((s) => s.name === name)!;

const BOT = { login: 'github-actions[bot]' };
const plan = aPlan([aCreate('corp', '00g-ENG', 'Engineering', 'ou=eng,dc=corp', 0, 5)]);

let temp: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-steps-'));
  const bin = path.join(temp, 'bin');
  fs.mkdirSync(bin);
  // gh: answers reads from fixture files, records every call and what was piped to it.
  fs.writeFileSync(
    path.join(bin, 'gh'),
    [
      '#!/bin/sh',
      `echo "$*" >> "${temp}/gh-calls"`,
      'case "$1 $2" in',
      `  "api --paginate") cat "${temp}/fixture-comments.json" ;;`,
      `  "api --method") cat >> "${temp}/gh-stdin" ;;`,
      `  "issue list") cat "${temp}/fixture-issues.json" ;;`,
      'esac',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(bin, 'okta-ou'), `#!/bin/sh\nexec node "${ROOT}/bin/okta-ou.js" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(temp, 'fixture-comments.json'), '[]');
  fs.writeFileSync(path.join(temp, 'fixture-issues.json'), '[]');
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(temp, name), text);
  return path.join(temp, name);
}

async function run(s: Step, env: Record<string, string>): Promise<Ran & { gh: string[]; piped: string }> {
  const ran = await runStep(s, { PATH: `${temp}/bin:${process.env.PATH}`, GITHUB_REPOSITORY: 'acme/okta', GH_TOKEN: 'x', ...env }, temp, temp);
  const read = (f: string): string => (fs.existsSync(path.join(temp, f)) ? fs.readFileSync(path.join(temp, f), 'utf8') : '');
  return { ...ran, gh: read('gh-calls').split('\n').filter(Boolean), piped: read('gh-stdin') };
}

describe('reusable-plan.yml: Post or update the plan comment', () => {
  const post = stepNamed('reusable-plan.yml', 'Post or update the plan comment');
  const base = { PR: '5', HEAD_SHA: 'abc123', ORG: '', VALIDATE_EXIT_CODE: '0', FINDINGS: '', PLANNED: 'success', PLAN_EXIT_CODE: '2' };

  test('a plan: the bot’s comment is updated in place with the digest, never the human’s copy above it', async () => {
    const old = renderPlanMarkdown(aPlan());
    write('fixture-comments.json', JSON.stringify([{ id: 3, user: { login: 'mallory' }, body: old }, { id: 8, user: BOT, body: old }]));
    const r = await run(post, { ...base, MARKDOWN: write('plan.md', renderPlanMarkdown(plan)), PLAN_FILE: write('plan.json', renderPlanJson(plan)) });
    expect(r.code).toBe(0);
    expect(r.gh).toEqual(['api --paginate repos/acme/okta/issues/5/comments', 'api --method PATCH repos/acme/okta/issues/comments/8 --input -']);
    expect(JSON.parse(r.piped).body).toBe(withPlanMarker(renderPlanMarkdown(plan), changesDigest(plan)));
  });

  test('files that do not validate: a new comment with the findings table linked to the head commit', async () => {
    const findings = write('findings.json', JSON.stringify({ findings: [{ code: 'SCHEMA', severity: 'error', message: 'bad', file: 'mappings/a.yaml', line: 2, column: 3 }] }));
    const r = await run(post, { ...base, VALIDATE_EXIT_CODE: '1', FINDINGS: findings, PLANNED: 'skipped', GITHUB_SERVER_URL: 'https://github.com' });
    expect(r.gh[1]).toBe('api --method POST repos/acme/okta/issues/5/comments --input -');
    expect(JSON.parse(r.piped).body).toContain('<a href="https://github.com/acme/okta/blob/abc123/mappings/a.yaml#L2">');
  });

  test('no read-only credentials: a comment that says the plan was skipped', async () => {
    const r = await run(post, { ...base, PLANNED: 'skipped' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.piped).body).toContain('**Not planned:** no read-only Okta credentials');
  });

  test('the last step fails on invalid files, error findings, unsafe or auth; not on changes or a skipped plan', async () => {
    const last = steps('reusable-plan.yml').at(-1)!;
    const code = async (v: string, p: string): Promise<number> => (await run(last, { VALIDATE_EXIT_CODE: v, PLAN_EXIT_CODE: p })).code;
    expect(await Promise.all([code('0', '0'), code('0', '2')])).toEqual([0, 0]);
    expect(await Promise.all([code('1', '0'), code('0', '1'), code('0', '3'), code('0', '4')])).toEqual([1, 1, 3, 4]);
  });
});

describe('reusable-apply.yml: the gate and the report', () => {
  test('a plan other than the reviewed one: the gate step fails; the report comments on the PR and opens the issue', async () => {
    const reviewed = aPlan([aCreate('corp', '00g-ENG', 'Engineering', 'ou=other,dc=corp', 0, 5)]);
    write('comments.json', JSON.stringify([{ id: 8, user: BOT, body: withPlanMarker(renderPlanMarkdown(reviewed), changesDigest(reviewed)) }]));
    const planFile = write('plan.json', renderPlanJson(plan));
    const gate = await run(stepNamed('reusable-apply.yml', 'Is this the plan that was reviewed?'), { PLAN_FILE: planFile, PR: '42', ORG: '', APPROVED_DIGEST: '' });
    expect(gate.code).toBe(1);
    expect(gate.outputs).toEqual({});
    const report = await run(stepNamed('reusable-apply.yml', 'Report the result on the pull request and in the apply issue'), { PR: '42', PLAN_FILE: planFile, RESULT_FILE: '', EXIT_CODE: '2' });
    expect(report.code).toBe(0);
    expect(report.gh).toEqual([
      'issue list --state all --limit 20 --json number,title,body,state --search "okta-ou: apply failed" in:title',
      `pr comment 42 --body-file ${temp}/comment.md`,
      `issue create --title ${APPLY_ISSUE_TITLE} --body-file ${temp}/issue.md`,
    ]);
    expect(fs.readFileSync(path.join(temp, 'comment.md'), 'utf8')).toContain('## okta-ou apply: refused');
    const last = await run(steps('reusable-apply.yml').at(-1)!, { PLAN_EXIT_CODE: '2', GATE: 'failure', APPLY_EXIT_CODE: '0' });
    expect(last.code).toBe(1);
  });

  test('the reviewed plan: the gate says apply; after a successful apply the report comments and closes the open issue', async () => {
    write('comments.json', JSON.stringify([{ id: 8, user: BOT, body: withPlanMarker(renderPlanMarkdown(plan), changesDigest(plan)) }]));
    const planFile = write('plan.json', renderPlanJson(plan));
    const gate = await run(stepNamed('reusable-apply.yml', 'Is this the plan that was reviewed?'), { PLAN_FILE: planFile, PR: '42', ORG: '', APPROVED_DIGEST: '' });
    expect([gate.code, gate.outputs]).toEqual([0, { action: 'apply' }]);
    const result = write('result.json', JSON.stringify({ applied: ['corp/assign/00g-ENG'], failed: null, unverified: [], partial: [], notAttempted: [], verified: true, interrupted: false, mismatches: [], requests: { sent: 1, total: 1 } }));
    write('fixture-issues.json', JSON.stringify([{ number: 12, title: APPLY_ISSUE_TITLE, body: '', state: 'OPEN' }]));
    const report = await run(stepNamed('reusable-apply.yml', 'Report the result on the pull request and in the apply issue'), { PR: '42', PLAN_FILE: planFile, RESULT_FILE: result, EXIT_CODE: '0' });
    expect(report.gh.slice(1).map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual(['pr comment 42', 'issue close 12']);
    expect(fs.readFileSync(path.join(temp, 'comment.md'), 'utf8')).toContain('## okta-ou apply: applied');
    const last = async (gateOutcome: string, applyCode: string, planCode = '2'): Promise<number> => (await run(steps('reusable-apply.yml').at(-1)!, { PLAN_EXIT_CODE: planCode, GATE: gateOutcome, APPLY_EXIT_CODE: applyCode })).code;
    expect(await Promise.all([last('success', '0'), last('success', '1'), last('skipped', '0', '4')])).toEqual([0, 1, 4]);
  });
});

describe('reusable-drift.yml: the drift issue', () => {
  test('drift with no issue: one issue opened, titled as okta-ou decided', async () => {
    const r = await run(stepNamed('reusable-drift.yml', 'Open, update or close the drift issue'), { EXIT_CODE: '2', PLAN_FILE: write('plan.json', renderPlanJson(plan)), ORG: '' });
    expect(r.code).toBe(0);
    expect(r.gh).toEqual([
      'issue list --state all --limit 20 --json number,title,body,state --search "okta-ou: drift detected" in:title',
      `issue create --title ${DRIFT_ISSUE_TITLE} --body-file ${temp}/body.md`,
    ]);
  });

  test('an auth failure fails the step, and no issue is touched', async () => {
    const r = await run(stepNamed('reusable-drift.yml', 'Open, update or close the drift issue'), { EXIT_CODE: '4', PLAN_FILE: '', ORG: '' });
    expect(r.code).toBe(1);
    expect(r.gh).toHaveLength(1);
  });
});
