/**
 * The plan's `impact`: impact.ts run for every usable directory whose memberships were read. Undefined
 * when none were (a plan re-made by `apply PLANFILE` to check staleness reads no memberships). Pure.
 */
import type { PlanImpact } from '../model/people';
import type { AssignmentChange, Change } from '../model/types';
import type { DirectoryAnalysis } from './analyse';
import { computeImpact } from './impact';

export function planImpact(pairs: readonly DirectoryAnalysis[], changes: readonly Change[]): PlanImpact | undefined {
  const out: PlanImpact = { changes: {}, directories: [] };
  for (const p of pairs) {
    const people = p.live.people;
    if (!p.usable || !people?.membersRead) continue;
    const mine = changes.filter((c): c is AssignmentChange => c.kind === 'assignment' && c.directory === p.desired.name);
    const r = computeImpact({ directory: p.desired.name, live: p.live.assignments, changes: mine, people, updateOUOnGroupChange: p.desired.updateOUOnGroupChange });
    Object.assign(out.changes, r.changes);
    out.directories.push(r.directory);
  }
  return out.directories.length > 0 ? out : undefined;
}
