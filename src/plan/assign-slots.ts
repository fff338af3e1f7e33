/**
 * Target priorities for the managed groups of one directory: the fewest writes that put them in file
 * order, with bounded priorities.
 *
 * Okta gives every group assignment an integer `priority`; when a user is in several assigned groups the
 * group with the higher priority decides the user's OU (docs/okta-api.md §1). Which number is "higher"
 * lives in src/model/priority.ts; this file works in RANK space (rank 0 = highest priority) and converts
 * at the edges.
 *
 * Rules (docs/design.md §1):
 * 1. The file's list order is the managed groups' relative order. Nothing else is promised.
 * 2. Unmanaged assignments (ignored, left alone in additive mode, or about to be deleted) keep their
 *    slots; no managed group is ever given one of them (writing it would make Okta shift the holder).
 * 3. Fewest writes: the longest run of managed groups that already stand in file order keeps its
 *    priorities (a longest increasing subsequence, O(n log n)). A managed group whose slot an unmanaged
 *    assignment shares, or whose priority Okta did not return as a number, is never kept.
 * 4. Every other managed group moves into a free slot between its neighbours, spread evenly over the
 *    gap so later inserts find room too; at the end of the list, two apart.
 * 5. Only when a gap has too few free slots is anything re-spaced. In a dense list (more than a quarter
 *    of the kept neighbours have no free slot between them, as the Admin Console leaves an org: 0, 1, 2,
 *    …) the whole list is re-spaced once onto every other free slot, one left at the top (unless two
 *    groups swap slots); a local fix would leave the rest dense and the next change there would re-space
 *    again. Otherwise the window
 *    around the gap widens (doubling, rightwards first) until its free slots fit its groups, which are
 *    then spread evenly over them (a window reaching the end of the list gets twice as many slots as
 *    groups); a window wider than LOCAL_WINDOW groups each side re-spaces the whole list instead. After a
 *    whole re-space an insert or a move costs one or two writes. The groups renumbered without changing
 *    their order are reported (`respaced`), so the plan shows the cost.
 * 6. Bound: okta-ou never writes a priority at or past `priorityBound(n)` = 2 × n + 16 (n = the app's
 *    assignments, counting the ones the plan creates and deletes), so at most every other slot is used
 *    and room is always left: the whole range [0, bound) has at least 2 × managed + 16 free slots.
 *    Priorities already in Okta are kept whatever they are (a later plan never moves a group only
 *    because of its number), so a plan right after apply shows no change.
 *
 * Examples (lower number = higher priority; U is an unmanaged group; more in test/plan/assign-slots.test.ts):
 * - live A0 B1 C2, file A C B       → A0 C2 B4           (one write: B after C)
 * - live A1 B3 C5, file A X B C     → A1 X2 B3 C5        (one write: X into the free slot 2)
 * - live A0 B1 C2, file A X B C     → A1 X3 B5 C7        (dense: the list re-spaced once)
 * - live A0 U1 B2, file B A         → B2 A4, U stays 1
 */
import { InternalError } from '../errors';
import { toPriority, toRank } from '../model/priority';
import { isKnownPriority } from './known-priority';

export interface SlotRequest {
  key: string;
  /** The live priority, or null for a create (or a priority Okta did not return as a number). */
  current: number | null;
}

export interface SlotAssignment {
  /** The target priority of each request, in the order asked (the planner reads these). */
  priorities: number[];
  /** Keys whose priority changes only to make room (their order relative to the others is the same). */
  respaced: Set<string>;
  /** No priority at or past it (in rank space) is written; also the range the schedule parks in. */
  bound: number;
}

/** The exclusive upper bound (in rank space) of the priorities okta-ou writes for an app with `n` assignments. */
export function priorityBound(n: number): number {
  return 2 * n + 16;
}

/** Index of the first element of sorted `xs` that is >= v. */
function lowerBound(xs: number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Free slots (ranks not in sorted `blocked`) within [x, y]. */
export class FreeSlots {
  constructor(private readonly blocked: number[]) {}

  count(x: number, y: number): number {
    if (y < x) return 0;
    return y - x + 1 - (lowerBound(this.blocked, y + 1) - lowerBound(this.blocked, x));
  }

  /** The k-th (0-based) free slot at or after x. */
  nth(x: number, k: number): number {
    let lo = x + k;
    let hi = x + k + this.blocked.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.count(x, mid) >= k + 1) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Indices of a longest strictly increasing subsequence of `values` (entries null are skipped). */
function longestIncreasing(values: Array<number | null>): number[] {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const prev = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    if (v === null) return;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((values[tails[mid]] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) out.push(i);
  return out.reverse();
}

/**
 * @param ordered the managed groups in file order
 * @param livePriorities the priorities of ALL live assignments of the directory (managed or not)
 */
export function assignSlots(ordered: SlotRequest[], livePriorities: number[]): SlotAssignment {
  const known = livePriorities.filter(isKnownPriority);
  const creates = ordered.filter((r) => !isKnownPriority(r.current)).length;
  const bound = priorityBound(livePriorities.length + creates);

  // A slot held by more live assignments than managed ones is (also) an unmanaged one's: blocked.
  const heldCount = new Map<number, number>();
  for (const p of known) heldCount.set(toRank(p), (heldCount.get(toRank(p)) ?? 0) + 1);
  for (const r of ordered) if (isKnownPriority(r.current)) heldCount.set(toRank(r.current), (heldCount.get(toRank(r.current)) ?? 0) - 1);
  const blocked = [...heldCount].filter(([, n]) => n > 0).map(([rank]) => rank).sort((a, b) => a - b);
  const isBlocked = new Set(blocked);
  const free = new FreeSlots(blocked);
  const currentRank = ordered.map((r) => (isKnownPriority(r.current) && !isBlocked.has(toRank(r.current)) ? toRank(r.current) : null));
  // Two longest runs to keep: the one ending lowest (room after it) and the one starting highest (room
  // before it); the one that needs fewer writes (then renumbers fewer) wins.
  const fromLeft = longestIncreasing(currentRank);
  const fromRight = longestIncreasing([...currentRank].reverse().map((v) => (v === null ? null : -v)))
    .map((i) => currentRank.length - 1 - i)
    .reverse();
  const a = place(currentRank, fromLeft, free, bound);
  const b = place(currentRank, fromRight, free, bound);
  const renumbered = (x: { respaced: boolean[] }): number => x.respaced.filter(Boolean).length;
  const best = b.writes < a.writes || (b.writes === a.writes && renumbered(b) < renumbered(a)) ? b : a;
  const priorities = best.rank.map(toPriority);
  const respaced = new Set<string>();
  ordered.forEach((r, k) => {
    if (best.respaced[k]) respaced.add(r.key);
  });
  return { priorities, respaced, bound };
}

/** The widest window (in groups on each side of a gap) re-spaced locally before the whole list is. */
const LOCAL_WINDOW = 16;

/** Target ranks when the items `keep` (increasing current ranks) stay where they are (rules 4 and 5). */
function place(currentRank: Array<number | null>, keep: number[], free: FreeSlots, bound: number): { rank: number[]; respaced: boolean[]; writes: number } {
  const n = currentRank.length;
  const rank: number[] = new Array<number>(n).fill(Number.NaN);
  const anchor: boolean[] = new Array<boolean>(n).fill(false);
  for (const i of keep) {
    anchor[i] = true;
    rank[i] = currentRank[i] as number;
  }
  const nextAnchor = new Array<number>(n + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) nextAnchor[i] = anchor[i] ? i : nextAnchor[i + 1];
  const respaced: boolean[] = new Array<boolean>(n).fill(false);

  /** Items [x, y) spread evenly over the free slots of [lo, hi]. */
  const spread = (x: number, y: number, lo: number, hi: number): void => {
    const slots = free.count(lo, hi);
    const count = y - x;
    for (let t = 0; t < count; t++) {
      const i = x + t;
      const target = free.nth(lo, Math.floor(((2 * t + 1) * slots) / (2 * count)));
      if (anchor[i] && target !== rank[i]) respaced[i] = true;
      rank[i] = target;
    }
  };
  /** At the end of the list: `count` items get twice as many free slots (room for the next insert). */
  const tailEnd = (lo: number, count: number): number => Math.min(bound - 1, free.nth(lo, 2 * count - 1));

  // A dense list (many neighbours with no free slot between them, as the Admin Console leaves an org:
  // 0, 1, 2, …) or a change that needs a wide window is not patched locally, since every later change in
  // the part left dense would re-space again: the whole list is re-spaced once, on every other free slot
  // with one left at the top (as in an empty app), after which an insert or a move costs one or two writes.
  let packed = 0;
  for (let k = 1; k < keep.length; k++) if (free.count(rank[keep[k - 1]] + 1, rank[keep[k]] - 1) === 0) packed++;
  const dense = 4 * packed > keep.length;
  const respaceAll = (): { rank: number[]; respaced: boolean[]; writes: number } => {
    if (free.count(0, bound - 1) < 2 * n) throw new InternalError(`no room for ${n} managed groups below priority ${bound}`);
    for (let k = 0; k < n; k++) {
      const target = free.nth(0, 2 * k + 1);
      respaced[k] = anchor[k] && target !== currentRank[k];
      rank[k] = target;
    }
    return result();
  };
  const result = (): { rank: number[]; respaced: boolean[]; writes: number } => {
    let writes = 0;
    for (let k = 0; k < n; k++) if (rank[k] !== currentRank[k]) writes++;
    return { rank, respaced, writes };
  };

  let i = 0;
  while (i < n) {
    if (anchor[i]) {
      i++;
      continue;
    }
    const j = nextAnchor[i];
    const lo = i === 0 ? 0 : rank[i - 1] + 1;
    const size = j - i;
    const hi = j < n ? Math.min(rank[j] - 1, bound - 1) : tailEnd(lo, size);
    if (free.count(lo, hi) >= size) {
      spread(i, j, lo, hi);
      i = j;
      continue;
    }
    // No room in the gap: take the narrowest window of items [x, y) around it (w groups beside it,
    // rightwards first) whose free slots fit its groups and re-space that; or, when none is at most
    // LOCAL_WINDOW groups wider than the gap (in a dense list: none of at most two groups short of the
    // end, as a swap re-using its two slots), re-space the whole list.
    const widest = dense ? 2 - size : LOCAL_WINDOW;
    let y = -1;
    for (let w = 1; w <= widest && y < 0; w++) {
      for (let left = 0; left <= w && y < 0; left++) {
        const x = i - left;
        const end = j + w - left;
        if (x < 0 || end > n || (end < n && !anchor[end]) || (dense && end === n)) continue;
        const wlo = x === 0 ? 0 : rank[x - 1] + 1;
        const whi = end === n ? tailEnd(wlo, end - x) : Math.min(rank[end] - 1, bound - 1);
        if (free.count(wlo, whi) < end - x) continue;
        spread(x, end, wlo, whi);
        y = end;
      }
    }
    if (y < 0) return respaceAll();
    i = y;
  }
  return result();
}
