/**
 * What an `okta-ou plan --detailed-exitcode` exit code means to the CI decisions (docs/design.md §2). Kept
 * here so the drift issue, the PR comment and the README (Use it in CI) say the same thing.
 */
import { EXIT } from '../errors';

/** Why a plan run failed, for an error message that says what to do. */
export function explainPlanFailure(exitCode: number): string {
  switch (exitCode) {
    case EXIT.ERROR:
      return 'okta-ou plan failed with exit code 1 (bad input, error findings, or an Okta error); see the plan step’s log';
    case EXIT.AUTH:
      return 'okta-ou plan failed with exit code 4: authentication or authorisation failed; check the OKTA_CLIENT_* secrets, the token’s expiry and the granted scopes (`okta-ou scopes --for plan`)';
    default:
      return `okta-ou plan ended with unexpected exit code ${exitCode}; see the plan step’s log`;
  }
}
