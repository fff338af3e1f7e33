/**
 * The plan's impact on people (docs/design.md §4): for every user the plan can affect (a member of a
 * group whose assignment it creates, updates, deletes or moves), the placement before and after it
 * (placement.ts), and what follows:
 * - no group before, one after: the user gets the AD app (an AD account is created in the new OU);
 * - a group before, none after: the user loses the AD app (deprovisioned as the app's "To App"
 *   deactivation setting says);
 * - another OU after: the user moves, or, when the directory declares `updateOUOnGroupChange: false`,
 *   stays where they are (Okta does not move existing users then);
 * - assigned individually (scope USER): keeps their own placement, listed apart.
 * A user counts against each change whose group wins for them before or after the plan; the directory
 * totals list each user once. Pure.
 */
import type { DirectoryImpact, ImpactLists, LivePeople, UserOuChange, UserRef } from '../model/people';
import { emptyImpactLists } from '../model/people';
import { byCodeUnits } from '../model/sorted-json';
import type { AssignmentChange, LiveAssignment } from '../model/types';
import { ousEqual } from './normalise';
import { assignmentsAfter, assignmentsBefore, placementOf, type Placement } from './placement';

export interface ImpactInput {
  directory: string;
  live: readonly LiveAssignment[];
  /** The directory's assignment changes. */
  changes: readonly AssignmentChange[];
  people: LivePeople;
  updateOUOnGroupChange?: boolean;
}

/** The groups a change writes: its group, or every group a reorder moves. */
export function groupsOfChange(c: AssignmentChange): string[] {
  return c.action === 'reorder' ? (c.moves ?? []).map((m) => m.group.id) : [c.group.id];
}

const ouOf = (p: Placement): string | null => (p.kind === 'group' ? p.ou : null);

type Kind = Exclude<keyof ImpactLists, 'individual'>;

/** What happens to one user, or null when nothing that matters to them changes. */
export function classify(before: Placement, after: Placement, stays: boolean): Kind | null {
  if (before.kind === 'none' && after.kind === 'none') return null;
  if (before.kind === 'none') return 'gain';
  if (after.kind === 'none') return 'lose';
  if (ousEqual(before.ou, after.ou) || before.ou === after.ou) return null;
  return stays ? 'stay' : 'move';
}

/** User ids → the set of groups (among those read) each is a member of. */
function groupsByUser(members: Record<string, string[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [groupId, ids] of Object.entries(members)) {
    for (const id of ids) {
      let set = out.get(id);
      if (!set) out.set(id, (set = new Set()));
      set.add(groupId);
    }
  }
  return out;
}

const byLogin = (a: { user: UserRef } | UserRef, b: { user: UserRef } | UserRef): number => {
  const ka = 'user' in a ? (a.user.login ?? a.user.id) : (a.login ?? a.id);
  const kb = 'user' in b ? (b.user.login ?? b.user.id) : (b.login ?? b.id);
  return byCodeUnits(ka, kb);
};

function sortLists(l: ImpactLists): ImpactLists {
  return { gain: l.gain.sort(byLogin), lose: l.lose.sort(byLogin), move: l.move.sort(byLogin), stay: l.stay.sort(byLogin), individual: l.individual.sort(byLogin) };
}

/** Per change (by id) and for the directory as a whole. */
export function computeImpact(input: ImpactInput): { changes: Record<string, ImpactLists>; directory: DirectoryImpact } {
  const before = assignmentsBefore(input.live);
  const after = assignmentsAfter(input.live, input.changes);
  const memberships = groupsByUser(input.people.members);
  const individual = new Set(input.people.individual);
  const stays = input.updateOUOnGroupChange === false;
  const perChange: Record<string, ImpactLists> = Object.fromEntries(input.changes.map((c) => [c.id, emptyImpactLists()]));
  const total = emptyImpactLists();
  const changesByGroup = new Map<string, AssignmentChange[]>();
  for (const c of input.changes) for (const g of groupsOfChange(c)) changesByGroup.set(g, [...(changesByGroup.get(g) ?? []), c]);

  const affected = new Set<string>();
  for (const g of changesByGroup.keys()) for (const id of input.people.members[g] ?? []) affected.add(id);
  for (const id of [...affected].sort()) {
    const groups = memberships.get(id) ?? new Set<string>();
    const b = placementOf(before, groups);
    const a = placementOf(after, groups);
    const kind = classify(b, a, stays);
    if (kind === null) continue;
    const login = input.people.users[id];
    const user: UserRef = login === undefined ? { id } : { id, login };
    // Attributed to the changes of the group that wins for the user before or after the plan.
    const causes = new Set<AssignmentChange>();
    for (const p of [b, a]) if (p.kind === 'group') for (const c of changesByGroup.get(p.groupId) ?? []) causes.add(c);
    if (individual.has(id)) {
      total.individual.push(user);
      for (const c of causes) perChange[c.id].individual.push(user);
      continue;
    }
    const entry: UserOuChange = { user, from: ouOf(b), to: ouOf(a) };
    total[kind].push(entry);
    for (const c of causes) perChange[c.id][kind].push(entry);
  }
  for (const l of Object.values(perChange)) sortLists(l);
  return { changes: perChange, directory: { directory: input.directory, appUsers: input.people.appUsers, ...sortLists(total) } };
}
