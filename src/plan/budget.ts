/**
 * The writes `apply` sends, per Okta rate-limit bucket (docs/okta-api.md §8: `/api/v1/apps*` covers the
 * group-assignment endpoints; mappings fall in the general `/api/v1` bucket):
 * - assignments: exactly the plan's schedule (write-schedule.ts), parking writes included;
 * - attribute mappings: one POST per directory with any mapping change (all properties in one body);
 * - AD group memberships: one POST /api/v1/directories/… per batch of users (general bucket).
 * Without a schedule (a PRIORITY_CONFLICT makes one impossible; apply refuses that plan) the assignment
 * writes are estimated: one per create, update and delete, one per reorder move.
 */
import { APPS_BUCKET, GENERAL_BUCKET } from '../model/rate-limit-buckets';
import type { Change, DirectorySchedule } from '../model/types';
import { adMembershipBatches } from './diff-ad-groups';

export function countWrites(changes: Change[], schedule?: DirectorySchedule[]): Record<string, number> {
  let apps = 0;
  let general = 0;
  let conversions = 0;
  const mappingDirs = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'attributeMapping') mappingDirs.add(c.directory);
    else if (c.kind === 'adGroupMembership') general += adMembershipBatches(c).length;
    else if (c.kind === 'userScope') conversions += 1;
    else if (c.action === 'reorder') apps += c.moves?.length ?? 0;
    else apps += 1;
  }
  if (schedule) apps = schedule.reduce((n, d) => n + d.writes.length + d.deletes.length + d.settle.length, 0);
  const out: Record<string, number> = {};
  if (mappingDirs.size + general > 0) out[GENERAL_BUCKET] = mappingDirs.size + general;
  if (apps + conversions > 0) out[APPS_BUCKET] = apps + conversions;
  return out;
}
