/**
 * Why a saved plan is stale, in words (pure). The saved plan keeps only the fingerprint of the live
 * slice it was computed from (docs/design.md §4), not the slice, so what moved is reconstructed from what the
 * plan does record: each change's `before` (and each reorder move's `from`) against live Okta now, and
 * the changes a fresh plan would make that the saved one does not (and the reverse).
 */
import { profileValueEquals } from '../plan/normalise';
import type { Change, LiveAssignment, LiveDirectory, LiveState, Plan } from '../model/types';
import { canonicalJson } from '../model/sorted-json';
import { describeChange } from './render-result';
import { mappingName } from '../model/user-types';
import { ownValue } from '../model/data-record';

/** Assignments by group, built once per live directory (a reorder of thousands looks each up). */
const byGroupOf = new WeakMap<LiveDirectory, Map<string, LiveAssignment>>();
function assignmentOf(dir: LiveDirectory, groupId: string): LiveAssignment | undefined {
  let m = byGroupOf.get(dir);
  if (!m) byGroupOf.set(dir, (m = new Map(dir.assignments.map((a) => [a.groupId, a]))));
  return m.get(groupId);
}

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));

/** The live mapping a mapping change is to: the default user type's, or the named type's. */
function mappingOf(dir: LiveState['directories'][number], c: { userType?: string }): LiveState['directories'][number]['mapping'] {
  return c.userType === undefined ? dir.mapping : (dir.typeMappings?.find((t) => t.userType.name === c.userType)?.mapping ?? null);
}

function movedSince(c: Change, live: LiveState): string[] {
  const dir = live.directories.find((d) => d.name === c.directory);
  if (!dir) return [`${c.directory}: directory no longer read`];
  // AD group members and scope conversions are compared through the fresh plan's changes (inferredMove / "now different").
  if (c.kind === 'adGroupMembership' || c.kind === 'userScope') return [];
  if (c.kind === 'attributeMapping') {
    const have = ownValue(mappingOf(dir, c)?.properties, c.property);
    const before = c.before && c.before.expression !== null ? c.before : null;
    if (!before && have) return [`${c.directory}: mapping property ${mappingName(c.userType, c.property)} was added outside okta-ou (${have.expression})`];
    if (before && !have) return [`${c.directory}: mapping property ${mappingName(c.userType, c.property)} was removed outside okta-ou`];
    if (before && have && (have.expression !== before.expression || have.pushStatus !== before.pushStatus)) {
      return [`${c.directory}: mapping property ${mappingName(c.userType, c.property)} ${before.expression} (${before.pushStatus}) → ${have.expression} (${have.pushStatus})`];
    }
    return [];
  }
  const name = (id: string, fallback: string): string => dir.groups[id]?.name ?? fallback;
  const at = (id: string): LiveAssignment | undefined => assignmentOf(dir, id);
  if (c.action === 'reorder') {
    return (c.moves ?? []).flatMap((m) => {
      const a = at(m.group.id);
      if (!a) return [`${c.directory}: "${m.group.name}" was unassigned`];
      return a.priority !== m.from ? [`${c.directory}: "${m.group.name}" priority ${m.from} → ${a.priority}`] : [];
    });
  }
  const a = at(c.group.id);
  const label = `"${name(c.group.id, c.group.name)}"`;
  if (c.action === 'create') return a ? [`${c.directory}: ${label} was assigned outside okta-ou (priority ${a.priority})`] : [];
  if (!a) return [`${c.directory}: ${label} was unassigned`];
  const out: string[] = [];
  const before = c.before;
  if (!before) return out;
  if (a.priority !== before.priority) out.push(`${c.directory}: ${label} priority ${before.priority} → ${a.priority}`);
  for (const k of [...new Set([...Object.keys(before.profile), ...Object.keys(a.profile)])].sort()) {
    const [was, now] = [ownValue(before.profile, k), ownValue(a.profile, k)];
    if (!profileValueEquals(k, was, now)) out.push(`${c.directory}: ${label} profile.${k} ${show(was)} → ${show(now)}`);
  }
  return out;
}

/**
 * A change the fresh plan has and the saved one lacks means its object then matched the files and now
 * does not: what it was is the change's `after`, what it is now its `before`.
 */
function inferredMove(c: Change, saved: Change | undefined): string[] {
  if (c.kind === 'adGroupMembership' || c.kind === 'userScope') return [];
  if (c.kind === 'attributeMapping') {
    if (saved) return [];
    if (c.action === 'create') return [`${c.directory}: mapping property ${mappingName(c.userType, c.property)} was removed outside okta-ou`];
    if (c.action === 'delete') return [`${c.directory}: mapping property ${mappingName(c.userType, c.property)} was added outside okta-ou (${c.before?.expression})`];
    return [`${c.directory}: mapping property ${mappingName(c.userType, c.property)} ${c.after?.expression} (${c.after?.pushStatus}) → ${c.before?.expression} (${c.before?.pushStatus})`];
  }
  const label = `"${c.group.name}"`;
  switch (c.action) {
    case 'create':
      return saved ? [] : [`${c.directory}: ${label} was unassigned`];
    case 'delete':
      return saved ? [] : [`${c.directory}: ${label} was assigned outside okta-ou (priority ${c.before?.priority})`];
    case 'update': {
      if (saved || !c.before || !c.after) return [];
      const b = c.before.profile;
      const a = c.after.profile;
      return [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .sort()
        .filter((k) => !profileValueEquals(k, ownValue(a, k), ownValue(b, k)))
        .map((k) => `${c.directory}: ${label} profile.${k} ${show(ownValue(a, k))} → ${show(ownValue(b, k))}`);
    }
    case 'reorder': {
      const before = new Map(((saved?.kind === 'assignment' && saved.moves) || []).map((m) => [m.group.id, m.from]));
      return (c.moves ?? [])
        .filter((m) => before.get(m.group.id) !== m.from)
        .map((m) => `${c.directory}: "${m.group.name}" is now at priority ${m.from}`);
    }
  }
}

/**
 * True when Okta now holds exactly what the change would write: an earlier apply of this same plan
 * (interrupted, or stopped by a failure) made it. Not a change "outside okta-ou".
 */
function madeByThisPlan(c: Change, live: LiveState): boolean {
  const dir = live.directories.find((d) => d.name === c.directory);
  if (!dir) return false;
  if (c.kind === 'userScope') return dir.toConvert !== undefined && !dir.toConvert.some((u) => u.id === c.user.id);
  if (c.kind === 'adGroupMembership') {
    const entry = dir.adGroups?.find((e) => e.matches.length === 1 && e.matches[0].id === c.group.id);
    if (!entry) return false;
    const members = new Set(entry.members.map((u) => u.id));
    return c.add.every((u) => members.has(u.id)) && c.remove.every((u) => !members.has(u.id));
  }
  if (c.kind === 'attributeMapping') {
    const have = ownValue(mappingOf(dir, c)?.properties, c.property);
    const after = c.after && c.after.expression !== null ? c.after : null;
    if (!after) return !have;
    return have !== undefined && have.expression === after.expression && have.pushStatus === after.pushStatus;
  }
  const at = (id: string): LiveAssignment | undefined => assignmentOf(dir, id);
  if (c.action === 'reorder') return (c.moves ?? []).length > 0 && (c.moves ?? []).every((m) => at(m.group.id)?.priority === m.to);
  const a = at(c.group.id);
  if (c.action === 'delete') return a === undefined;
  if (!a || !c.after) return false;
  const after = c.after;
  return a.priority === after.priority && Object.keys(after.profile).every((k) => profileValueEquals(k, ownValue(after.profile, k), ownValue(a.profile, k)));
}

/** What moved between the saved plan and now, one line each; never empty. */
export function describeDrift(saved: Plan, fresh: Plan, live: LiveState): string[] {
  const lines: string[] = [];
  const made = new Set(saved.changes.filter((c) => madeByThisPlan(c, live)).map((c) => c.id));
  if (made.size > 0) {
    lines.push(
      `${made.size} of the plan's ${saved.changes.length} changes are already in Okta exactly as planned: an earlier apply of this plan made them (it was interrupted or stopped); run okta-ou plan and apply the new plan for the rest`,
    );
  }
  for (const c of saved.changes) if (!made.has(c.id)) lines.push(...movedSince(c, live));
  const freshById = new Map(fresh.changes.map((c) => [c.id, c]));
  const savedById = new Map(saved.changes.map((c) => [c.id, c]));
  for (const c of fresh.changes) {
    const s = savedById.get(c.id);
    const inferred = inferredMove(c, s);
    if (inferred.length > 0) lines.push(...inferred);
    else if (!s) lines.push(`now also needed: ${describeChange(c)}`);
    else if (canonicalJson({ ...s, members: undefined, reason: undefined }) !== canonicalJson({ ...c, members: undefined, reason: undefined })) {
      lines.push(`now different: ${describeChange(c)}`);
    }
  }
  for (const c of saved.changes) if (!freshById.has(c.id) && !made.has(c.id)) lines.push(`no longer needed: ${describeChange(c)}`);
  const unique = [...new Set(lines)];
  if (unique.length === 0) {
    // Nothing the plan's changes name moved, so only say what the fingerprint covers (src/plan/fingerprint.ts),
    // not which of those it was: that is not known here.
    unique.push(
      'something else the plan read from Okta changed (an app, a group name or how a file reference resolves, an assignment outside the plan, or a write that left the values as they were); the planned changes themselves look the same',
    );
  }
  return unique;
}
