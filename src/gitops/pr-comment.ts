/**
 * Which pull-request comment carries the plan: the one whose body starts with the hidden marker is
 * updated in place, so a PR gets one plan comment however often it is pushed to (docs/anchors.md §10.14).
 * Pure; the workflow carries out the decision with `gh api`.
 */
import { PLAN_MARKER } from '../render/markdown';
import { explainPlanFailure } from './exit-codes';

export interface PrComment {
  id: number;
  body: string;
}

export interface PrCommentDecision {
  action: 'create' | 'update' | 'none';
  /** update/none: the comment that holds the plan. */
  commentId?: number;
  body: string;
  reason: string;
}

/** Only a body that starts with the marker is ours: a reply quoting it starts with "> ". */
function isPlanComment(body: string): boolean {
  return body.trimStart().startsWith(PLAN_MARKER);
}

/** A plan comment for a plan run that produced no Markdown (e.g. the files do not validate). */
export function planFailureComment(exitCode: number): string {
  return `${PLAN_MARKER}\n## okta-ou plan\n\n> [!CAUTION]\n> ${explainPlanFailure(exitCode)}.\n`;
}

/**
 * Create the plan comment, or update the oldest comment holding the marker; nothing when its body is
 * already this plan (no notification for an unchanged plan). `markdown` gets the marker if it lacks it.
 */
export function decidePrComment(input: { markdown: string; comments: PrComment[] }): PrCommentDecision {
  const body = isPlanComment(input.markdown) ? input.markdown : `${PLAN_MARKER}\n${input.markdown}`;
  const ours = input.comments.filter((c) => isPlanComment(c.body)).sort((a, b) => a.id - b.id);
  const target = ours[0];
  if (!target) return { action: 'create', body, reason: 'no plan comment on this pull request yet' };
  if (target.body.replace(/\r\n/g, '\n').trimEnd() === body.trimEnd()) return { action: 'none', commentId: target.id, body, reason: `comment ${target.id} already shows this plan` };
  return { action: 'update', commentId: target.id, body, reason: `updating the plan comment ${target.id} in place` };
}
