/**
 * `okta-ou ci <drift-issue|pr-comment>`: the decisions a CI workflow acts on, printed as JSON, so the
 * workflow YAML only carries them out with `gh` (logic in okta-ou, tested, not in YAML).
 * Exit 0 with the decision on stdout; exit 1 when the decision is `fail` (the drift job must fail loudly
 * on an error or an auth failure, never report it as drift).
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { EXIT, OktaOuError, UsageError } from '../../errors';
import { formatError } from '../format-error';
import { decideDriftIssue, decidePrComment, parseComments, pickDriftIssue, planFailureComment } from '../../gitops';
import { parsePlanJson } from '../../render/json';
import { stringifySorted } from '../../model/sorted-json';

async function readOptional(ctx: CliContext, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OktaOuError('CI_INPUT_UNREADABLE', `cannot read ${file}: ${(e as Error).message}`, {
      hint: 'check the path and its permissions: it is the file an earlier workflow step wrote (okta-ou plan --out, gh … > FILE)',
    });
  }
}

function exitCodeOf(value: unknown, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) throw new UsageError('--exit-code is required', 'pass the exit code of `okta-ou plan --detailed-exitcode`');
    return undefined;
  }
  const s = String(value);
  if (!/^\d{1,3}$/.test(s))
    throw new UsageError(`--exit-code must be a number, got "${s}"`, 'pass the exit code of `okta-ou plan --detailed-exitcode` (0 to 4), e.g. --exit-code "$?" right after it');
  return Number(s);
}

/** On GitHub Actions, also raise an error annotation so the failure is visible on the run page. */
function annotate(ctx: CliContext, title: string, message: string): void {
  if (ctx.env.GITHUB_ACTIONS === 'true') ctx.stderr.write(`::error title=${title}::${message.replace(/\r?\n/g, ' ')}\n`);
}

async function driftIssue(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const exitCode = exitCodeOf(values['exit-code'], true)!;
  const planFile = values.plan as string | undefined;
  const planText = await readOptional(ctx, planFile);
  // A failed plan may have left no (or half a) file: only read it when the exit code says there is drift.
  const plan = planText !== undefined && (exitCode === EXIT.CHANGES || exitCode === EXIT.UNSAFE) ? parsePlanJson(planText, planFile) : undefined;
  const issuesText = await readOptional(ctx, values['existing-issue'] as string | undefined);
  const existing = issuesText === undefined ? undefined : pickDriftIssue(issuesText);
  const runUrl = (values['run-url'] as string | undefined) ?? runUrlFromEnv(ctx);
  const decision = decideDriftIssue({ exitCode, plan, existing, runUrl });
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

function runUrlFromEnv(ctx: CliContext): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = ctx.env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

async function prComment(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const exitCode = exitCodeOf(values['exit-code'], false);
  const file = values.markdown as string | undefined;
  if (file === undefined) throw new UsageError('--markdown FILE is required', 'pass the output of `okta-ou plan --format markdown`');
  let markdown = await readOptional(ctx, file);
  if (markdown === undefined || markdown.trim() === '') {
    if (exitCode === undefined || exitCode === EXIT.OK || exitCode === EXIT.CHANGES) {
      throw new OktaOuError('CI_INPUT_UNREADABLE', `${file} is missing or empty`, { hint: 'pass --exit-code N when the plan failed, to post a failure comment' });
    }
    markdown = planFailureComment(exitCode);
  }
  const commentsText = await readOptional(ctx, values.comments as string | undefined);
  const decision = decidePrComment({ markdown, comments: commentsText === undefined ? [] : parseComments(commentsText) });
  ctx.stdout.write(stringifySorted(decision));
  ctx.stderr.write(`${decision.action}: ${decision.reason}\n`);
  return EXIT.OK;
}

export const ciCommand: Command = {
  name: 'ci',
  summary: 'decide what CI posts: the drift issue, the PR plan comment (prints JSON for gh)',
  usage: `Usage: okta-ou ci drift-issue --exit-code N [--plan FILE] [--existing-issue FILE] [--run-url URL]
       okta-ou ci pr-comment --markdown FILE [--comments FILE] [--exit-code N]

Prints a decision as JSON on stdout for a workflow to carry out with gh; all the logic is here, tested.

drift-issue: from the exit code of \`okta-ou plan --detailed-exitcode --out FILE\` and the plan it wrote:
  {"action": "open"|"update"|"close"|"none"|"fail", "title", "body", "reason", "issueNumber"?, "digest"?}
  2 (drift) or 3 (unsafe drift): open the drift issue, or update it when the drift changed (a digest in a
  hidden marker; the same drift is not re-posted); 0: close the open drift issue with a note;
  1 or 4: "fail", and exit 1: an error or an auth failure is never reported as drift.
  --existing-issue: \`gh issue list --state all --json number,title,body,state\` output (ours is found by
  its title or marker). --run-url defaults to this GitHub Actions run.

pr-comment: {"action": "create"|"update"|"none", "commentId"?, "body", "reason"}: one comment per pull
  request, found by its hidden first line <!-- okta-ou:plan --> and updated in place.
  --comments: \`gh api --paginate repos/OWNER/REPO/issues/N/comments\` output. With --exit-code N and an
  empty Markdown file (the plan failed before printing), the body says why the plan failed.

Examples:
  okta-ou ci drift-issue --plan plan.json --exit-code 2 --existing-issue issues.json > decision.json
  okta-ou ci pr-comment --markdown plan.md --comments comments.json | jq -r .action
`,
  options: {
    plan: { type: 'string' },
    'exit-code': { type: 'string' },
    'existing-issue': { type: 'string' },
    'run-url': { type: 'string' },
    markdown: { type: 'string' },
    comments: { type: 'string' },
  },
  positionals: true,
  async run(ctx, _global, values, positionals) {
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, 'see okta-ou ci --help');
    if (sub === 'drift-issue') return driftIssue(ctx, values);
    if (sub === 'pr-comment') return prComment(ctx, values);
    throw new UsageError(sub ? `unknown ci subcommand "${sub}"` : 'missing ci subcommand', 'one of: drift-issue, pr-comment; see okta-ou ci --help');
  },
};
