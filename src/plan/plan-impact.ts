/**
 * The plan's `impact`: impact.ts run for every usable directory whose memberships were read for these
 * changes (or a subset of them). Undefined when none were (`explain` reads no memberships; the base
 * branch's plan of a pull request may change other groups). Pure.
 */
import type { LivePeople, PlanImpact } from '../model/people';
import type { AssignmentChange, Change, LiveAssignment } from '../model/types';
import type { DirectoryAnalysis } from './analyse';
import { computeImpact } from './impact';
import { groupSets } from './impact-reads';

export function planImpact(pairs: readonly DirectoryAnalysis[], changes: readonly Change[]): PlanImpact | undefined {
  const out: PlanImpact = { changes: {}, directories: [] };
  for (const p of pairs) {
    const people = p.live.people;
    if (!p.usable || !people?.membersRead) continue;
    const mine = changes.filter((c): c is AssignmentChange => c.kind === 'assignment' && c.directory === p.desired.name);
    if (!readEnough(people, p.live.assignments, mine)) continue;
    const r = computeImpact({ directory: p.desired.name, live: p.live.assignments, changes: mine, people, updateOUOnGroupChange: p.desired.updateOUOnGroupChange });
    Object.assign(out.changes, r.changes);
    out.directories.push(r.directory);
  }
  return out.directories.length > 0 ? out : undefined;
}

/** True when every changed group was read in full and every deciding group was read. */
function readEnough(people: LivePeople, live: readonly LiveAssignment[], changes: readonly AssignmentChange[]): boolean {
  const { changed, deciding } = groupSets(live, changes);
  const full = new Set(people.fullyRead ?? []);
  for (const g of changed) if (!full.has(g)) return false;
  for (const g of deciding) if (!(g in people.members)) return false;
  return true;
}
