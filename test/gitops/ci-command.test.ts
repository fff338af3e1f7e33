import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { renderPlanJson } from '../../src/render/json';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { DRIFT_ISSUE_TITLE, changesDigest, driftDigest, driftMarker } from '../../src/gitops';
import { aCreate, aPlan, fullPlan } from '../support/plan-fixtures';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-ci-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

const drift = aPlan([aCreate('corp', '00g-ENG', 'Engineering', 'ou=eng,dc=corp', 0, 5)]);

describe('okta-ou ci drift-issue', () => {
  test('exit 2 with no open issue: open, as JSON on stdout', async () => {
    write('plan.json', renderPlanJson(drift));
    const r = await runCli(['ci', 'drift-issue', '--plan', 'plan.json', '--exit-code', '2', '--run-url', 'https://ci/run/1'], { cwd: dir });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ action: 'open', title: DRIFT_ISSUE_TITLE, digest: driftDigest(drift) });
    expect(d.body).toContain('https://ci/run/1');
    expect(r.stderr).toMatch(/^open: /);
  });

  test('the same drift as the open issue (gh issue list output, upper-case states): none', async () => {
    write('plan.json', renderPlanJson({ ...drift, createdAt: 'another time' }));
    const issues = [
      { number: 4, title: 'unrelated', body: '', state: 'OPEN' },
      { number: 2, title: DRIFT_ISSUE_TITLE, body: 'old', state: 'CLOSED' },
      { number: 3, title: DRIFT_ISSUE_TITLE, body: `${driftMarker(driftDigest(drift))}\n…`, state: 'OPEN' },
    ];
    write('issues.json', JSON.stringify(issues));
    const r = await runCli(['ci', 'drift-issue', '--plan', 'plan.json', '--exit-code', '2', '--existing-issue', 'issues.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'none', issueNumber: 3 });
  });

  test('exit 0 closes the open issue, even when the plan file is absent', async () => {
    write('issues2.json', JSON.stringify([{ number: 3, title: DRIFT_ISSUE_TITLE, body: 'x', state: 'OPEN' }]));
    const r = await runCli(['ci', 'drift-issue', '--plan', 'absent.json', '--exit-code', '0', '--existing-issue', 'issues2.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'close', issueNumber: 3 });
  });

  test('exit 4 fails loudly (exit 1, an error annotation on GitHub Actions) and leaves the issue alone', async () => {
    write('issues3.json', JSON.stringify([{ number: 3, title: DRIFT_ISSUE_TITLE, body: 'x', state: 'OPEN' }]));
    const r = await runCli(['ci', 'drift-issue', '--plan', 'absent.json', '--exit-code', '4', '--existing-issue', 'issues3.json'], {
      cwd: dir,
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'fail' });
    expect(r.stderr.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^error DRIFT_CHECK_FAILED okta-ou plan failed with exit code 4: /),
      '  hint: this is an error, not drift; the drift issue was left alone: fix the plan step, then re-run the job',
      '',
    ]);
    expect(r.stderr).toContain('::error title=okta-ou drift check failed::okta-ou plan failed with exit code 4');
  });

  test('a plan file from a newer okta-ou is an error, not drift', async () => {
    write('newer.json', renderPlanJson({ ...drift, formatVersion: 2 as 1 }));
    const r = await runCli(['ci', 'drift-issue', '--plan', 'newer.json', '--exit-code', '2'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('plan format 2 is newer than this okta-ou understands; upgrade okta-ou');
  });

  test('usage errors', async () => {
    expect((await runCli(['ci'], { cwd: dir })).stderr).toContain('missing ci subcommand');
    expect((await runCli(['ci', 'nope'], { cwd: dir })).stderr).toContain('unknown ci subcommand "nope"');
    expect((await runCli(['ci', 'drift-issue'], { cwd: dir })).stderr).toContain('--exit-code is required');
    expect(await runCli(['ci', 'drift-issue', '--exit-code', 'two'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error USAGE --exit-code must be a number, got "two"\n' +
        '  hint: pass the exit code of `okta-ou plan --detailed-exitcode` (0 to 4), e.g. --exit-code "$?" right after it\n',
    });
  });

  test('an unreadable input file names the file and what writes it', async () => {
    fs.mkdirSync(path.join(dir, 'a-folder'), { recursive: true });
    const r = await runCli(['ci', 'drift-issue', '--exit-code', '0', '--existing-issue', 'a-folder'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^error CI_INPUT_UNREADABLE cannot read a-folder: EISDIR: .*\n {2}hint: check the path and its permissions: it is the file an earlier workflow step wrote \(okta-ou plan --out, gh … > FILE\)\n$/);
  });
});

describe('okta-ou ci pr-comment', () => {
  const md = renderPlanMarkdown(fullPlan());

  test('updates the marked comment from paginated gh api output (pages back to back)', async () => {
    write('plan.md', md);
    const bot = { login: 'github-actions[bot]' };
    write('comments.json', `${JSON.stringify([{ id: 1, body: 'hi', user: bot }])}\n${JSON.stringify([{ id: 8, body: renderPlanMarkdown(aPlan()), user: bot }])}\n`);
    const r = await runCli(['ci', 'pr-comment', '--markdown', 'plan.md', '--comments', 'comments.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ action: 'update', commentId: 8, body: md, reason: expect.any(String) });
  });

  test('creates one when there are no comments (no --comments file)', async () => {
    write('plan.md', md);
    const r = await runCli(['ci', 'pr-comment', '--markdown', 'plan.md'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'create', body: md });
  });

  test('a plan that failed before printing gets a failure comment', async () => {
    write('empty.md', '');
    const r = await runCli(['ci', 'pr-comment', '--markdown', 'empty.md', '--exit-code', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.action).toBe('create');
    expect(d.body).toMatch(/^<!-- okta-ou:plan -->\n/);
    expect(d.body).toContain('exit code 1');
  });

  test('an empty Markdown file without a failing exit code is an error', async () => {
    write('empty.md', '');
    const r = await runCli(['ci', 'pr-comment', '--markdown', 'empty.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty.md is missing or empty');
  });

  test('--plan puts the digest of its changes into the marker', async () => {
    write('plan.md', md);
    write('plan.json', renderPlanJson(drift));
    const r = await runCli(['ci', 'pr-comment', '--markdown', 'plan.md', '--plan', 'plan.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).body).toBe(`<!-- okta-ou:plan ${changesDigest(drift)} -->\n${md.split('\n').slice(1).join('\n')}`);
  });

  test('files that do not validate: the findings table, linked to the lines of --commit', async () => {
    write('validate.json', JSON.stringify({ files: ['mappings/corp.yaml'], findings: [{ code: 'SCHEMA', severity: 'error', message: 'unknown key "bogus"', file: 'mappings/corp.yaml', line: 3, column: 5 }], summary: { errors: 1 } }));
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/okta' };
    const r = await runCli(['ci', 'pr-comment', '--markdown', 'absent.md', '--findings', 'validate.json', '--exit-code', '1', '--commit', 'f00d'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout).body as string;
    expect(body).toContain('The mapping files do not validate: 1 error.');
    expect(body).toContain('<a href="https://github.com/acme/okta/blob/f00d/mappings/corp.yaml#L3"><code>mappings/corp.yaml:3:5</code></a>');
  });

  test('--skipped: a comment that says the plan did not run and why', async () => {
    const r = await runCli(['ci', 'pr-comment', '--skipped', 'no read-only Okta credentials (OKTA_READONLY_* secrets) in this repository'], { cwd: dir });
    const body = JSON.parse(r.stdout).body as string;
    expect(body).toBe('<!-- okta-ou:plan -->\n## okta-ou plan\n\n> [!NOTE]\n> **Not planned:** no read-only Okta credentials (OKTA\\_READONLY\\_\\* secrets) in this repository. The mapping files were validated.\n');
  });
});

describe('okta-ou ci drift-issue --org (a matrix of Okta orgs)', () => {
  test('each org has its own issue: title and marker name the org; another org’s issue is left alone', async () => {
    write('plan.json', renderPlanJson(drift));
    const other = { number: 4, title: `${DRIFT_ISSUE_TITLE} (preview)`, body: `${driftMarker(driftDigest(drift), 'preview')}\n…`, state: 'OPEN' };
    write('issues-org.json', JSON.stringify([other, { number: 5, title: DRIFT_ISSUE_TITLE, body: `${driftMarker(driftDigest(drift))}\n…`, state: 'OPEN' }]));
    const r = await runCli(['ci', 'drift-issue', '--plan', 'plan.json', '--exit-code', '2', '--existing-issue', 'issues-org.json', '--org', 'production'], { cwd: dir });
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ action: 'open', title: `${DRIFT_ISSUE_TITLE} (production)` });
    expect(d.body.split('\n')[0]).toBe(driftMarker(driftDigest(drift), 'production'));
    const same = await runCli(['ci', 'drift-issue', '--plan', 'plan.json', '--exit-code', '2', '--existing-issue', 'issues-org.json', '--org', 'preview'], { cwd: dir });
    expect(JSON.parse(same.stdout)).toMatchObject({ action: 'none', issueNumber: 4 });
  });
});
