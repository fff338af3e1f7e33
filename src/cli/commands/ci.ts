/**
 * `okta-ou ci <drift-issue|pr-comment|apply-check|apply-report>`: the decisions a CI workflow acts on,
 * printed as JSON, so the workflow YAML only carries them out with `gh` (logic in okta-ou, tested, not in
 * YAML). Exit 0 with the decision on stdout; exit 1 when the decision is `fail` (the drift job must fail
 * loudly on an error or an auth failure, never report it as drift) or an apply is refused.
 */
import type { Command } from '../command';
import type { CliContext } from '../context';
import { EXIT, OktaOuError, UsageError } from '../../errors';
import { formatError } from '../format-error';
import {
  DEFAULT_BOT,
  changesDigest,
  decideDriftIssue,
  decidePrComment,
  findingLink,
  parseComments,
  parseValidateFindings,
  pickDriftIssue,
  planFailureComment,
  planSkippedComment,
  validateFailureComment,
  validationFailureComment,
  withPlanMarker,
} from '../../gitops';
import { parsePlanJson } from '../../render/json';
import { stringifySorted } from '../../model/sorted-json';
import { annotate, exitCodeOf, orgOf, readOptional, runUrlFromEnv } from '../ci-io';
import { applyCheck, applyReport } from './ci-apply';

async function driftIssue(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const exitCode = exitCodeOf(values['exit-code'], true)!;
  const planFile = values.plan as string | undefined;
  const planText = await readOptional(ctx, planFile);
  // A failed plan may have left no (or half a) file: only read it when the exit code says there is drift.
  const plan = planText !== undefined && (exitCode === EXIT.CHANGES || exitCode === EXIT.UNSAFE) ? parsePlanJson(planText, planFile) : undefined;
  const issuesText = await readOptional(ctx, values['existing-issue'] as string | undefined);
  const org = orgOf(values.org);
  const existing = issuesText === undefined ? undefined : pickDriftIssue(issuesText, org);
  const runUrl = (values['run-url'] as string | undefined) ?? runUrlFromEnv(ctx);
  const decision = decideDriftIssue({ exitCode, plan, existing, runUrl, org });
  ctx.stdout.write(stringifySorted(decision));
  if (decision.action === 'fail') {
    annotate(ctx, 'okta-ou drift check failed', decision.reason);
    const failed = new OktaOuError('DRIFT_CHECK_FAILED', decision.reason, {
      hint: 'this is an error, not drift; the drift issue was left alone: fix the plan step, then re-run the job',
    });
    ctx.stderr.write(formatError(failed, { color: ctx.color, verbose: false }));
    return failed.exitCode;
  }
  ctx.stderr.write(`${decision.action}: ${decision.reason}\n`);
  return EXIT.OK;
}

/** The comment's Markdown: the plan's, or why there is no plan (skipped, files invalid, plan failed). */
async function commentMarkdown(ctx: CliContext, values: Record<string, unknown>, exitCode: number | undefined): Promise<string> {
  const skipped = values.skipped as string | undefined;
  if (skipped !== undefined) return planSkippedComment(skipped);
  const file = values.markdown as string | undefined;
  const findingsFile = values.findings as string | undefined;
  if (file === undefined && findingsFile === undefined) throw new UsageError('--markdown FILE is required', 'pass the output of `okta-ou plan --format markdown` (or --findings, --skipped)');
  const markdown = await readOptional(ctx, file);
  if (markdown !== undefined && markdown.trim() !== '') {
    const planFile = values.plan as string | undefined;
    const planText = await readOptional(ctx, planFile);
    // The digest of the changes rides in the marker: the apply after the merge compares with it.
    return planText === undefined ? markdown : withPlanMarker(markdown, changesDigest(parsePlanJson(planText, planFile)));
  }
  const findingsText = await readOptional(ctx, findingsFile);
  const findings = findingsText === undefined ? [] : parseValidateFindings(findingsText);
  if (findings.some((f) => f.severity === 'error')) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = ctx.env;
    const commit = values.commit as string | undefined;
    return validationFailureComment(findings, server && repo && commit ? findingLink(server, repo, commit) : undefined);
  }
  if (exitCode === undefined || exitCode === EXIT.OK || exitCode === EXIT.CHANGES) {
    throw new OktaOuError('CI_INPUT_UNREADABLE', `${file ?? findingsFile} is missing or empty`, { hint: 'pass --exit-code N when the plan failed, to post a failure comment' });
  }
  // --findings without an error finding: validate failed before reading the files; the plan never ran.
  return findingsFile !== undefined && file === undefined ? validateFailureComment(exitCode) : planFailureComment(exitCode);
}

async function prComment(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const exitCode = exitCodeOf(values['exit-code'], false);
  const markdown = await commentMarkdown(ctx, values, exitCode);
  const commentsText = await readOptional(ctx, values.comments as string | undefined);
  const author = (values.author as string | undefined) ?? DEFAULT_BOT;
  const org = orgOf(values.org);
  const titled = org ? markdown.replace(/\n## okta-ou plan\n/, `\n## okta-ou plan: ${org}\n`) : markdown;
  const decision = decidePrComment({ markdown: titled, comments: commentsText === undefined ? [] : parseComments(commentsText), author, org });
  ctx.stdout.write(stringifySorted(decision));
  ctx.stderr.write(`${decision.action}: ${decision.reason}\n`);
  return EXIT.OK;
}

export const ciCommand: Command = {
  name: 'ci',
  summary: 'decide what CI posts and applies: drift issue, PR plan comment, apply check and report (JSON for gh)',
  usage: `Usage: okta-ou ci drift-issue --exit-code N [--plan FILE] [--existing-issue FILE] [--run-url URL] [--org NAME]
       okta-ou ci pr-comment (--markdown FILE [--plan FILE] | --findings FILE | --skipped REASON)
                             [--comments FILE] [--author LOGIN] [--exit-code N] [--commit SHA] [--org NAME]
       okta-ou ci apply-check --plan FILE [--pr N --comments FILE] [--approved-digest D] [--author LOGIN]
                              [--org NAME]
       okta-ou ci apply-report (--exit-code N [--result FILE] [--plan FILE] | --gate FILE)
                               [--existing-issue FILE] [--pr N] [--run-url URL] [--org NAME]

Prints a decision as JSON on stdout for a workflow to carry out with gh; all the logic is here, tested.

drift-issue: from the exit code of \`okta-ou plan --detailed-exitcode --out FILE\` and the plan it wrote:
  {"action": "open"|"update"|"close"|"none"|"fail", "title", "body", "reason", "issueNumber"?, "digest"?}
  2 (drift) or 3 (unsafe drift): open the drift issue, or update it when the drift changed (a digest in a
  hidden marker; the same drift is not re-posted); 0: close the open drift issue with a note;
  1 or 4: "fail", and exit 1: an error or an auth failure is never reported as drift.
  --existing-issue: \`gh issue list --state all --json number,title,body,state\` output (ours is found by
  its title or marker). --run-url defaults to this GitHub Actions run. --org NAME: one issue per Okta
  org when a matrix checks several (the title and the marker name the org).

pr-comment: {"action": "create"|"update"|"none", "commentId"?, "body", "reason"}: one comment per pull
  request, the one that starts with the hidden marker <!-- okta-ou:plan … --> AND was written by
  --author (default github-actions[bot]); a person's comment quoting the marker is never touched.
  --comments: \`gh api --paginate repos/OWNER/REPO/issues/N/comments\` output. --plan: the JSON plan of
  the same run; the digest of its changes goes into the marker (apply-check compares with it).
  --findings: \`okta-ou validate --format json\` output; when the files do not validate, the comment is
  the findings table, each place linked to its line at --commit. --skipped REASON: the plan was not
  run (e.g. no read-only credentials). --org NAME: one comment per Okta org when a matrix plans
  several (the marker names the org). With --exit-code N and an empty Markdown file (the plan failed
  before printing), the body says why the plan failed.

apply-check: {"action": "apply"|"nothing"|"refuse", "digest", "reviewedDigest"?, "reason", "comment"?}:
  the plan about to be applied must be the plan last posted on the merged pull request --pr (its
  comments in --comments), or, in a run by hand, the one whose digest --approved-digest names.
  Refused: exit 1, and "comment" is for the pull request.

apply-report: {"status": "applied"|"nothing"|"partial"|"failed"|"refused", "comment", "issue": {"action":
  "open"|"update"|"close"|"none", "title", "body", "issueNumber"?}}: the comment for the merged pull
  request, and the one apply-failure issue to open or update (closed again by a successful apply).
  --result: \`okta-ou apply PLAN --format json\` output; --gate: apply-check's output.

Examples:
  okta-ou ci drift-issue --plan plan.json --exit-code 2 --existing-issue issues.json > decision.json
  okta-ou ci pr-comment --markdown plan.md --plan plan.json --comments comments.json | jq -r .action
  okta-ou ci apply-check --plan plan.json --pr 42 --comments comments.json > gate.json
  okta-ou ci apply-report --exit-code 1 --result result.json --plan plan.json --pr 42 > report.json
`,
  options: {
    plan: { type: 'string' },
    'exit-code': { type: 'string' },
    'existing-issue': { type: 'string' },
    'run-url': { type: 'string' },
    markdown: { type: 'string' },
    comments: { type: 'string' },
    author: { type: 'string' },
    findings: { type: 'string' },
    commit: { type: 'string' },
    skipped: { type: 'string' },
    pr: { type: 'string' },
    'approved-digest': { type: 'string' },
    result: { type: 'string' },
    gate: { type: 'string' },
    org: { type: 'string' },
  },
  positionals: true,
  async run(ctx, _global, values, positionals) {
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, 'see okta-ou ci --help');
    if (sub === 'drift-issue') return driftIssue(ctx, values);
    if (sub === 'pr-comment') return prComment(ctx, values);
    if (sub === 'apply-check') return applyCheck(ctx, values);
    if (sub === 'apply-report') return applyReport(ctx, values);
    throw new UsageError(sub ? `unknown ci subcommand "${sub}"` : 'missing ci subcommand', 'one of: drift-issue, pr-comment, apply-check, apply-report; see okta-ou ci --help');
  },
};
