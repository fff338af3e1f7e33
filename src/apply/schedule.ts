/**
 * The order of priority-sensitive assignment writes for one AD app (pure).
 *
 * Okta's `PUT /api/v1/apps/{appId}/groups/{groupId}` with a `priority` that another assignment already
 * holds does not fail: it SHIFTS the other assignment (recorded 2023 sequence in
 * the recorded app-group-assignment responses (test/conformance/recordings/): A=1, B=2; PUT A priority 2 → A=2, B=1, and B's
 * lastUpdated does not move). How far the shift cascades is not documented, so any write that lands on
 * an occupied slot may move groups okta-ou does not manage.
 *
 * The schedule therefore never writes a priority that another assignment holds at that moment:
 * - a write whose planned slot is free (or held only by the group itself) is "ready"; of the ready
 *   writes, creates and updates go before pure moves (the plan's order), each in priority order,
 *   highest first;
 * - when nothing is ready, every remaining write waits on a slot held by another group. If that holder
 *   is itself still to be written (a cycle, e.g. a swap), it is first parked on a fresh slot below
 *   every used one, which frees the slot; a parked group is written again to its own slot later;
 * - if the holder is a group the plan deletes, the write waits until after the deletes ("settle"); a
 *   group that must exist before then (a create) or whose current slot another write needs is parked
 *   meanwhile;
 * - if the holder is a group the plan does not touch (unmanaged, ignored, or already in place), no
 *   write order can avoid moving it: the schedule refuses before anything is sent.
 *
 * Because no write ever targets an occupied slot, the result does not depend on how Okta shifts: every
 * write sets exactly one assignment's priority, so after the last write each managed group is at its
 * planned priority and every other assignment is where it was. Each group is parked at most once per
 * phase (park slots are never planned slots), so the schedule has at most 2 writes per group.
 */
import { dataEquals as equal } from '../model/data-record';
import { LOWER_NUMBER_WINS, outranks } from '../model/priority';
import { isKnownPriority } from '../plan/known-priority';
import { EXIT, InternalError, OktaOuError } from '../errors';

export interface SlotLive {
  groupId: string;
  priority: number;
  profile: Record<string, unknown>;
}

export interface SlotIntent {
  groupId: string;
  /** Group name, for messages. */
  name: string;
  /** Planned priority. */
  target: number;
  /** The managed profile keys and their planned values (other live keys are kept). */
  profile: Record<string, unknown>;
  changeIds: string[];
}

export interface ScheduledWrite {
  groupId: string;
  name: string;
  /**
   * `put`: full body `{priority, profile}` (profile = live keys overlaid with the managed ones).
   * `patch`: JSON Patch `replace` of changed profile keys only, no priority sent — used for an in-place
   * profile change where every changed key already exists (the smallest correct change; it cannot
   * shift anyone, since it does not send a priority).
   */
  method: 'put' | 'patch';
  priority: number;
  /** The full profile after the write. */
  profile: Record<string, unknown>;
  /** For `patch`: the keys replaced. */
  patchKeys?: string[];
  changeIds: string[];
  parking: boolean;
}

export interface Schedule {
  /** Before the deletes, in order, one at a time. */
  writes: ScheduledWrite[];
  /** After the deletes, in order, one at a time. */
  settle: ScheduledWrite[];
  /**
   * Priority of every assignment once all writes and deletes are done (deleted groups absent, unknown
   * priorities left out). Not used to send anything: it states the schedule's result for its tests
   * (test/apply/schedule.test.ts checks it against the plan's targets).
   */
  final: Record<string, number>;
}

/** What to do about a refused schedule (the same words in `plan`'s finding and `apply`'s error). */
const PRIORITY_CONFLICT_HINT =
  'list the holding group in the file (okta-ou may then move it), or give it a priority no managed group needs in the Okta admin console (Applications → the AD app → Assignments), then plan again';

class PriorityConflictError extends OktaOuError {
  /** `reason` without the directory (a plan finding carries the directory in its own field). */
  constructor(
    readonly reason: string,
    readonly directory?: string,
  ) {
    super('PRIORITY_CONFLICT', directory === undefined ? reason : `${directory}: ${reason}`, { exitCode: EXIT.ERROR, hint: PRIORITY_CONFLICT_HINT });
  }
}

interface Cur {
  /** NaN when Okta returned no numeric priority (PRIORITY_UNKNOWN): such an assignment holds no slot. */
  priority: number;
  profile: Record<string, unknown>;
}

/** Computes the write order for one app. Throws PriorityConflictError before any write when no order is safe. */
export function scheduleAssignments(input: {
  live: SlotLive[];
  intents: SlotIntent[];
  deletes: string[];
  /** Group id → name for groups the plan does not write (unmanaged holders), so messages name them. */
  names?: Record<string, string>;
  /** The directory, for messages. */
  directory?: string;
}): Schedule {
  const cur = new Map<string, Cur>();
  const holders = new Map<number, Set<string>>();
  // An assignment Okta returned without a numeric priority (PRIORITY_UNKNOWN) holds no slot.
  const hold = (p: number, g: string): void => {
    if (!isKnownPriority(p)) return;
    let s = holders.get(p);
    if (!s) holders.set(p, (s = new Set()));
    s.add(g);
  };
  const release = (p: number, g: string): void => {
    const s = holders.get(p);
    s?.delete(g);
    if (s && s.size === 0) holders.delete(p);
  };
  for (const a of input.live) {
    cur.set(a.groupId, { priority: a.priority, profile: { ...a.profile } });
    hold(a.priority, a.groupId);
  }
  const deleting = new Set(input.deletes);
  const intentOf = new Map<string, SlotIntent>();
  for (const i of input.intents) {
    if (intentOf.has(i.groupId)) throw new InternalError(`group ${i.groupId} has two planned priorities`);
    if (deleting.has(i.groupId)) throw new InternalError(`group ${i.groupId} is both written and deleted`);
    intentOf.set(i.groupId, i);
  }

  // Park slots lie beyond every used and planned priority (the bottom of the list), so they are never a
  // planned slot and parking never collides.
  const used = [...input.live.map((a) => a.priority).filter(isKnownPriority), ...input.intents.map((i) => i.target)];
  let edge = used.length === 0 ? 0 : LOWER_NUMBER_WINS ? Math.max(...used) : Math.min(...used);
  const parkSlot = (): number => (edge = LOWER_NUMBER_WINS ? edge + 1 : edge - 1);

  const describe = (g: string): string => intentOf.get(g)?.name ?? input.names?.[g] ?? g;

  function needsWrite(i: SlotIntent): boolean {
    const c = cur.get(i.groupId);
    if (!c || c.priority !== i.target) return true;
    return Object.keys(i.profile).some((k) => !equal(c.profile[k], i.profile[k]));
  }

  function emit(out: ScheduledWrite[], i: SlotIntent, priority: number, parking: boolean): void {
    const c = cur.get(i.groupId);
    const profile = { ...(c?.profile ?? {}), ...i.profile };
    const changedKeys = Object.keys(i.profile).filter((k) => !equal(c?.profile[k], i.profile[k]));
    const inPlace = c !== undefined && c.priority === priority;
    const patch = inPlace && !parking && changedKeys.length > 0 && changedKeys.every((k) => Object.hasOwn(c.profile, k));
    out.push({
      groupId: i.groupId,
      name: i.name,
      method: patch ? 'patch' : 'put',
      priority,
      profile,
      ...(patch ? { patchKeys: changedKeys } : {}),
      changeIds: i.changeIds,
      parking,
    });
    if (c) release(c.priority, i.groupId);
    hold(priority, i.groupId);
    cur.set(i.groupId, { priority, profile });
  }

  /** True when writing `i` now cannot shift anyone. */
  function ready(i: SlotIntent): boolean {
    const c = cur.get(i.groupId);
    const inPlacePatch =
      c !== undefined &&
      c.priority === i.target &&
      Object.keys(i.profile)
        .filter((k) => !equal(c.profile[k], i.profile[k]))
        .every((k) => k in c.profile);
    if (inPlacePatch) return true;
    const h = holders.get(i.target);
    return !h || [...h].every((g) => g === i.groupId);
  }

  // Creates and updates first, then moves that change nothing but the priority (the plan's order:
  // creates/updates, reorder), each in priority order; a move still goes first when it frees a slot.
  const moveOnly = new Set(
    input.intents
      .filter((i) => {
        const c = cur.get(i.groupId);
        return c !== undefined && Object.keys(i.profile).every((k) => equal(c.profile[k], i.profile[k]));
      })
      .map((i) => i.groupId),
  );
  const order = (a: SlotIntent, b: SlotIntent): number => {
    const ra = moveOnly.has(a.groupId) ? 1 : 0;
    const rb = moveOnly.has(b.groupId) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (a.target !== b.target) return outranks(a.target, b.target) ? -1 : 1;
    return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
  };

  function run(pending: SlotIntent[], out: ScheduledWrite[], deferred: SlotIntent[] | null): void {
    pending = pending.filter(needsWrite).sort(order);
    while (pending.length > 0) {
      const idx = pending.findIndex(ready);
      if (idx >= 0) {
        const [i] = pending.splice(idx, 1);
        emit(out, i, i.target, false);
        continue;
      }
      const i = pending[0];
      const blockers = [...(holders.get(i.target) ?? [])].filter((g) => g !== i.groupId);
      const pendingIds = new Set(pending.map((p) => p.groupId));
      const stuck = blockers.filter((g) => !pendingIds.has(g) && !deleting.has(g));
      if (stuck.length > 0) {
        throw new PriorityConflictError(
          `cannot give "${i.name}" priority ${i.target}: it is held by ${stuck.map((g) => `"${describe(g)}"`).join(', ')}, which this plan does not move; writing it would make Okta shift that assignment`,
          input.directory,
        );
      }
      if (blockers.some((g) => deleting.has(g))) {
        if (!deferred) throw new InternalError(`priority ${i.target} still held by a deleted group`);
        pending.shift();
        const c = cur.get(i.groupId);
        const slotWanted = c !== undefined && pending.some((p) => p.target === c.priority);
        if (c === undefined || slotWanted) emit(out, i, parkSlot(), true);
        deferred.push(i);
        continue;
      }
      for (const g of blockers) emit(out, intentOf.get(g)!, parkSlot(), true);
    }
  }

  const writes: ScheduledWrite[] = [];
  const deferred: SlotIntent[] = [];
  run([...input.intents], writes, deferred);
  for (const g of deleting) {
    const c = cur.get(g);
    if (c) release(c.priority, g);
    cur.delete(g);
  }
  const settle: ScheduledWrite[] = [];
  run(deferred, settle, null);

  const final: Record<string, number> = {};
  for (const [g, c] of cur) if (isKnownPriority(c.priority)) final[g] = c.priority;
  return { writes, settle, final };
}
