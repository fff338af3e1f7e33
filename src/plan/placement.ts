/**
 * Where Okta places a user in AD (docs/okta-api.md §1 "Priority"): by the highest-priority group
 * assignment among the user's groups, in that assignment's OU; with no assigned group, the user is not
 * provisioned by a group. Users assigned individually (app user scope USER) keep their own placement.
 * Pure: the assignments before the plan come from live Okta, the ones after from the plan's changes.
 */
import type { AssignmentChange, LiveAssignment } from '../model/types';
import { byPriority } from '../model/priority';
import { OU_KEY } from './normalise';
import { canonicalRdns, isUnder } from '../model/dn';

/** An assignment as placement needs it. */
export interface RankedAssignment {
  groupId: string;
  priority: number;
  /** The assignment's organizationalUnit; null when it sets none. */
  ou: string | null;
}

export type Placement = { kind: 'group'; groupId: string; ou: string | null } | { kind: 'none' };

const ouOfProfile = (profile: Record<string, unknown> | undefined): string | null => {
  const ou = profile?.[OU_KEY];
  return typeof ou === 'string' && ou !== '' ? ou : null;
};

/**
 * Highest priority first (the direction is model/priority.ts's). An assignment whose priority Okta did
 * not return (NaN, PRIORITY_UNKNOWN) is ranked last; equal priorities keep their input order.
 */
function rankAssignments(assignments: readonly RankedAssignment[]): RankedAssignment[] {
  const known = assignments.filter((a) => Number.isFinite(a.priority));
  const unknown = assignments.filter((a) => !Number.isFinite(a.priority));
  return [...known.sort(byPriority), ...unknown];
}

/** The live assignments, ranked. */
export function assignmentsBefore(live: readonly LiveAssignment[]): RankedAssignment[] {
  return rankAssignments(live.map((a) => ({ groupId: a.groupId, priority: a.priority, ou: ouOfProfile(a.profile) })));
}

/** The assignments as they will be once `changes` (one directory's) are applied, ranked. */
export function assignmentsAfter(live: readonly LiveAssignment[], changes: readonly AssignmentChange[]): RankedAssignment[] {
  const byGroup = new Map<string, RankedAssignment>(live.map((a) => [a.groupId, { groupId: a.groupId, priority: a.priority, ou: ouOfProfile(a.profile) }]));
  for (const c of changes) {
    if (c.action === 'delete') byGroup.delete(c.group.id);
    else if (c.action === 'reorder') {
      for (const m of c.moves ?? []) {
        const a = byGroup.get(m.group.id);
        if (a) byGroup.set(m.group.id, { ...a, priority: m.to });
      }
    } else if (c.after) byGroup.set(c.group.id, { groupId: c.group.id, priority: c.after.priority, ou: ouOfProfile(c.after.profile) });
  }
  return rankAssignments([...byGroup.values()]);
}

/** The placement of a user who is a member of `groups`, given the ranked assignments. */
export function placementOf(ranked: readonly RankedAssignment[], groups: ReadonlySet<string>): Placement {
  const winner = ranked.find((a) => groups.has(a.groupId));
  return winner ? { kind: 'group', groupId: winner.groupId, ou: winner.ou } : { kind: 'none' };
}

/** True when the entry `dn` sits directly in `ou` (its parent is `ou`, case and spacing aside). */
export function dnInOu(dn: string, ou: string): boolean {
  const d = canonicalRdns(dn);
  const o = canonicalRdns(ou);
  return d !== null && o !== null && d.length === o.length + 1 && isUnder(dn, ou);
}
