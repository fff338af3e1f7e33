/**
 * `okta-ou ci apply-check` and `okta-ou ci apply-report`: the apply job's decisions (src/gitops/apply-gate.ts,
 * apply-report.ts), printed as JSON for the workflow to carry out with `gh`.
 */
import type { CliContext } from '../context';
import { EXIT, OktaOuError, UsageError } from '../../errors';
import { formatError } from '../format-error';
import {
  APPLY_MARKER,
  applyIssueTitle,
  DEFAULT_BOT,
  decideApplyGate,
  decideApplyReport,
  isApplyIssue,
  parseApplyResult,
  parseComments,
  pickIssue,
  type ApplyGateDecision,
} from '../../gitops';
import { parsePlanJson } from '../../render/json';
import { stringifySorted } from '../../model/sorted-json';
import { annotate, exitCodeOf, orgOf, prNumberOf, readOptional, runUrlFromEnv } from '../ci-io';

/** Exit 1 when refused: the apply job must fail, after posting the refusal (the decision is on stdout). */
export async function applyCheck(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const planFile = values.plan as string | undefined;
  if (planFile === undefined) throw new UsageError('--plan FILE is required', 'pass the plan of the merged commit (`okta-ou plan --out FILE`)');
  const planText = await readOptional(ctx, planFile);
  if (planText === undefined) throw new OktaOuError('CI_INPUT_UNREADABLE', `${planFile} is missing`, { hint: 'the plan step failed before writing it: see its log' });
  const commentsText = await readOptional(ctx, values.comments as string | undefined);
  const decision = decideApplyGate({
    plan: parsePlanJson(planText, planFile),
    pr: prNumberOf(values.pr),
    comments: commentsText === undefined ? [] : parseComments(commentsText),
    author: (values.author as string | undefined) ?? DEFAULT_BOT,
    org: orgOf(values.org),
    approvedDigest: (values['approved-digest'] as string | undefined)?.trim() || undefined,
    runUrl: (values['run-url'] as string | undefined) ?? runUrlFromEnv(ctx),
  });
  ctx.stdout.write(stringifySorted(decision));
  if (decision.action === 'refuse') {
    annotate(ctx, 'okta-ou apply refused', decision.reason);
    const refused = new OktaOuError('APPLY_NOT_REVIEWED', `${decision.reason} Nothing was applied.`, {
      hint: `review the plan in this run's summary; if it is right, run the apply workflow by hand with approved-digest ${decision.digest}`,
    });
    ctx.stderr.write(formatError(refused, { color: ctx.color, verbose: false }));
    return EXIT.ERROR;
  }
  ctx.stderr.write(`${decision.action}: ${decision.reason}\n`);
  return EXIT.OK;
}

function parseGate(text: string | undefined, file: string): ApplyGateDecision | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as ApplyGateDecision;
  } catch (e) {
    throw new OktaOuError('CI_INPUT_INVALID', `${file} is not JSON: ${(e as Error).message}`, { hint: 'pass the output of `okta-ou ci apply-check`' });
  }
}

/** Always exit 0: the report is carried out; the apply step's own exit code fails the job. */
export async function applyReport(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const gateFile = values.gate as string | undefined;
  const gate = gateFile === undefined ? undefined : parseGate(await readOptional(ctx, gateFile), gateFile);
  const refused = gate?.action === 'refuse';
  const nothingToApply = gate?.action === 'nothing';
  const exitCode = exitCodeOf(values['exit-code'], !refused && !nothingToApply);
  const planFile = values.plan as string | undefined;
  const planText = await readOptional(ctx, planFile);
  const resultText = await readOptional(ctx, values.result as string | undefined);
  const issuesText = await readOptional(ctx, values['existing-issue'] as string | undefined);
  const pr = prNumberOf(values.pr);
  const org = orgOf(values.org);
  const report = decideApplyReport({
    exitCode,
    result: resultText === undefined || resultText.trim() === '' ? undefined : parseApplyResult(resultText),
    plan: planText === undefined ? undefined : parsePlanJson(planText, planFile),
    refusal: refused ? (gate.comment ?? `${APPLY_MARKER}\n## okta-ou apply: refused\n\n${gate.reason} Nothing was applied.\n`) : undefined,
    nothingToApply,
    existing: issuesText === undefined ? undefined : pickIssue(issuesText, applyIssueTitle(org), (body) => isApplyIssue(body, org)),
    org,
    runUrl: (values['run-url'] as string | undefined) ?? runUrlFromEnv(ctx),
    pr,
  });
  ctx.stdout.write(stringifySorted(report));
  ctx.stderr.write(`${report.status}: issue ${report.issue.action}\n`);
  return EXIT.OK;
}
