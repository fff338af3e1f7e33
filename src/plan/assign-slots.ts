/**
 * Target priorities for the managed groups of one directory.
 *
 * Okta gives every group assignment an integer `priority`; when a user is in several assigned groups the
 * group with the higher priority decides the user's OU (docs/okta-api.md §1; help.okta.com
 * ad-agent-ou-updates). Which number is "higher" lives in src/model/priority.ts; this file works in RANK
 * space (rank 0 = highest priority) and converts at the edges, so flipping that assumption flips this too.
 *
 * Rules (docs/design.md §1):
 * 1. The file's list order is the managed groups' relative order. Nothing else is promised.
 * 2. Unmanaged assignments (not listed: ignored, left alone in additive mode, or about to be deleted) keep
 *    their slots and are never renumbered.
 * 3. Managed groups that already have an assignment re-use the slots they occupy, handed out again in file
 *    order, for as long as that keeps the order strict (the "prefix").
 * 4. A create never takes an occupied slot: it gets a fresh slot after the current lowest-ranked assignment
 *    (max priority + 1, + 2, …), so writing it (creates run before the reorder) never collides with a live
 *    priority. Every managed group listed AFTER the first create must rank below it, so from the first
 *    create on, all managed groups take fresh slots, in file order. The existing slots they leave are
 *    simply left empty: gaps are harmless, only relative order matters.
 * 5. Two managed groups sharing a live priority (PRIORITY_DUPLICATE) cannot both keep it: from the first
 *    group whose re-used slot would not rank strictly below the previous one, fresh slots are used too.
 * 6. A slot an unmanaged assignment also holds is never handed out (writing it would shift that assignment).
 *
 * Examples (lower number = higher priority; U is an unmanaged group):
 * - live A0 B1 C2, file A C B       → A0 C1 B2           (reorder: C 2→1, B 1→2)
 * - live A0 B1 C2, file A B C X     → A0 B1 C2 X3        (one create, nothing moves)
 * - live A0 B1 C2, file A X B C     → A0 X3 B4 C5        (create X; B 1→4, C 2→5; slots 1 and 2 left empty)
 * - live A0 U1 B2, file B A         → B0 A2, U stays 1   (the managed slots {0,2} are reused in file order)
 * - live A0 B0 (duplicate), file A B → A0 B1            (B takes the fresh slot 1)
 * - live U0 U1, file X Y            → X2 Y3
 * - live A1 U1 B2, file B A         → B2 A3, U stays 1   (slot 1 is shared with U: not reusable)
 * Re-planning after apply gives no change: the managed groups then hold increasing slots in file order.
 */
import { LOWER_NUMBER_WINS } from '../model/priority';
import { isKnownPriority } from './known-priority';

const toRank = (priority: number): number => (LOWER_NUMBER_WINS ? priority : -priority);
const toPriority = (rank: number): number => (LOWER_NUMBER_WINS ? rank : -rank);

export interface SlotRequest {
  key: string;
  /** The live priority, or null for a create. */
  current: number | null;
}

/**
 * @param ordered the managed groups in file order
 * @param livePriorities the priorities of ALL live assignments of the directory (managed or not)
 * @returns the target priority for each key
 */
export function assignSlots(ordered: SlotRequest[], livePriorities: number[]): Map<string, number> {
  // A priority Okta did not return as a number (NaN, PRIORITY_UNKNOWN) is no slot: such a group is placed
  // like a create, and NaN never reaches the max below (it would poison every fresh slot).
  // A slot an unmanaged assignment also holds is no slot to hand out: writing it would make Okta shift that
  // assignment, which apply refuses (PRIORITY_CONFLICT); the managed group takes a fresh slot instead.
  const heldBy = (ps: Array<number | null>, p: number): number => ps.filter((q) => q === p).length;
  const managed = ordered.map((r) => r.current);
  const shared = (p: number): boolean => heldBy(livePriorities, p) > heldBy(managed, p);
  const reusable = ordered.filter((r) => isKnownPriority(r.current) && !shared(r.current as number)).map((r) => toRank(r.current as number)).sort((a, b) => a - b);
  let fresh = livePriorities.filter(isKnownPriority).reduce((m, p) => Math.max(m, toRank(p)), -1) + 1;
  const out = new Map<string, number>();
  let next = 0;
  let prev = -Infinity;
  let inPrefix = true;
  for (const r of ordered) {
    let rank: number;
    if (inPrefix && isKnownPriority(r.current) && next < reusable.length && reusable[next] > prev) {
      rank = reusable[next++];
    } else {
      inPrefix = false;
      rank = fresh++;
    }
    prev = rank;
    out.set(r.key, toPriority(rank));
  }
  return out;
}
