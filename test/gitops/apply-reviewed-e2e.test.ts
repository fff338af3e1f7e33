/**
 * Apply what was reviewed, end to end against the local Okta over HTTP, as the workflows run it: the pull
 * request's plan is posted (digest in the marker); after the merge the merged commit is planned again and
 * `ci apply-check` lets `apply plan.json` run only when that plan is the one posted. Someone changing
 * Okta between the review and the merge makes a different plan: refused, nothing written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { runAgainst } from '../support/sandbox';
import { oktaRequest, project, removeProjects, seeded, type Sandbox } from '../e2e/helpers';
import { corpMappings, corpOrg, liveOu } from '../support/corp-org';

const org = corpOrg({ Engineering: ['ada@example.com'], Sales: [] }, [['Engineering', 'Engineering']]);
const files = {
  'corp.yaml': corpMappings([
    ['Engineering', 'Engineering'],
    ['Sales', 'Sales'],
  ]),
};

describe('apply what was reviewed', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await seeded(org);
  });
  afterEach(async () => sb.close());
  afterAll(() => removeProjects());

  /** The pull request's plan job: plan, then the comment the bot posts (as `gh api` would list it). */
  async function reviewOnPullRequest(cwd: string): Promise<void> {
    const pr = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode', '--out', 'pr-plan.json', '--format', 'markdown']);
    expect(pr.code).toBe(2);
    fs.writeFileSync(path.join(cwd, 'plan.md'), pr.stdout);
    const decided = await runCli(['ci', 'pr-comment', '--markdown', 'plan.md', '--plan', 'pr-plan.json'], { cwd });
    const { body } = JSON.parse(decided.stdout) as { body: string };
    fs.writeFileSync(path.join(cwd, 'comments.json'), JSON.stringify([{ id: 1, body, user: { login: 'github-actions[bot]' } }]));
  }

  /** The apply job: plan the merged commit, check it against the review, apply only when it passes. */
  async function applyAfterMerge(cwd: string): Promise<{ check: number; decision: { action: string; reason: string }; applied?: number }> {
    expect((await runAgainst(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const check = await runCli(['ci', 'apply-check', '--plan', 'plan.json', '--pr', '7', '--comments', 'comments.json'], { cwd });
    const decision = JSON.parse(check.stdout) as { action: string; reason: string };
    if (decision.action !== 'apply') return { check: check.code, decision };
    return { check: check.code, decision, applied: (await runAgainst(sb, cwd, ['apply', 'plan.json', '--auto-approve'])).code };
  }

  test('the plan that was posted is applied', async () => {
    const cwd = project(files);
    await reviewOnPullRequest(cwd);
    sb.audit.length = 0;
    const r = await applyAfterMerge(cwd);
    expect(r).toEqual({ check: 0, decision: expect.objectContaining({ action: 'apply' }), applied: 0 });
    expect(sb.audit.filter((e) => e.method !== 'GET').map((e) => e.method)).toEqual(['PUT']);
  });

  test('Okta changed after the review: another plan, refused (exit 1), nothing written', async () => {
    const cwd = project(files);
    await reviewOnPullRequest(cwd);
    const app = (await oktaRequest(sb, 'GET', '/api/v1/apps?q=corp.example.com')).body as Array<{ id: string }>;
    const groups = (await oktaRequest(sb, 'GET', '/api/v1/groups?q=Sales')).body as Array<{ id: string }>;
    // An admin assigns Sales by hand, elsewhere: the plan after the merge is an update, not the reviewed create.
    const put = await oktaRequest(sb, 'PUT', `/api/v1/apps/${app[0]!.id}/groups/${groups[0]!.id}`, { priority: 1, profile: { organizationalUnit: liveOu('elsewhere') } });
    expect(put.status).toBe(200);
    sb.audit.length = 0;
    const r = await applyAfterMerge(cwd);
    expect(r).toEqual({ check: 1, decision: expect.objectContaining({ action: 'refuse', reason: 'The plan for the merged commit differs from the last plan posted on pull request #7.' }) });
    expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});
