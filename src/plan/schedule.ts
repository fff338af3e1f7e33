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
 *   is itself still to be written (a cycle, e.g. a swap), it is first parked on a free slot that no
 *   write needs (the lowest-priority one under the bound, assign-slots.ts), which frees the slot; a
 *   parked group is written again to its own slot later. Parking briefly reorders that group's users,
 *   so the plan counts it;
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
 *
 * Linear: ready writes wait in a heap (by the order above), a write waiting on a slot is woken when the
 * slot's last holder leaves it, and free park slots are a stack; O(n log n) for n writes.
 */
import { dataEquals as equal } from '../model/data-record';
import { outranks, toPriority, toRank } from '../model/priority';
import { isKnownPriority } from './known-priority';
import { EXIT, InternalError, OktaOuError } from '../errors';
import type { PlannedWrite } from '../model/types';
import { byCodeUnits } from '../model/sorted-json';

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

export interface Schedule {
  /** Before the deletes, in order, one at a time. */
  writes: PlannedWrite[];
  /** After the deletes, in order, one at a time. */
  settle: PlannedWrite[];
  /**
   * Priority of every assignment once all writes and deletes are done (deleted groups absent, unknown
   * priorities left out). Not used to send anything: it states the schedule's result for its tests
   * (test/plan/schedule.test.ts checks it against the plan's targets).
   */
  final: Record<string, number>;
}

/** What to do about a refused schedule (the plan's PRIORITY_CONFLICT finding). */
const PRIORITY_CONFLICT_HINT =
  'list the holding group in the file (okta-ou may then move it), or give it a priority no managed group needs in the Okta admin console (Applications → the AD app → Assignments), then plan again';

export class PriorityConflictError extends OktaOuError {
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

/** A binary min-heap of numbers (indices into the ordered pending writes). */
class MinHeap {
  private readonly xs: number[] = [];
  get size(): number {
    return this.xs.length;
  }
  push(v: number): void {
    const xs = this.xs;
    xs.push(v);
    for (let i = xs.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (xs[p] <= xs[i]) break;
      [xs[p], xs[i]] = [xs[i], xs[p]];
      i = p;
    }
  }
  pop(): number {
    const xs = this.xs;
    const top = xs[0];
    const last = xs.pop() as number;
    if (xs.length > 0) {
      xs[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && xs[l] < xs[m]) m = l;
        if (r < xs.length && xs[r] < xs[m]) m = r;
        if (m === i) break;
        [xs[m], xs[i]] = [xs[i], xs[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Computes the write order for one app. Throws PriorityConflictError before any write when no order is safe. */
export function scheduleAssignments(input: {
  live: SlotLive[];
  intents: SlotIntent[];
  deletes: string[];
  /** The name of a group the plan does not write (an unmanaged holder), so messages name it. */
  nameOf?: (groupId: string) => string | undefined;
  /** The directory, for messages. */
  directory?: string;
  /** Park slots are taken below this rank when one is free there (assign-slots.ts priorityBound). */
  bound?: number;
}): Schedule {
  const cur = new Map<string, Cur>();
  // Who holds each slot: one group (as good as every slot of a large app), or a set when several do.
  const holders = new Map<number, string | Set<string>>();
  const holdersOf = (p: number): readonly string[] => {
    const h = holders.get(p);
    return h === undefined ? [] : typeof h === 'string' ? [h] : [...h];
  };
  // An assignment Okta returned without a numeric priority (PRIORITY_UNKNOWN) holds no slot.
  const hold = (p: number, g: string): void => {
    if (!isKnownPriority(p)) return;
    const h = holders.get(p);
    if (h === undefined) holders.set(p, g);
    else if (typeof h !== 'string') h.add(g);
    else if (h !== g) holders.set(p, new Set([h, g]));
  };
  // Live entries are held as they are, never changed: a write sets a new entry.
  for (const a of input.live) {
    cur.set(a.groupId, a);
    hold(a.priority, a.groupId);
  }
  const deleting = new Set(input.deletes);
  const intentOf = new Map<string, SlotIntent>();
  for (const i of input.intents) {
    if (intentOf.has(i.groupId)) throw new InternalError(`group ${i.groupId} has two planned priorities`);
    if (deleting.has(i.groupId)) throw new InternalError(`group ${i.groupId} is both written and deleted`);
    intentOf.set(i.groupId, i);
  }

  // Park slots: free ranks under the bound that no write targets, lowest priority first (a stack), plus
  // every such slot a group leaves; past every used rank only when none is left.
  const targets = new Set(input.intents.map((i) => i.target));
  let edge = -1;
  for (const a of input.live) if (isKnownPriority(a.priority)) edge = Math.max(edge, toRank(a.priority));
  for (const i of input.intents) edge = Math.max(edge, toRank(i.target));
  const limit = Math.max(input.bound ?? 0, edge + 1);
  const spare: number[] = [];
  for (let r = 0; r < limit; r++) if (!targets.has(toPriority(r)) && !holders.has(toPriority(r))) spare.push(toPriority(r));
  const parkSlot = (): number => spare.pop() ?? toPriority(++edge);

  /** A write waiting for slot p (at most one: targets are distinct), woken when p is free. */
  let onFree: (p: number) => void = () => undefined;
  const release = (p: number, g: string): void => {
    const h = holders.get(p);
    if (h === undefined) return;
    if (typeof h !== 'string') h.delete(g);
    if (h === g || (typeof h !== 'string' && h.size === 0)) {
      holders.delete(p);
      if (!targets.has(p) && toRank(p) < limit) spare.push(p);
    }
    // The write waiting for p may be ready now (also when the one left holding p is that group itself).
    if (targets.has(p)) onFree(p);
  };

  const describe = (g: string): string => intentOf.get(g)?.name ?? input.nameOf?.(g) ?? g;
  const changedKeys = (i: SlotIntent, c: Cur | undefined): string[] => Object.keys(i.profile).filter((k) => !equal(c?.profile[k], i.profile[k]));

  function needsWrite(i: SlotIntent): boolean {
    const c = cur.get(i.groupId);
    return !c || c.priority !== i.target || changedKeys(i, c).length > 0;
  }

  function emit(out: PlannedWrite[], i: SlotIntent, priority: number, parking: boolean): void {
    const c = cur.get(i.groupId);
    const profile = { ...(c?.profile ?? {}), ...i.profile };
    const keys = changedKeys(i, c);
    const inPlace = c !== undefined && c.priority === priority;
    const patch = inPlace && !parking && keys.length > 0 && keys.every((k) => Object.hasOwn(c.profile, k));
    out.push({
      groupId: i.groupId,
      name: i.name,
      method: patch ? 'patch' : 'put',
      priority,
      profile,
      ...(patch ? { patchKeys: keys } : {}),
      changeIds: i.changeIds,
      parking,
    });
    hold(priority, i.groupId);
    cur.set(i.groupId, { priority, profile });
    if (c && c.priority !== priority) release(c.priority, i.groupId);
  }

  /** True when writing `i` now cannot shift anyone. */
  function ready(i: SlotIntent): boolean {
    const c = cur.get(i.groupId);
    if (c !== undefined && c.priority === i.target && changedKeys(i, c).every((k) => k in c.profile)) return true;
    return holdersOf(i.target).every((g) => g === i.groupId);
  }

  // Creates and updates first, then moves that change nothing but the priority (the plan's order:
  // creates/updates, reorder), each in priority order; a move still goes first when it frees a slot.
  const moveOnly = new Set(input.intents.filter((i) => cur.has(i.groupId) && changedKeys(i, cur.get(i.groupId)).length === 0).map((i) => i.groupId));
  const order = (a: SlotIntent, b: SlotIntent): number => {
    const ra = moveOnly.has(a.groupId) ? 1 : 0;
    const rb = moveOnly.has(b.groupId) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (a.target !== b.target) return outranks(a.target, b.target) ? -1 : 1;
    return byCodeUnits(a.groupId, b.groupId);
  };

  function run(all: SlotIntent[], out: PlannedWrite[], deferred: SlotIntent[] | null): void {
    const pending = all.filter(needsWrite).sort(order);
    const done = new Array<boolean>(pending.length).fill(false);
    const queued = new Array<boolean>(pending.length).fill(false);
    const byTarget = new Map(pending.map((p, k) => [p.target, k]));
    const byGroup = new Map(pending.map((p, k) => [p.groupId, k]));
    const heap = new MinHeap();
    const enqueue = (k: number): void => {
      if (done[k] || queued[k] || !ready(pending[k])) return;
      queued[k] = true;
      heap.push(k);
    };
    onFree = (p) => {
      const k = byTarget.get(p);
      if (k !== undefined) enqueue(k);
    };
    const finish = (k: number): void => {
      done[k] = true;
      left--;
    };
    pending.forEach((_, k) => enqueue(k));
    let left = pending.length;
    let first = 0;
    while (left > 0) {
      if (heap.size > 0) {
        const k = heap.pop();
        if (done[k]) continue;
        finish(k);
        emit(out, pending[k], pending[k].target, false);
        continue;
      }
      while (done[first]) first++;
      const i = pending[first];
      const blockers = holdersOf(i.target).filter((g) => g !== i.groupId);
      if (blockers.length === 0) throw new InternalError(`write of "${i.name}" neither ready nor blocked`);
      const stuck = blockers.filter((g) => {
        const k = byGroup.get(g);
        return (k === undefined || done[k]) && !deleting.has(g);
      });
      if (stuck.length > 0) {
        throw new PriorityConflictError(
          `cannot give "${i.name}" priority ${i.target}: it is held by ${stuck.map((g) => `"${describe(g)}"`).join(', ')}, which this plan does not move; writing it would make Okta shift that assignment`,
          input.directory,
        );
      }
      if (blockers.some((g) => deleting.has(g))) {
        if (!deferred) throw new InternalError(`priority ${i.target} still held by a deleted group`);
        finish(first);
        const c = cur.get(i.groupId);
        const wanted = c !== undefined && byTarget.has(c.priority) && !done[byTarget.get(c.priority) as number];
        if (c === undefined || wanted) emit(out, i, parkSlot(), true);
        deferred.push(i);
        continue;
      }
      for (const g of blockers) emit(out, intentOf.get(g) as SlotIntent, parkSlot(), true);
    }
    onFree = () => undefined;
  }

  const writes: PlannedWrite[] = [];
  const deferred: SlotIntent[] = [];
  run([...input.intents], writes, deferred);
  for (const g of deleting) {
    const c = cur.get(g);
    if (c) release(c.priority, g);
    cur.delete(g);
  }
  const settle: PlannedWrite[] = [];
  run(deferred, settle, null);

  // Made only when read (by its tests): a record of every assignment of a large app otherwise.
  let final: Record<string, number> | undefined;
  return {
    writes,
    settle,
    get final() {
      if (final === undefined) {
        final = {};
        for (const [g, c] of cur) if (isKnownPriority(c.priority)) final[g] = c.priority;
      }
      return final;
    },
  };
}
