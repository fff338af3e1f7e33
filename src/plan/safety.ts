/**
 * The safety threshold (DESIGN.md §2 exit 3; octoDNS `TooMuchChange`): per directory, the share of
 * EXISTING assignments that the plan deletes or changes. Counted: deletes and updates (the assignment's
 * profile, hence its members' OU, changes or they lose the app). Not counted: creates (nothing existing
 * is touched) and pure reorders (no assignment's own profile changes; a mass reorder that is really a
 * mistake still shows every move in the plan). The share only applies from `minExisting` assignments on,
 * so a tiny directory is never "unsafe" for changing one of its three assignments. Whatever the size, a
 * plan that deletes EVERY existing assignment of a directory (at least one) is unsafe: that is what an
 * authoritative file listing nothing (or the wrong app) looks like, and it takes every user out of AD.
 */
import type { Change, DesiredDirectory, LiveDirectory } from '../model/types';

export interface SafetyVerdict {
  exceeded: boolean;
  reasons: string[];
}

const pct = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

export function assessSafety(pairs: Array<{ desired: DesiredDirectory; live: LiveDirectory }>, changes: Change[]): SafetyVerdict {
  const reasons: string[] = [];
  for (const { desired, live } of pairs) {
    const existing = live.assignments.length;
    const { maxChangeShare, minExisting } = desired.safety;
    const mine = changes.filter((c) => c.kind === 'assignment' && c.directory === desired.name);
    const touched = mine.filter((c) => c.action === 'update' || c.action === 'delete').length;
    const deleted = mine.filter((c) => c.action === 'delete').length;
    if (existing > 0 && deleted >= existing) {
      reasons.push(`${desired.name}: every existing assignment would be deleted (${deleted} of ${existing}); use --force if intended`);
      continue;
    }
    if (existing === 0 || existing < minExisting) continue;
    const share = touched / existing;
    if (share > maxChangeShare) {
      reasons.push(
        `${desired.name}: ${touched} of ${existing} existing assignments (${(share * 100).toFixed(1)}%) would be deleted or changed, over the ${pct(maxChangeShare)} threshold; use --force if intended`,
      );
    }
  }
  return { exceeded: reasons.length > 0, reasons };
}
