/**
 * GROUP_AMBIGUOUS (error): a group name matches more than one Okta group. Okta does not document unique
 * group names, and AD-imported APP_GROUPs can carry an OKTA_GROUP's name (docs/okta-api.md §6); the fix
 * is to reference the group by id. The diff neither writes nor deletes any of the candidates.
 */
import { usablePairs } from './live-helpers';
import type { Lint } from './types';

export const groupAmbiguous: Lint = {
  code: 'GROUP_AMBIGUOUS',
  severity: 'error',
  needs: 'live',
  check: (ctx) => usablePairs(ctx).flatMap((p) => p.resolution.findings.filter((f) => f.code === 'GROUP_AMBIGUOUS')),
};
