/**
 * An ESTIMATE of the writes `apply` would make, per Okta rate-limit bucket: the fallback only. The CLI
 * (src/cli/planning.ts) replaces the plan's `budget.writes` with the exact count of apply's schedule
 * (src/apply/requests.ts writesPerBucket, parking moves included) and keeps this one only when no schedule
 * can be built (apply then refuses and says why). Buckets (docs/okta-api.md §8: `/api/v1/apps*` covers
 * the group-assignment endpoints; mappings fall in the general `/api/v1` bucket):
 * - assignment create / update / delete: one PUT or DELETE each;
 * - reorder: one PUT per move;
 * - attribute mappings: one POST per directory with any mapping change (all properties in one body).
 */
import { APPS_BUCKET, GENERAL_BUCKET } from '../model/rate-limit-buckets';
import type { Change } from '../model/types';

export function countWrites(changes: Change[]): Record<string, number> {
  let apps = 0;
  const mappingDirs = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'attributeMapping') mappingDirs.add(c.directory);
    else if (c.action === 'reorder') apps += c.moves?.length ?? 0;
    else apps += 1;
  }
  const out: Record<string, number> = {};
  if (mappingDirs.size > 0) out[GENERAL_BUCKET] = mappingDirs.size;
  if (apps > 0) out[APPS_BUCKET] = apps;
  return out;
}
