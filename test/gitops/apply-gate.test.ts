/**
 * Apply what was reviewed: `okta-ou ci apply-check` compares the plan about to be applied with the digest
 * in the last plan comment the bot posted on the merged pull request; `okta-ou ci apply-report` turns
 * every outcome into a comment for that pull request and the one apply-failure issue.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { renderPlanJson } from '../../src/render/json';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { APPLY_ISSUE_MARKER, APPLY_ISSUE_TITLE, changesDigest, withPlanMarker } from '../../src/gitops';
import { aCreate, aPlan } from '../support/plan-fixtures';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-apply-gate-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

const BOT = { login: 'github-actions[bot]' };
const reviewed = aPlan([aCreate('corp', '00g-ENG', 'Engineering', 'ou=eng,dc=corp', 0, 5)]);
const other = aPlan([aCreate('corp', '00g-ENG', 'Engineering', 'ou=engineering,dc=corp', 0, 5)]);
const comment = (plan = reviewed, user = BOT): unknown => ({ id: 7, user, body: withPlanMarker(renderPlanMarkdown(plan), changesDigest(plan)) });

async function check(plan: typeof reviewed, comments: unknown[], extra: string[] = []): Promise<{ code: number; decision: Record<string, string>; stderr: string }> {
  write('plan.json', renderPlanJson(plan));
  write('comments.json', JSON.stringify(comments));
  const r = await runCli(['ci', 'apply-check', '--plan', 'plan.json', '--comments', 'comments.json', ...extra], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
  return { code: r.code, decision: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('okta-ou ci apply-check', () => {
  test('the plan last posted on the merged pull request: apply', async () => {
    const r = await check({ ...reviewed, createdAt: '2026-02-02T00:00:00.000Z', fingerprint: 'sha256:another-read' }, [comment()], ['--pr', '42']);
    expect(r.code).toBe(0);
    expect(r.decision).toMatchObject({ action: 'apply', digest: changesDigest(reviewed), reviewedDigest: changesDigest(reviewed) });
  });

  test('a different plan: refused with exit 1, an annotation, and a comment for the pull request naming both digests', async () => {
    const r = await check(other, [comment()], ['--pr', '42', '--run-url', 'https://ci/run/9']);
    expect(r.code).toBe(1);
    expect(r.decision).toMatchObject({ action: 'refuse', digest: changesDigest(other), reviewedDigest: changesDigest(reviewed) });
    expect(r.decision.reason).toBe('The plan for the merged commit differs from the last plan posted on pull request #42.');
    expect(r.decision.comment).toContain('## okta-ou apply: refused');
    expect(r.decision.comment).toContain(changesDigest(reviewed));
    expect(r.decision.comment).toContain(`approved-digest: ${changesDigest(other)}`);
    expect(r.decision.comment).toContain('https://ci/run/9');
    expect(r.stderr).toContain('::error title=okta-ou apply refused::The plan for the merged commit differs');
    expect(r.stderr).toContain('error APPLY_NOT_REVIEWED');
  });

  test('only the bot’s plan comment counts: a person’s comment with the right digest is not a review', async () => {
    const r = await check(reviewed, [comment(reviewed, { login: 'mallory' })], ['--pr', '42']);
    expect([r.code, r.decision.action, r.decision.reason]).toEqual([1, 'refuse', 'Pull request #42 has no plan comment by github-actions[bot], so no plan was reviewed.']);
  });

  test('a plan comment without a digest, and no pull request at all, are refused', async () => {
    const old = { id: 3, user: BOT, body: renderPlanMarkdown(reviewed) };
    expect((await check(reviewed, [old], ['--pr', '42'])).decision.reason).toMatch(/carries no digest/);
    const none = await check(reviewed, [], ['--pr', '']);
    expect(none.decision).toMatchObject({ action: 'refuse', reason: 'No merged pull request was found for this commit, so no plan was reviewed.' });
    expect(none.decision.comment).toBeUndefined();
  });

  test('a run by hand applies only the plan whose digest the admin approved', async () => {
    expect((await check(reviewed, [], ['--approved-digest', changesDigest(reviewed)])).decision.action).toBe('apply');
    const r = await check(other, [], ['--approved-digest', changesDigest(reviewed)]);
    expect([r.code, r.decision.action]).toEqual([1, 'refuse']);
  });

  test('several orgs: each org’s apply checks its own org’s plan comment', async () => {
    const prod = { id: 8, user: BOT, body: withPlanMarker(renderPlanMarkdown(other), changesDigest(other), 'production') };
    expect((await check(other, [comment(), prod], ['--pr', '42', '--org', 'production'])).decision.action).toBe('apply');
    expect((await check(other, [comment(), prod], ['--pr', '42'])).decision.action).toBe('refuse');
    expect((await check(reviewed, [comment(), prod], ['--pr', '42', '--org', 'production'])).decision.action).toBe('refuse');
  });

  test('no changes: nothing to apply, exit 0', async () => {
    const r = await check(aPlan(), [], ['--pr', '42']);
    expect([r.code, r.decision.action]).toEqual([0, 'nothing']);
  });

  test('usage: --plan is required; --pr must be a number', async () => {
    expect((await runCli(['ci', 'apply-check'], { cwd: dir })).stderr).toContain('--plan FILE is required');
    write('plan.json', renderPlanJson(reviewed));
    const r = await runCli(['ci', 'apply-check', '--plan', 'plan.json', '--pr', '#42'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('--pr must be a pull request number, got "#42"');
  });
});

describe('okta-ou ci apply-report', () => {
  const ok = { applied: ['corp/assign/00g-ENG'], failed: null, unverified: [], partial: [], notAttempted: [], verified: true, interrupted: false, mismatches: [], requests: { sent: 1, total: 1 } };
  const failed = {
    ...ok,
    applied: [],
    verified: false,
    failed: { code: 'OKTA_SERVER_ERROR', changeIds: ['corp/assign/00g-ENG'], message: 'Okta answered 500', exitCode: 1 },
    requests: { sent: 1, total: 1 },
  };
  const openIssue = JSON.stringify([{ number: 12, title: APPLY_ISSUE_TITLE, body: `${APPLY_ISSUE_MARKER}\nold`, state: 'OPEN' }]);

  async function report(args: string[]): Promise<Record<string, any>> {
    write('plan.json', renderPlanJson(reviewed));
    const r = await runCli(['ci', 'apply-report', '--plan', 'plan.json', '--pr', '42', '--run-url', 'https://ci/run/9', ...args], { cwd: dir });
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  }

  test('applied: the result on the pull request; no issue to open', async () => {
    write('result.json', JSON.stringify(ok));
    const r = await report(['--exit-code', '0', '--result', 'result.json']);
    expect(r.status).toBe('applied');
    expect(r.comment).toMatch(/^<!-- okta-ou:apply -->\n## okta-ou apply: applied\n\n````text\nApply complete: 1 of 1 change\(s\) applied and verified/);
    expect(r.issue).toEqual({ action: 'none', title: APPLY_ISSUE_TITLE, body: '' });
  });

  test('applied while an apply-failure issue is open: close it with a note', async () => {
    write('result.json', JSON.stringify(ok));
    write('issues.json', openIssue);
    const r = await report(['--exit-code', '0', '--result', 'result.json', '--existing-issue', 'issues.json']);
    expect(r.issue).toMatchObject({ action: 'close', issueNumber: 12 });
    expect(r.issue.body).toContain('pull request #42');
  });

  test('failed: comment and a new issue; a second failure updates the same issue', async () => {
    write('result.json', JSON.stringify(failed));
    const first = await report(['--exit-code', '1', '--result', 'result.json']);
    expect(first.status).toBe('failed');
    expect(first.comment).toContain('## okta-ou apply: failed');
    expect(first.comment).toContain('OKTA_SERVER_ERROR');
    expect(first.issue).toMatchObject({ action: 'open', title: APPLY_ISSUE_TITLE });
    expect(first.issue.body.startsWith(`${APPLY_ISSUE_MARKER}\n`)).toBe(true);
    write('issues.json', openIssue);
    const second = await report(['--exit-code', '1', '--result', 'result.json', '--existing-issue', 'issues.json']);
    expect(second.issue).toMatchObject({ action: 'update', issueNumber: 12 });
  });

  test('several orgs: each org has its own apply issue; one org’s success never closes another’s', async () => {
    write('result.json', JSON.stringify(failed));
    const prodIssue = { number: 20, title: `${APPLY_ISSUE_TITLE} (production)`, body: '<!-- okta-ou:apply-failed org=production -->\nold', state: 'OPEN' };
    write('issues.json', JSON.stringify([JSON.parse(openIssue)[0], prodIssue]));
    const prod = await report(['--exit-code', '1', '--result', 'result.json', '--existing-issue', 'issues.json', '--org', 'production']);
    expect(prod.issue).toMatchObject({ action: 'update', issueNumber: 20, title: `${APPLY_ISSUE_TITLE} (production)` });
    expect(prod.issue.body.split('\n')[0]).toBe('<!-- okta-ou:apply-failed org=production -->');
    write('result.json', JSON.stringify(ok));
    const preview = await report(['--exit-code', '0', '--result', 'result.json', '--existing-issue', 'issues.json', '--org', 'preview']);
    expect(preview.issue).toEqual({ action: 'none', title: `${APPLY_ISSUE_TITLE} (preview)`, body: '' });
  });

  test('partial: some changes done before the failure', async () => {
    write('result.json', JSON.stringify({ ...failed, applied: ['corp/mapping/title'] }));
    expect((await report(['--exit-code', '1', '--result', 'result.json'])).status).toBe('partial');
  });

  test('apply died before printing a result (e.g. exit 4): failed, and says where to look', async () => {
    write('empty.json', '');
    const r = await report(['--exit-code', '4', '--result', 'empty.json']);
    expect(r.status).toBe('failed');
    expect(r.comment).toContain('okta-ou exited 4 before applying anything');
  });

  test('the gate found nothing to apply: said so; an empty --result (the apply step did not run) is no result', async () => {
    write('gate.json', JSON.stringify({ action: 'nothing', digest: 'sha256:x', reason: 'no changes' }));
    const r = await report(['--gate', 'gate.json', '--exit-code', '0', '--result', '']);
    expect(r.status).toBe('nothing');
    expect(r.comment).toContain('Okta already matched the merged mapping files; nothing was written.');
  });

  test('refused: the gate’s comment, and the issue', async () => {
    write('gate.json', JSON.stringify({ action: 'refuse', digest: 'sha256:x', reason: 'different', comment: '<!-- okta-ou:apply -->\n## okta-ou apply: refused\n' }));
    const r = await report(['--gate', 'gate.json']);
    expect(r.status).toBe('refused');
    expect(r.comment).toBe('<!-- okta-ou:apply -->\n## okta-ou apply: refused\n');
    expect(r.issue.action).toBe('open');
    expect(r.issue.body).toContain('was refused after pull request #42 was merged');
  });
});
