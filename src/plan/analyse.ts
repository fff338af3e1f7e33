/**
 * What the planner works out once per directory and shares: the pairing of desired and live, the group
 * resolution, and the assignment diff. `buildPlan` computes it once and hands it to the diff, the lints
 * (through `LintContext.analysis`), the safety check and the fingerprint; before, each of them resolved
 * the groups again (about ten times per directory per plan).
 */
import type { AssignmentChange, DesiredState, LiveAssignment, LiveState } from '../model/types';
import type { SlotAssignment } from './assign-slots';
import { planAssignments } from './diff-assignments';
import { type DirectoryPair, isUsable, pairDirectories } from './directories';
import { type GroupResolution, resolveGroups } from './resolve-groups';

export interface DirectoryAnalysis extends DirectoryPair {
  /** The app exists and is an AD app: only then are assignments diffed and most live lints run. */
  usable: boolean;
  resolution: GroupResolution;
  /** The assignment diff (diff-assignments.ts); empty when not usable. */
  assignmentChanges: AssignmentChange[];
  /** The target slots behind the assignment diff; null when not usable. */
  slots: SlotAssignment | null;
  /** Each managed group's live assignment, in `resolution.managed` order; empty when not usable. */
  assigned: ReadonlyArray<LiveAssignment | undefined>;
}

/**
 * `earlier`: an analysis made before more was read (the first diff decides which members to read); a
 * directory whose desired and live objects are the very ones it was made from is not analysed again
 * (the model is never mutated: a reader that adds to a directory returns a new one).
 */
export function analyse(desired: DesiredState, live: LiveState, earlier: readonly DirectoryAnalysis[] = []): DirectoryAnalysis[] {
  return pairDirectories(desired, live).map((p) => {
    const same = earlier.find((e) => e.desired === p.desired && e.live === p.live);
    if (same) return same;
    const resolution = resolveGroups(p.desired, p.live);
    const usable = isUsable(p);
    const planned = usable ? planAssignments(p.desired, p.live, resolution) : null;
    return { ...p, usable, resolution, assignmentChanges: planned?.changes ?? [], slots: planned?.slots ?? null, assigned: planned?.assigned ?? [] };
  });
}
