/**
 * GitOps decisions for CI: the drift issue, the PR plan comment, this PR vs drift already there, the
 * apply check and report. Pure; `okta-ou ci` prints them for the workflows.
 */
export { driftDigest } from './drift-digest';
export { DRIFT_ISSUE_TITLE, decideDriftIssue, driftIssueTitle, driftMarker, readDriftMarker } from './drift-issue';
export type { DriftIssueDecision, DriftIssueInput, ExistingIssue } from './drift-issue';
export { DEFAULT_BOT, decidePrComment, findingLink, isPlanComment, planFailureComment, planSkippedComment, readPlanDigest, validateFailureComment, validationFailureComment, withPlanMarker } from './pr-comment';
export type { PrComment, PrCommentDecision } from './pr-comment';
export { parseApplyResult, parseComments, parseValidateFindings, pickDriftIssue, pickIssue } from './ci-inputs';
export { changesDigest } from './drift-digest';
export { APPLY_MARKER, decideApplyGate } from './apply-gate';
export type { ApplyGateDecision, ApplyGateInput } from './apply-gate';
export { APPLY_ISSUE_MARKER, APPLY_ISSUE_TITLE, applyIssueTitle, decideApplyReport, isApplyIssue } from './apply-report';
export type { ApplyReport, ApplyReportInput, ApplyStatus } from './apply-report';
export { splitPrEffect } from './pr-effect';
export type { PrEffect } from './pr-effect';
