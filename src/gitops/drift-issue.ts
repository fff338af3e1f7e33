/**
 * What the scheduled drift job does with its one drift issue, decided from `plan --detailed-exitcode`
 * (docs/design.md §2). Pure; the workflow only carries out the decision with `gh`.
 *
 * - exit 2 (changes): open the issue, or update it when the drift differs from the digest in its hidden
 *   marker; nothing when it is the same drift (no re-notification).
 * - exit 3 (unsafe): still drift (Okta and the files differ, by more than the safety threshold), so the
 *   same as exit 2, with a banner: re-applying the files would need `--force`.
 * - exit 0 (no changes): close the open issue with a note; otherwise nothing.
 * - exit 1 (error) and 4 (auth), or anything else: `fail`. An error is never reported as drift, and
 *   never closes the issue either (docs/anchors.md §10.9: a 401 is not drift).
 */
import type { Plan } from '../model/types';
import { PLAN_MARKER, renderPlanMarkdown } from '../render/markdown';
import { driftDigest } from './drift-digest';
import { EXIT } from '../errors';
import { explainPlanFailure } from './exit-codes';

export const DRIFT_ISSUE_TITLE = 'okta-ou: drift detected between mappings/ and Okta';

/** GitHub refuses issue bodies over 65,536 characters; stay clear of it. */
const MAX_BODY = 60000;

export interface ExistingIssue {
  number: number;
  body: string;
  state: 'open' | 'closed';
}

export interface DriftIssueInput {
  /** Exit code of `okta-ou plan --detailed-exitcode`. */
  exitCode: number;
  /** The plan it wrote (--out), when it wrote one. */
  plan?: Plan;
  /** The drift issue found in the repository, if any. */
  existing?: ExistingIssue;
  /** Link to the workflow run, shown in the issue. */
  runUrl?: string;
  /** The Okta org's short name, when a matrix checks several (one issue each). */
  org?: string;
}

export interface DriftIssueDecision {
  action: 'open' | 'update' | 'close' | 'none' | 'fail';
  title: string;
  /** open/update: the issue body; close: the closing comment; none/fail: empty. */
  body: string;
  reason: string;
  /** update/close: the issue to act on. */
  issueNumber?: number;
  /** open/update/none with drift: the drift digest now. */
  digest?: string;
}

/** `org`: one drift issue per Okta org when a workflow matrix checks several. */
export function driftMarker(digest: string, org?: string): string {
  return `<!-- okta-ou:drift ${org ? `org=${org} ` : ''}${digest} -->`;
}

/** The digest in an issue body's hidden marker for `org` (none: the single-org marker), if it has one. */
export function readDriftMarker(body: string, org?: string): string | undefined {
  const m = /<!-- okta-ou:drift (?:org=([A-Za-z0-9._-]+) )?(sha256:[0-9a-f]{64}) -->/.exec(body);
  return m && m[1] === org ? m[2] : undefined;
}

export function driftIssueTitle(org?: string): string {
  return org ? `${DRIFT_ISSUE_TITLE} (${org})` : DRIFT_ISSUE_TITLE;
}

function driftBody(plan: Plan, digest: string, unsafe: boolean, runUrl?: string, org?: string): string {
  const head = [
    driftMarker(digest, org),
    'The scheduled `okta-ou plan` found that Okta no longer matches the files in `mappings/`.',
    '',
    ...(unsafe
      ? [
          '> [!WARNING]',
          '> This drift exceeds a safety threshold: applying the files as they are would need `--force`. Review it before anyone applies.',
          '',
        ]
      : []),
    'Either **undo the change in Okta** by applying the files (re-run the apply workflow, or `okta-ou apply`), or, if the change in Okta is wanted, **update `mappings/`** in a pull request so the plan is empty again. This issue is updated when the drift changes and closed when it is gone.',
    ...(runUrl ? ['', `Last seen by ${runUrl}`] : []),
    '',
    '',
  ].join('\n');
  const md = renderPlanMarkdown(plan, { maxChars: MAX_BODY - head.length, title: 'Drift' });
  // The PR-comment marker belongs to PR comments only.
  return head + (md.startsWith(`${PLAN_MARKER}\n`) ? md.slice(PLAN_MARKER.length + 1) : md);
}

/** The decision for one drift run (see the module comment). */
export function decideDriftIssue(input: DriftIssueInput): DriftIssueDecision {
  const title = driftIssueTitle(input.org);
  const { exitCode, plan, existing, org } = input;
  const open = existing?.state === 'open' ? existing : undefined;

  if (exitCode === EXIT.CHANGES || exitCode === EXIT.UNSAFE) {
    if (!plan) return { action: 'fail', title, body: '', reason: `okta-ou plan exited ${exitCode} but wrote no plan; see the plan step’s log` };
    const digest = driftDigest(plan);
    const unsafe = exitCode === EXIT.UNSAFE;
    const kind = unsafe ? 'unsafe drift (over a safety threshold)' : 'drift';
    if (!open) {
      const why = existing ? `the last drift issue #${existing.number} is closed; this is new ${kind}` : `${kind} found and no drift issue is open`;
      return { action: 'open', title, body: driftBody(plan, digest, unsafe, input.runUrl, org), reason: why, digest };
    }
    if (readDriftMarker(open.body, org) === digest) {
      return { action: 'none', title, body: '', reason: `issue #${open.number} already reports this ${kind} (${digest.slice(0, 19)}…)`, issueNumber: open.number, digest };
    }
    return { action: 'update', title, body: driftBody(plan, digest, unsafe, input.runUrl, org), reason: `the ${kind} changed since issue #${open.number} was last updated`, issueNumber: open.number, digest };
  }

  if (exitCode === EXIT.OK) {
    if (!open) return { action: 'none', title, body: '', reason: 'no drift, and no drift issue is open' };
    const note = [
      'The scheduled `okta-ou plan` found no drift: Okta matches the files in `mappings/` again. Closing.',
      ...(input.runUrl ? ['', `Checked by ${input.runUrl}`] : []),
      '',
    ].join('\n');
    return { action: 'close', title, body: note, reason: `drift is gone; closing issue #${open.number}`, issueNumber: open.number };
  }

  return { action: 'fail', title, body: '', reason: explainPlanFailure(exitCode) };
}
