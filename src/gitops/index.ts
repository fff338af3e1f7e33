/** GitOps decisions for CI (drift issue, PR comment). Pure; `okta-ou ci` prints them for the workflows. */
export { driftDigest } from './drift-digest';
export { DRIFT_ISSUE_TITLE, decideDriftIssue, driftMarker, readDriftMarker } from './drift-issue';
export type { DriftIssueDecision, DriftIssueInput, ExistingIssue } from './drift-issue';
export { decidePrComment, planFailureComment } from './pr-comment';
export type { PrComment, PrCommentDecision } from './pr-comment';
export { parseComments, pickDriftIssue } from './ci-inputs';
