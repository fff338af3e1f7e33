/**
 * What the apply job reports after it ran (or refused): one comment on the merged pull request for every
 * outcome (applied, nothing to do, partial, failed, refused), and ONE issue that a failed, partial or
 * refused apply opens or updates, and a later successful apply closes (like the drift issue). Pure;
 * `okta-ou ci apply-report` prints it for the workflow to carry out with `gh`.
 */
import type { Plan } from '../model/types';
import type { ApplyResult } from '../apply/execute';
import { renderApplyResultText } from '../apply/render-result';
import { EXIT } from '../errors';
import type { ExistingIssue } from './drift-issue';
import { APPLY_MARKER } from './apply-gate';
import { changesDigest } from './drift-digest';

export const APPLY_ISSUE_TITLE = 'okta-ou: apply failed; Okta does not match the merged mappings';
export const APPLY_ISSUE_MARKER = '<!-- okta-ou:apply-failed -->';

/** `org`: one apply issue per Okta org when a workflow matrix applies to several. */
export function applyIssueTitle(org?: string): string {
  return org ? `${APPLY_ISSUE_TITLE} (${org})` : APPLY_ISSUE_TITLE;
}

export function applyIssueMarker(org?: string): string {
  return org ? `<!-- okta-ou:apply-failed org=${org} -->` : APPLY_ISSUE_MARKER;
}

/** Whether an issue body is the apply issue's (of `org`): its first line is the marker. */
export function isApplyIssue(body: string, org?: string): boolean {
  return body.trimStart().split('\n', 1)[0]!.trim() === applyIssueMarker(org);
}

export type ApplyStatus = 'applied' | 'nothing' | 'partial' | 'failed' | 'refused';

export interface ApplyReportInput {
  /** Exit code of `okta-ou apply PLAN --format json` (ignored when refused). */
  exitCode?: number;
  /** Its JSON result, when it printed one. */
  result?: ApplyResult;
  plan?: Plan;
  /** The apply gate's refusal comment, when the gate refused. */
  refusal?: string;
  /** The apply gate found nothing to apply (no apply ran). */
  nothingToApply?: boolean;
  existing?: ExistingIssue;
  runUrl?: string;
  pr?: number;
  /** The Okta org's short name, when a matrix applies to several (one issue each). */
  org?: string;
}

export interface ApplyReport {
  status: ApplyStatus;
  /** For the merged pull request. */
  comment: string;
  issue: { action: 'open' | 'update' | 'close' | 'none'; title: string; body: string; issueNumber?: number };
}

const HEAD: Record<ApplyStatus, string> = {
  applied: '## okta-ou apply: applied',
  nothing: '## okta-ou apply: nothing to apply',
  partial: '## okta-ou apply: partly applied',
  failed: '## okta-ou apply: failed',
  refused: '## okta-ou apply: refused',
};

function statusOf(input: ApplyReportInput): ApplyStatus {
  if (input.refusal !== undefined) return 'refused';
  // Unsafe without --force: the gate never ran, nothing was written; re-running cannot help, forcing can.
  if (input.exitCode === EXIT.UNSAFE && !input.result) return 'refused';
  if (input.nothingToApply) return 'nothing';
  const r = input.result;
  if (input.exitCode === EXIT.OK && r && !r.failed && !r.interrupted) return r.requests.total === 0 ? 'nothing' : 'applied';
  if (r && (r.applied.length > 0 || r.partial.length > 0 || r.unverified.length > 0)) return 'partial';
  return 'failed';
}

/** The result as a fenced block: it quotes group names, which must stay literal (no mentions, no HTML). */
function fenced(text: string): string {
  return `\`\`\`\`text\n${text.replace(/`{4,}/g, (m) => m.replace(/`/g, "'")).trimEnd()}\n\`\`\`\`\n`;
}

function resultComment(status: ApplyStatus, input: ApplyReportInput): string {
  const lines = [APPLY_MARKER, HEAD[status], ''];
  if (status === 'nothing') lines.push('Okta already matched the merged mapping files; nothing was written.');
  else if (input.plan && input.result) lines.push(fenced(renderApplyResultText(input.plan, input.result)));
  else lines.push(`okta-ou exited ${input.exitCode ?? 'without an exit code'} before applying anything; see the job’s log.`);
  if (status === 'partial' || status === 'failed') lines.push('', 'Okta does not match the merged files. Fix the cause, then re-run the apply workflow (it plans again and applies what is left); nothing done was undone.');
  if (input.runUrl) lines.push('', `Run: ${input.runUrl}`);
  return `${lines.join('\n')}\n`;
}

/** The merged commit's plan exceeds a safety threshold: what it would take to apply it anyway. */
function unsafeComment(input: ApplyReportInput): string {
  const digest = input.plan ? ` and \`approved-digest: ${changesDigest(input.plan)}\`` : '';
  const lines = [
    APPLY_MARKER,
    HEAD.refused,
    '',
    'The plan for the merged commit exceeds a safety threshold (okta-ou exited 3), so nothing was applied; the plan and its banner are in the run’s summary.',
    `If it is right, run the apply workflow by hand with **force** ticked${digest}; otherwise open a pull request that makes the plan smaller.`,
  ];
  if (input.runUrl) lines.push('', `Run: ${input.runUrl}`);
  return `${lines.join('\n')}\n`;
}

export function decideApplyReport(input: ApplyReportInput): ApplyReport {
  const status = statusOf(input);
  const comment = input.refusal ?? (status === 'refused' ? unsafeComment(input) : resultComment(status, input));
  const title = applyIssueTitle(input.org);
  const open = input.existing?.state === 'open' ? input.existing : undefined;
  if (status === 'applied' || status === 'nothing') {
    if (!open) return { status, comment, issue: { action: 'none', title, body: '' } };
    const note = `A later apply succeeded${input.pr !== undefined ? ` (pull request #${input.pr})` : ''}: Okta matches the merged mappings again. Closing.${input.runUrl ? `\n\n${input.runUrl}` : ''}\n`;
    return { status, comment, issue: { action: 'close', title, body: note, issueNumber: open.number } };
  }
  const body = [
    applyIssueMarker(input.org),
    `The last apply ${status === 'refused' ? 'was refused' : status === 'partial' ? 'stopped part-way' : 'failed'}${input.pr !== undefined ? ` after pull request #${input.pr} was merged` : ''}. This issue is updated on every failed apply and closed by the next successful one.`,
    '',
    comment.replace(`${APPLY_MARKER}\n`, ''),
  ].join('\n');
  return { status, comment, issue: open ? { action: 'update', title, body, issueNumber: open.number } : { action: 'open', title, body } };
}
