/**
 * GROUP_NOT_FOUND (error): a `group:` reference matches no Okta group. Names are exact (Okta's `q`
 * parameter is a prefix match, so the reader uses `search=profile.name eq "…"`; docs/okta-api.md §6).
 * Emitted from the shared resolution (resolve-groups.ts), which the diff uses to skip the group.
 */
import { usablePairs } from './live-helpers';
import type { Lint } from './types';

export const groupNotFound: Lint = {
  code: 'GROUP_NOT_FOUND',
  severity: 'error',
  needs: 'live',
  check: (ctx) => usablePairs(ctx).flatMap((p) => p.resolution.findings.filter((f) => f.code === 'GROUP_NOT_FOUND')),
};
