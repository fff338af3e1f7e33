/**
 * The group-assignment diff of one directory: create / update / delete, plus ONE reorder change.
 *
 * Okta facts behind it (docs/okta-api.md §1): an assignment is `PUT /api/v1/apps/{appId}/groups/{groupId}`
 * with `priority` and `profile`; the AD app reads the target OU from `profile.organizationalUnit`;
 * removing an assignment (`DELETE`) makes Okta fall back to the user's next-priority group.
 *
 * - create: a listed group without a live assignment; `after.priority` is its target slot (assign-slots.ts).
 * - update: the managed profile keys differ. `before` is the whole live assignment, `after` the whole
 *   intended one (live profile with the managed keys replaced, target priority); the write schedule
 *   (write-schedule.ts) sends only the keys that differ. Also when Okta returned no priority for the
 *   assignment (PRIORITY_UNKNOWN): it is then placed like a create, on a free slot.
 * - reorder: one change per directory listing every managed, existing group whose priority changes
 *   (never one update per group for priority alone), in the new order; `group` is the first move and
 *   `members` the sum of the moved groups' members (an upper bound on the users whose OU may change).
 * - delete: `authoritative` mode only, for assignments not listed and not ignored; never a group an
 *   ambiguous reference might mean.
 * Order of the result: creates and updates by target priority, then the reorder, then deletes.
 */
import { ownValue } from '../model/data-record';
import { byPriority } from '../model/priority';
import type { AssignmentChange, AssignmentCreate, AssignmentUpdate, DesiredDirectory, DesiredGroup, LiveAssignment, LiveDirectory, LiveGroup } from '../model/types';
import { assignSlots, type SlotAssignment } from './assign-slots';
import { isIgnored } from './ignore';
import { hasKnownPriority } from './known-priority';
import { desiredManagedProfile, differingKeys, managesMoreThanOu, OU_KEY, ousEqual, ouToWrite } from './normalise';
import { type GroupResolution, type ManagedGroup, resolveGroups } from './resolve-groups';
import { byCodeUnits } from '../model/sorted-json';

function groupRef(live: LiveDirectory, groupId: string): { id: string; name: string } {
  return { id: groupId, name: live.groups[groupId]?.name ?? groupId };
}

function members(g: LiveGroup | undefined): { members?: number } {
  return g?.usersCount === undefined ? {} : { members: g.usersCount };
}

/** A live priority for the plan: NaN (PRIORITY_UNKNOWN) becomes null, which JSON and the plan schema keep. */
function knownOrNull(priority: number): number | null {
  return Number.isFinite(priority) ? priority : null;
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function updateReason(keys: string[], live: Record<string, unknown>, after: Record<string, unknown>): string {
  return keys
    .map((k) => {
      const label = k === OU_KEY ? 'OU' : `profile.${k}`;
      const [was, now] = [ownValue(live, k), ownValue(after, k)];
      return was === undefined ? `${label} is set to ${show(now)}` : `${label} changes from ${show(was)} to ${show(now)}`;
    })
    .join('; ');
}

// Made once per list of a directory's 100,000 assignments: the sorted list serves the diff and two live
// lints, the index the diff of each analysis (a plan with changes analyses again after reading people, and
// that reader keeps the same assignments array: the model is never mutated).
const sortedCache = new WeakMap<readonly LiveAssignment[], readonly LiveAssignment[]>();
const byGroupCache = new WeakMap<readonly LiveAssignment[], ReadonlyMap<string, LiveAssignment>>();

/** Live assignments in a stable order whatever order Okta returned them in; unknown priorities last. Shared: do not modify. */
export function sortedAssignments(live: LiveDirectory): readonly LiveAssignment[] {
  let sorted = sortedCache.get(live.assignments);
  if (!sorted) {
    const byId = (a: LiveAssignment, b: LiveAssignment): number => byCodeUnits(a.groupId, b.groupId);
    const known = live.assignments.filter(hasKnownPriority).sort((a, b) => byPriority(a, b) || byId(a, b));
    const unknown = live.assignments.filter((a) => !hasKnownPriority(a)).sort(byId);
    sorted = [...known, ...unknown];
    sortedCache.set(live.assignments, sorted);
  }
  return sorted;
}

/** The live assignment of each group id (Okta lists a group once per app). Shared: do not modify. */
export function assignmentsByGroup(live: LiveDirectory): ReadonlyMap<string, LiveAssignment> {
  let byGroup = byGroupCache.get(live.assignments);
  if (!byGroup) {
    byGroup = new Map(sortedAssignments(live).map((a) => [a.groupId, a]));
    byGroupCache.set(live.assignments, byGroup);
  }
  return byGroup;
}

/**
 * The live assignments of groups the files do not manage, in sortedAssignments order. `assigned`: each
 * managed group's live assignment (planAssignments). None, without an index of the managed groups, when
 * every assignment is a managed group's (each managed group has at most one, so they account for all
 * only when as many are assigned as there are assignments).
 */
export function unmanagedAssignments(live: LiveDirectory, resolution: GroupResolution, assigned: ReadonlyArray<LiveAssignment | undefined>): readonly LiveAssignment[] {
  let count = 0;
  for (const a of assigned) if (a !== undefined) count++;
  if (count === live.assignments.length) return [];
  const managed = new Set(resolution.managed.map((m) => m.group.id));
  return sortedAssignments(live).filter((a) => !managed.has(a.groupId));
}

/**
 * True when the file manages only the OU of this group and the live one names it already: most of a
 * large directory's groups, settled without making the wanted profile (differingKeys would find none).
 */
function hasWantedOuOnly(live: Record<string, unknown>, g: DesiredGroup, ouCase: DesiredDirectory['ouCase']): boolean {
  if (managesMoreThanOu(g)) return false;
  const ou = ownValue(live, OU_KEY);
  return typeof ou === 'string' && ousEqual(ou, ouToWrite(g.ou, ouCase));
}

/** A create or update of a managed group (members in the plan in this key order). */
function groupWrite<C extends AssignmentCreate | AssignmentUpdate>(dir: DesiredDirectory, m: ManagedGroup, action: C['action'], before: C['before'], after: C['after'], reason: string): C {
  const group = { id: m.group.id, name: m.group.name };
  return { id: `${dir.name}/assign/${m.group.id}`, directory: dir.name, kind: 'assignment', action, group, before, after, reason, ...members(m.group) } as C;
}

/** `resolution`: the directory's group resolution when already computed (analyse.ts). */
export function diffAssignments(dir: DesiredDirectory, live: LiveDirectory, resolution: GroupResolution = resolveGroups(dir, live)): AssignmentChange[] {
  return planAssignments(dir, live, resolution).changes;
}

/** The assignment diff and the slot assignment it was made with (the write schedule needs its bound). */
export function planAssignments(
  dir: DesiredDirectory,
  live: LiveDirectory,
  resolution: GroupResolution,
): { changes: AssignmentChange[]; slots: SlotAssignment; assigned: Array<LiveAssignment | undefined> } {
  const file = dir.source.file;
  const { managed, listedIds } = resolution;
  const assignments = sortedAssignments(live);
  const byGroup = assignmentsByGroup(live);
  // Each managed group's live assignment, looked up once for the slots, the diff and the live lints.
  const currents = managed.map((m) => byGroup.get(m.group.id));
  const slots = assignSlots(
    // An assignment without a known priority is placed like a create: it gets a fresh slot.
    managed.map((m, k) => {
      const a = currents[k];
      return { key: m.group.id, current: a && hasKnownPriority(a) ? a.priority : null };
    }),
    assignments.filter(hasKnownPriority).map((a) => a.priority),
  );

  const writes: AssignmentChange[] = [];
  const moves: NonNullable<AssignmentChange['moves']> = [];
  managed.forEach((m, k) => {
    const target = slots.priorities[k];
    const current = currents[k];
    if (!current) {
      const wanted = desiredManagedProfile(m.desired, dir.ouCase);
      const reason = `listed in ${m.desired.source.file}, not assigned in Okta: provisions into ${show(wanted[OU_KEY])}`;
      writes.push(groupWrite<AssignmentCreate>(dir, m, 'create', null, { priority: target, profile: wanted }, reason));
      return;
    }
    const unknownPriority = !hasKnownPriority(current);
    if (unknownPriority || !hasWantedOuOnly(current.profile, m.desired, dir.ouCase)) {
      const wanted = desiredManagedProfile(m.desired, dir.ouCase);
      const differing = differingKeys(current.profile, wanted);
      if (differing.length > 0 || unknownPriority) {
        const reason = [...(unknownPriority ? [`Okta returned no priority: set to ${target}`] : []), ...(differing.length > 0 ? [updateReason(differing, current.profile, wanted)] : [])].join('; ');
        const before = { priority: knownOrNull(current.priority), profile: current.profile };
        writes.push(groupWrite<AssignmentUpdate>(dir, m, 'update', before, { priority: target, profile: { ...current.profile, ...wanted } }, reason));
      }
    }
    if (!unknownPriority && target !== current.priority) {
      const group = { id: m.group.id, name: m.group.name };
      moves.push({ group, from: current.priority, to: target, ...(slots.respaced.has(m.group.id) ? { respace: true as const } : {}) });
    }
  });
  writes.sort((a, b) => byPriority(a.after as { priority: number }, b.after as { priority: number }));
  moves.sort((a, b) => byPriority({ priority: a.to }, { priority: b.to }));

  const out: AssignmentChange[] = [...writes];
  if (moves.length > 0) {
    const counts = moves.map((mv) => live.groups[mv.group.id]?.usersCount);
    const total = counts.every((c) => c === undefined) ? undefined : counts.reduce<number>((s, c) => s + (c ?? 0), 0);
    out.push({
      id: `${dir.name}/reorder`,
      directory: dir.name,
      kind: 'assignment',
      action: 'reorder',
      group: moves[0].group,
      before: null,
      after: null,
      reason: `managed groups follow the list order in ${file}`,
      ...(total === undefined ? {} : { members: total }),
      moves,
    });
  }

  if (dir.assignments.mode === 'authoritative') {
    for (const a of assignments) {
      // Every group a reference matched (managed, ambiguous, listed twice or ignored) is never deleted.
      if (listedIds.has(a.groupId)) continue;
      const group = groupRef(live, a.groupId);
      if (isIgnored(dir, group)) continue;
      out.push({
        id: `${dir.name}/assign/${a.groupId}`,
        directory: dir.name,
        kind: 'assignment',
        action: 'delete',
        group,
        before: { priority: knownOrNull(a.priority), profile: a.profile },
        after: null,
        reason: `not in ${file} (authoritative)`,
        ...members(live.groups[a.groupId]),
      });
    }
  }
  return { changes: out, slots, assigned: currents };
}
