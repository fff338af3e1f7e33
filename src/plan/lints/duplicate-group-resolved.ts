/**
 * DUPLICATE_GROUP, live form (error): one Okta group listed twice in a directory under different
 * references (its name and its 00g… id), which only resolution can see. Okta holds one assignment per
 * group and app (`PUT /api/v1/apps/{appId}/groups/{groupId}`, docs/okta-api.md §1), so two listings
 * would ask for two priorities and maybe two OUs. The same text listed twice is the static lint's.
 */
import { usablePairs } from './live-helpers';
import type { Lint } from './types';

export const duplicateGroupResolved: Lint = {
  code: 'DUPLICATE_GROUP',
  severity: 'error',
  needs: 'live',
  check: (ctx) => usablePairs(ctx).flatMap((p) => p.resolution.findings.filter((f) => f.code === 'DUPLICATE_GROUP')),
};
