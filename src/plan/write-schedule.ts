/**
 * The plan's exact assignment writes for one directory (pure): the assignment changes turned into
 * "intents" (a group's planned priority and the profile keys to change), ordered by schedule.ts so that
 * no write lands on a priority another assignment holds. Part of the plan, so what `plan` shows (and
 * counts in its budget) is what `apply` sends; apply only executes it.
 *
 * An update's intent carries only the profile keys the planner found different, compared as the planner
 * compares them (an OU DN case- and spacing-insensitively, normalise.ts): a `division`-only change writes
 * `division` only, never an OU that differs from the file's in case alone.
 */
import type { AssignmentChange, DirectorySchedule, LiveAssignment, LiveDirectory } from '../model/types';
import { ownValue } from '../model/data-record';
import { InternalError } from '../errors';
import { profileValueEquals } from './normalise';
import { scheduleAssignments, type SlotIntent } from './schedule';

function addIntent(intents: Map<string, SlotIntent>, group: { id: string; name: string }, changeId: string, priority: number | undefined, profile: Record<string, unknown>): void {
  const prev = intents.get(group.id);
  if (prev && priority !== undefined && prev.target !== -1 && prev.target !== priority) {
    throw new InternalError(`group "${group.name}" has two planned priorities (${prev.target}, ${priority})`);
  }
  intents.set(group.id, {
    groupId: group.id,
    name: group.name,
    // -1 = "keep the live priority", resolved below.
    target: priority ?? prev?.target ?? -1,
    profile: { ...(prev?.profile ?? {}), ...profile },
    changeIds: prev ? [...prev.changeIds, changeId] : [changeId],
  });
}

/** The profile keys of an update whose value changes (DN-aware for the OU). */
function changedProfile(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => !profileValueEquals(k, before[k], v)));
}

/**
 * The write schedule of one directory's assignment changes against its live assignments, or null when
 * there are none. Throws PriorityConflictError (schedule.ts) when no order avoids moving an assignment
 * the plan does not manage; buildPlan turns that into a finding.
 */
export function scheduleDirectory(live: LiveDirectory, changes: AssignmentChange[], bound: number): DirectorySchedule | null {
  if (changes.length === 0 || !live.app) return null;
  const intents = new Map<string, SlotIntent>();
  const deletes: DirectorySchedule['deletes'] = [];
  for (const c of changes) {
    switch (c.action) {
      case 'create':
        // Always an explicit priority: an omitted one makes Okta pick one ("the next highest priority is
        // assigned by default", docs/okta-api.md §1), and a stray 0 would outrank every group.
        if (typeof c.after?.priority !== 'number') throw new InternalError(`create ${c.id} has no priority`);
        addIntent(intents, c.group, c.id, c.after.priority, c.after.profile);
        break;
      case 'update':
        addIntent(intents, c.group, c.id, c.after.priority !== c.before.priority ? c.after.priority : undefined, changedProfile(c.before.profile, c.after.profile));
        break;
      case 'reorder':
        for (const m of c.moves) addIntent(intents, m.group, c.id, m.to, {});
        break;
      case 'delete':
        deletes.push({ groupId: c.group.id, name: c.group.name, changeId: c.id });
        break;
      default:
        throw new InternalError(`unhandled assignment change ${JSON.stringify(c satisfies never)}`);
    }
  }
  // The live assignments as they are (the schedule copies nothing of them): 100,000 in a large app, for a
  // plan that may write a few.
  let byGroup: Map<string, LiveAssignment> | undefined;
  const resolved = [...intents.values()].map((i) => {
    if (i.target !== -1) return i;
    byGroup ??= new Map(live.assignments.map((a) => [a.groupId, a]));
    const l = byGroup.get(i.groupId);
    if (!l) throw new InternalError(`update of group "${i.name}" but it is not assigned`);
    return { ...i, target: l.priority };
  });
  const nameOf = (groupId: string): string | undefined => ownValue(live.groups, groupId)?.name;
  const s = scheduleAssignments({ live: live.assignments, intents: resolved, deletes: deletes.map((d) => d.groupId), nameOf, directory: live.name, bound });
  return {
    directory: live.name,
    appId: live.app.id,
    writes: s.writes,
    deletes,
    settle: s.settle,
    expect: resolved.map((i) => ({ groupId: i.groupId, priority: i.target, profile: i.profile, changeIds: i.changeIds })),
    bound,
  };
}
