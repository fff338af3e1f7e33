/**
 * An ESTIMATE of the writes `apply` would make, per Okta rate-limit bucket: the fallback only. The CLI
 * (src/cli/planning.ts) replaces the plan's `budget.writes` with the exact count of apply's schedule
 * (src/apply/requests.ts writesPerBucket, parking moves included) and keeps this one only when no schedule
 * can be built (apply then refuses and says why). Buckets (docs/okta-api.md §8: `/api/v1/apps*` covers
 * the group-assignment endpoints; mappings fall in the general `/api/v1` bucket):
 * - assignment create / update / delete: one PUT or DELETE each;
 * - reorder: one PUT per move;
 * - attribute mappings: one POST per directory with any mapping change (all properties in one body);
 * - AD group memberships: one POST /api/v1/directories/… per batch (general bucket).
 */
import { APPS_BUCKET, GENERAL_BUCKET } from '../model/rate-limit-buckets';
import type { Change } from '../model/types';
import { adMembershipBatches } from './diff-ad-groups';

export function countWrites(changes: Change[]): Record<string, number> {
  let apps = 0;
  let general = 0;
  const mappingDirs = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'attributeMapping') mappingDirs.add(c.directory);
    else if (c.kind === 'adGroupMembership') general += adMembershipBatches(c).length;
    else if (c.action === 'reorder') apps += c.moves?.length ?? 0;
    else apps += 1;
  }
  const out: Record<string, number> = {};
  if (mappingDirs.size + general > 0) out[GENERAL_BUCKET] = mappingDirs.size + general;
  if (apps > 0) out[APPS_BUCKET] = apps;
  return out;
}
