/**
 * Which pull-request comment carries the plan, and what it says when there is no plan to show. The one
 * comment that starts with the hidden marker AND was written by the bot that posts plans is updated in
 * place, so a PR gets one plan comment however often it is pushed to (docs/anchors.md §10.14), and a
 * person's comment that quotes or copies the marker is never overwritten. The marker carries a digest
 * of the plan's changes, which the apply after the merge compares with (apply-gate.ts). Pure; the
 * workflow carries out the decision with `gh api`.
 */
import type { Finding } from '../model/types';
import { PLAN_MARKER, renderFindingsTableMarkdown } from '../render/markdown';
import { escapeMarkdown as esc } from '../render/markdown-escape';
import { plural } from '../render/plural';
import { explainPlanFailure } from './exit-codes';

/** The login GitHub Actions' own token posts as. */
export const DEFAULT_BOT = 'github-actions[bot]';

export interface PrComment {
  id: number;
  body: string;
  /** The author's login (`user.login` in GitHub's API). */
  author?: string;
}

export interface PrCommentDecision {
  action: 'create' | 'update' | 'none';
  /** update/none: the comment that holds the plan. */
  commentId?: number;
  body: string;
  reason: string;
}

/** `org=NAME`: one comment per Okta org when a workflow matrix plans several (none for a single org). */
const MARKER_RE = /^<!-- okta-ou:plan(?: org=([A-Za-z0-9._-]+))?(?: (sha256:[0-9a-f]{64}))? -->/;

/** The first line of a plan comment for `org`'s plan whose changes have this digest. */
export function planMarker(digest?: string, org?: string): string {
  return `<!-- okta-ou:plan${org ? ` org=${org}` : ''}${digest ? ` ${digest}` : ''} -->`;
}

/** Only a body that starts with the marker is a plan comment (of `org`): a reply quoting it starts with "> ". */
export function isPlanComment(body: string, org?: string): boolean {
  const m = MARKER_RE.exec(body.trimStart());
  return m !== null && m[1] === org;
}

/** The changes digest in a plan comment's marker, if it has one. */
export function readPlanDigest(body: string): string | undefined {
  return MARKER_RE.exec(body.trimStart())?.[2];
}

/** `markdown` with its first line made the marker for `digest` and `org` (added when missing). */
export function withPlanMarker(markdown: string, digest?: string, org?: string): string {
  const rest = MARKER_RE.test(markdown.trimStart()) ? markdown.trimStart().replace(MARKER_RE, '').replace(/^\r?\n/, '') : markdown;
  return `${planMarker(digest, org)}\n${rest}`;
}

/** The plan comments (of `org`) `author` wrote, oldest first. */
export function botPlanComments(comments: readonly PrComment[], author: string, org?: string): PrComment[] {
  return comments.filter((c) => c.author === author && isPlanComment(c.body, org)).sort((a, b) => a.id - b.id);
}

/** A plan comment for a plan run that produced no Markdown (e.g. an auth failure). */
export function planFailureComment(exitCode: number): string {
  return `${PLAN_MARKER}\n## okta-ou plan\n\n> [!CAUTION]\n> ${explainPlanFailure(exitCode)}.\n`;
}

/** Validation failed before it reached the files (e.g. no mappings folder): no findings to show, and no plan ran. */
export function validateFailureComment(exitCode: number): string {
  return (
    `${PLAN_MARKER}\n## okta-ou plan\n\n> [!CAUTION]\n> **okta-ou validate failed (exit code ${exitCode}) before it could check the mapping files**, ` +
    'for example because the mappings folder does not exist. Nothing was planned; see the validate step\u2019s log.\n'
  );
}

/** The comment when the files do not validate: nothing was planned; the findings, linked to their lines. */
export function validationFailureComment(findings: readonly Finding[], link?: (f: Finding) => string | undefined): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    `${PLAN_MARKER}\n## okta-ou plan\n\n> [!CAUTION]\n> **The mapping files do not validate: ${plural(errors, 'error')}.** Nothing was planned; ` +
    'fix the findings below (they are also marked on the diff) and push again.\n\n' +
    `${renderFindingsTableMarkdown(findings, link)}\n`
  );
}

/** The comment when the plan was skipped (no read-only credentials): say so, and what to do. */
export function planSkippedComment(reason: string): string {
  return `${PLAN_MARKER}\n## okta-ou plan\n\n> [!NOTE]\n> **Not planned:** ${esc(reason)}. The mapping files were validated.\n`;
}

/** A link to `file` at `line` of `commit` on GitHub, for the findings table. */
export function findingLink(server: string, repo: string, commit: string): (f: Finding) => string | undefined {
  return (f) => (f.file === undefined ? undefined : `${server}/${repo}/blob/${commit}/${f.file.split('/').map(encodeURIComponent).join('/')}${f.line ? `#L${f.line}` : ''}`);
}

/**
 * Create the plan comment, or update the oldest plan comment `author` wrote; nothing when its body is
 * already this one (no notification for an unchanged plan). `markdown` gets the marker if it lacks it.
 */
export function decidePrComment(input: { markdown: string; comments: PrComment[]; author?: string; org?: string }): PrCommentDecision {
  const body = isPlanComment(input.markdown, input.org) ? input.markdown : withPlanMarker(input.markdown, readPlanDigest(input.markdown), input.org);
  const author = input.author ?? DEFAULT_BOT;
  const target = botPlanComments(input.comments, author, input.org)[0];
  if (!target) return { action: 'create', body, reason: `no plan comment by ${author} on this pull request yet` };
  if (target.body.replace(/\r\n/g, '\n').trimEnd() === body.trimEnd()) return { action: 'none', commentId: target.id, body, reason: `comment ${target.id} already shows this plan` };
  return { action: 'update', commentId: target.id, body, reason: `updating the plan comment ${target.id} in place` };
}
