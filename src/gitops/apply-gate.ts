/**
 * Apply what was reviewed: after the merge, the plan about to be applied is compared with the last plan
 * the bot posted on the merged pull request (the changes digest in its marker, pr-comment.ts). Equal:
 * apply. Different, missing, or no pull request: refuse, and say why on the pull request. A run started
 * by hand applies only the plan whose digest the admin names (`--approved-digest`), after reading it in
 * the run's summary. Pure; `okta-ou ci apply-check` prints the decision.
 */
import type { Plan } from '../model/types';
import { changesDigest } from './drift-digest';
import { type PrComment, botPlanComments, readPlanDigest } from './pr-comment';
import { plural } from '../render/plural';

export interface ApplyGateInput {
  /** The plan of the merged commit, about to be applied. */
  plan: Plan;
  /** The merged pull request, when one was found for the commit. */
  pr?: number;
  /** That pull request's comments. */
  comments: PrComment[];
  /** The login the plan comments are posted as. */
  author: string;
  /** The org's name, when a matrix plans several (its own plan comment). */
  org?: string;
  /** A run by hand: the digest of the plan the admin reviewed. */
  approvedDigest?: string;
  runUrl?: string;
}

export interface ApplyGateDecision {
  action: 'apply' | 'nothing' | 'refuse';
  /** The digest of the plan about to be applied. */
  digest: string;
  /** The digest that was reviewed, when one was found. */
  reviewedDigest?: string;
  reason: string;
  /** refuse: the comment for the merged pull request (none without a pull request). */
  comment?: string;
}

/** First line of every apply-result comment (never a plan comment's marker). */
export const APPLY_MARKER = '<!-- okta-ou:apply -->';

function refusal(input: ApplyGateInput, digest: string, why: string, reviewedDigest?: string): ApplyGateDecision {
  const comment = [
    APPLY_MARKER,
    '## okta-ou apply: refused',
    '',
    '> [!CAUTION]',
    `> **Nothing was applied.** ${why}`,
    '',
    `The plan for the merged commit has ${plural(input.plan.changes.length, 'change')} (\`${digest}\`)${reviewedDigest ? `; the plan reviewed here had \`${reviewedDigest}\`` : ''}.`,
    'Okta may have changed since the plan was posted, or other changes reached the base branch after it.',
    `Read the plan it would apply${input.runUrl ? ` in ${input.runUrl}` : ' in the apply run’s summary'}; if it is right, run the apply workflow by hand with \`approved-digest: ${digest}\`, or open a pull request that makes the plan what you want.`,
    '',
  ].join('\n');
  return { action: 'refuse', digest, ...(reviewedDigest ? { reviewedDigest } : {}), reason: why, ...(input.pr !== undefined ? { comment } : {}) };
}

export function decideApplyGate(input: ApplyGateInput): ApplyGateDecision {
  const digest = changesDigest(input.plan);
  if (input.plan.changes.length === 0) return { action: 'nothing', digest, reason: 'the plan has no changes: Okta already matches the files' };
  if (input.approvedDigest !== undefined) {
    if (input.approvedDigest === digest) return { action: 'apply', digest, reviewedDigest: digest, reason: 'the plan is the one approved by hand (same digest)' };
    return refusal(input, digest, `The plan now is not the one approved by hand (${input.approvedDigest}).`, input.approvedDigest);
  }
  if (input.pr === undefined) return refusal(input, digest, 'No merged pull request was found for this commit, so no plan was reviewed.');
  const posted = botPlanComments(input.comments, input.author, input.org)[0];
  if (!posted) return refusal(input, digest, `Pull request #${input.pr} has no plan comment by ${input.author}, so no plan was reviewed.`);
  const reviewed = readPlanDigest(posted.body);
  if (!reviewed) return refusal(input, digest, `The plan comment on pull request #${input.pr} carries no digest (posted by an older okta-ou, or the plan failed).`);
  if (reviewed !== digest) return refusal(input, digest, `The plan for the merged commit differs from the last plan posted on pull request #${input.pr}.`, reviewed);
  return { action: 'apply', digest, reviewedDigest: reviewed, reason: `the plan is the one last posted on pull request #${input.pr} (same digest)` };
}
