/**
 * The safety threshold (docs/design.md §2 exit 3; octoDNS `TooMuchChange`): per directory, the share of
 * EXISTING assignments that the plan deletes or changes. Counted: deletes and updates (the assignment's
 * profile, hence its members' OU, changes or they lose the app). Not counted: creates (nothing existing
 * is touched) and pure reorders (no assignment's own profile changes; a mass reorder that is really a
 * mistake still shows every move in the plan). The share only applies from `minExisting` assignments on,
 * so a tiny directory is never "unsafe" for changing one of its three assignments. Whatever the size, a
 * plan that deletes EVERY existing assignment of a directory (at least one) is unsafe: that is what an
 * authoritative file listing nothing (or the wrong app) looks like, and it takes every user out of AD.
 *
 * Attribute-mapping properties follow the same two rules (`prune: true` with a short list deletes every
 * live property not listed, and AD then stops receiving those attributes), counted apart from the
 * assignments: updates and deletes of properties against the live properties. The `dn` removal is left out
 * of both counts: it is always made, on purpose (diff-mappings.ts), whatever the file says.
 *
 * Separate thresholds, octoDNS-style (its update and delete thresholds, 30 % by default), also from
 * `minExisting` assignments on: `maxUpdateShare` (updates plus the groups a reorder moves: a reorder moves
 * people; not the ones only renumbered to make room without passing another) and `maxDeleteShare`. And on people, when the plan's impact was read (impact.ts), against the
 * app's users, also from `minExisting` users on: `maxUsersLosingAppShare` (users who would lose the AD
 * app: deprovisioned) and `maxUsersMovingShare` (users who would move OU). A plan that takes the app from
 * every one of its users is unsafe whatever the size. Each reason names its setting and the numbers.
 *
 * AD group members (`adGroups`, authoritative) follow the same rules per AD group: the members removed
 * against the members it has (adds are like creates: not counted).
 */
import type { PlanImpact } from '../model/people';
import type { AssignmentChange, Change, DesiredDirectory, LiveAssignment, LiveDirectory, SafetySettings } from '../model/types';
import { assignmentsAfter, assignmentsBefore } from './placement';
import { DN_PROPERTY } from './diff-mappings';

export interface SafetyVerdict {
  exceeded: boolean;
  reasons: string[];
}

const pct = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

interface Tally {
  /** Singular and plural, e.g. "assignment", "assignments". */
  what: [string, string];
  existing: number;
  touched: number;
  deleted: number;
}

/** The reason a tally is unsafe, or null. */
function verdict(directory: string, t: Tally, { maxChangeShare, minExisting }: DesiredDirectory['safety']): string | null {
  if (t.existing > 0 && t.deleted >= t.existing) return `${directory}: every existing ${t.what[0]} would be deleted (${t.deleted} of ${t.existing}); use --force if intended`;
  if (t.existing === 0 || t.existing < minExisting) return null;
  const share = t.touched / t.existing;
  if (share <= maxChangeShare) return null;
  return `${directory}: ${t.touched} of ${t.existing} existing ${t.what[1]} (${pct(share)}) would be deleted or changed, over the ${pct(maxChangeShare)} threshold; use --force if intended`;
}

export function assessSafety(pairs: Array<{ desired: DesiredDirectory; live: LiveDirectory }>, changes: Change[], impact?: PlanImpact): SafetyVerdict {
  const reasons: string[] = [];
  for (const { desired, live } of pairs) {
    const mine = changes.filter((c) => c.directory === desired.name);
    const assignments = mine.filter((c): c is AssignmentChange => c.kind === 'assignment');
    // The default user type's properties against its live ones (other types' changes are reviewed in the plan).
    const properties = mine.filter((c) => c.kind === 'attributeMapping' && c.property !== DN_PROPERTY && !c.userType);
    const tally = (what: [string, string], existing: number, cs: Change[]): Tally => ({
      what,
      existing,
      touched: cs.filter((c) => c.action === 'update' || c.action === 'delete').length,
      deleted: cs.filter((c) => c.action === 'delete').length,
    });
    const liveProperties = Object.keys(live.mapping?.properties ?? {}).filter((k) => k !== DN_PROPERTY).length;
    // AD group members removed by an authoritative entry: each AD group is its own tally, on its members.
    const adGroups = mine.flatMap((c): Tally[] => (c.kind === 'adGroupMembership' && c.remove.length > 0
      ? [{ what: [`member of AD group "${c.group.name}"`, `members of AD group "${c.group.name}"`], existing: c.membersBefore, touched: c.remove.length, deleted: c.remove.length }]
      : []));
    for (const t of [tally(['assignment', 'assignments'], live.assignments.length, assignments), tally(['attribute-mapping property', 'attribute-mapping properties'], liveProperties, properties), ...adGroups]) {
      const reason = verdict(desired.name, t, desired.safety);
      if (reason) reasons.push(reason);
    }
    reasons.push(...shareReasons(desired.name, desired.safety, live.assignments, assignments, impact?.directories.find((d) => d.directory === desired.name)));
    // Scope conversions (convertUserScope) hand users' placement to their group, so they may move OU:
    // counted against the app's users like the users who move.
    const converted = mine.filter((c) => c.kind === 'userScope').length;
    const moving = converted > 0 ? overShare(desired.name, desired.safety, 'maxUsersMovingShare', converted, live.people?.appUsers ?? 0, (n) => `${n} users of the AD app would be converted to group scope (their OU then follows their group)`) : null;
    if (moving) reasons.push(moving);
  }
  return { exceeded: reasons.length > 0, reasons };
}

/** One separate threshold: `n` of `base` over `settings[key]`, from `minExisting` on; `what` says what `n of base (share)` is. */
function overShare(directory: string, settings: SafetySettings, key: keyof SafetySettings, n: number, base: number, what: (numbers: string) => string): string | null {
  if (base === 0 || base < settings.minExisting || n / base <= settings[key]) return null;
  return `${directory}: ${what(`${n} of ${base}`)} (${pct(n / base)}), over the ${pct(settings[key])} threshold (safety.${key}); use --force if intended`;
}

/**
 * The groups an update or a reorder changes. A group only renumbered to make room for another
 * (`respace`) counts only when that takes it past an assignment that stays where it is (one the files do
 * not manage): otherwise it keeps its place and nobody moves. The first insert on a densely numbered app
 * renumbers the whole list after it; counting all of those would call a one-group create unsafe.
 */
function movedOrUpdated(live: readonly LiveAssignment[], changes: readonly AssignmentChange[]): Set<string> {
  const out = new Set<string>();
  const respaced = new Set<string>();
  for (const c of changes) {
    if (c.action === 'update') out.add(c.group.id);
    if (c.action === 'reorder') for (const m of c.moves ?? []) (m.respace ? respaced : out).add(m.group.id);
  }
  if (respaced.size === 0) return out;
  const liveIds = new Set(live.map((a) => a.groupId));
  const after = assignmentsAfter(live, changes).filter((a) => liveIds.has(a.groupId));
  const staying = new Set(after.map((a) => a.groupId));
  const before = assignmentsBefore(live).filter((a) => staying.has(a.groupId));
  // Walk both orders at once: a group keeps its place when it stands at the same index with the same
  // groups above it (none seen in only one of the two prefixes).
  const seen = new Map<string, number>();
  let unmatched = 0;
  const see = (id: string, side: number): void => {
    const was = seen.get(id) ?? 0;
    seen.set(id, was | side);
    unmatched += was === 0 ? 1 : was !== side && was !== 3 ? -1 : 0;
  };
  before.forEach((b, i) => {
    const a = after[i];
    if (respaced.has(a.groupId) && !(b.groupId === a.groupId && unmatched === 0)) out.add(a.groupId);
    if (respaced.has(b.groupId) && b.groupId !== a.groupId) out.add(b.groupId);
    see(b.groupId, 1);
    see(a.groupId, 2);
  });
  return out;
}

function shareReasons(directory: string, settings: SafetySettings, live: readonly LiveAssignment[], assignments: AssignmentChange[], people: PlanImpact['directories'][number] | undefined): string[] {
  const existing = live.length;
  const updated = movedOrUpdated(live, assignments).size;
  const deleted = assignments.filter((c) => c.action === 'delete').length;
  const out = [
    overShare(directory, settings, 'maxUpdateShare', updated, existing, (n) => `${n} existing assignments would be updated or moved in priority`),
    // Deleting every assignment already has its own reason (verdict above).
    deleted >= existing ? null : overShare(directory, settings, 'maxDeleteShare', deleted, existing, (n) => `${n} existing assignments would be deleted`),
  ];
  if (people) {
    const { appUsers, lose, move } = people;
    if (appUsers > 0 && lose.length >= appUsers) out.push(`${directory}: every one of the app's ${appUsers} users would lose the AD app (deprovisioned); use --force if intended`);
    else out.push(overShare(directory, settings, 'maxUsersLosingAppShare', lose.length, appUsers, (n) => `${n} users of the AD app would lose it (deprovisioned)`));
    out.push(overShare(directory, settings, 'maxUsersMovingShare', move.length, appUsers, (n) => `${n} users of the AD app would move to another OU`));
  }
  return out.filter((r): r is string => r !== null);
}
