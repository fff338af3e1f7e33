/**
 * The plan's fingerprint: sha256 over the canonical JSON (sorted keys, stable array order) of the live
 * slice the plan was computed from. `apply PLANFILE` re-reads the same slice and refuses a stale plan
 * (docs/design.md §4; what moved is told by src/apply/stale.ts). Okta has no ETags on these objects (docs/okta-api.md §4),
 * so `lastUpdated` is included to catch any out-of-band write, even one to a key we do not compare.
 *
 * The slice, per directory: the app (id, name, naming context); how each file reference resolved;
 * every assignment (group id and name, priority, the managed profile keys — organizationalUnit for all,
 * plus the file's keys for managed groups —, lastUpdated); the Okta→AD mapping (id, properties).
 */
import { byCodeUnits } from '../model/sorted-json';
import { canonicalDigest } from '../model/canonical-digest';
import type { DesiredState, LiveAssignment, LiveState } from '../model/types';
import { analyse, type DirectoryAnalysis } from './analyse';
import { managedKeys, managesMoreThanOu, OU_KEY, ouKey, pickKeys } from './normalise';
import { resolvedGroups } from './resolve-groups';

export interface SliceAssignment {
  groupId: string;
  name: string | null;
  priority: number;
  profile: Record<string, unknown>;
  lastUpdated: string;
}

export interface SliceDirectory {
  name: string;
  app: { id: string; name: string; namingContext: string | null } | null;
  resolved: Record<string, string[]>;
  assignments: SliceAssignment[];
  mapping: { id: string; properties: Record<string, { expression: string; pushStatus: string }> } | null;
  /** Only for directories with `adGroups`: each AD group's members and the users it should have (ids). */
  adGroups?: Array<{ ref: string; matches: string[]; members: string[]; desired: string[]; missing: string[] }>;
  /** Only in orgs with user types besides the default: their mappings to the app. */
  typeMappings?: Array<{ userType: string; id: string; properties: Record<string, { expression: string; pushStatus: string }> }>;
}

export interface LiveSlice {
  directories: SliceDirectory[];
}

/** A directory's slice with its assignments still to be made, in groupId order (one at a time when hashed). */
type LazySliceDirectory = Omit<SliceDirectory, 'assignments'> & { assignments: () => Generator<SliceAssignment> };

function lazySlice(analysis: DirectoryAnalysis[]): LazySliceDirectory[] {
  const directories = analysis.map(({ desired: d, live: l, resolution }): LazySliceDirectory => {
    // Only groups whose file lists profile keys: for the others (most) the managed keys are the OU alone.
    const keysByGroup = new Map(resolution.managed.filter((m) => managesMoreThanOu(m.desired)).map((m) => [m.group.id, managedKeys(m.desired)]));
    // fromEntries makes own keys even of "__proto__"; lookups are own-key only (resolvedGroups).
    const resolved: Record<string, string[]> = Object.fromEntries(d.groups.map((g) => [g.group, resolvedGroups(l, g.group).map((x) => x.id).sort(byCodeUnits)]));
    const sliceAssignment = (a: LiveAssignment): SliceAssignment => {
      const profile = pickKeys(a.profile, keysByGroup.get(a.groupId) ?? [OU_KEY]);
      if (typeof profile[OU_KEY] === 'string') profile[OU_KEY] = ouKey(profile[OU_KEY]);
      // Keys in code-unit order, as the canonical JSON writes them: hashing then skips sorting them.
      return { groupId: a.groupId, lastUpdated: a.lastUpdated, name: l.groups[a.groupId]?.name ?? null, priority: a.priority, profile };
    };
    function* assignments(): Generator<SliceAssignment> {
      for (const a of [...l.assignments].sort((x, y) => byCodeUnits(x.groupId, y.groupId))) yield sliceAssignment(a);
    }
    const mapping = l.mapping
      ? {
          id: l.mapping.id,
          properties: Object.fromEntries(Object.entries(l.mapping.properties).map(([k, p]) => [k, { expression: p.expression, pushStatus: p.pushStatus }])),
        }
      : null;
    const app = l.app ? { id: l.app.id, name: l.app.name, namingContext: l.app.namingContext } : null;
    const ids = (us: Array<{ id: string }>): string[] => us.map((u) => u.id).sort(byCodeUnits);
    const adGroups = l.adGroups?.map((e) => ({ ref: e.ref, matches: ids(e.matches), members: ids(e.members), desired: ids(e.desired), missing: [...e.missing].sort(byCodeUnits) }));
    const props = (m: { properties: Record<string, { expression: string; pushStatus: string }> }) =>
      Object.fromEntries(Object.entries(m.properties).map(([k, p]) => [k, { expression: p.expression, pushStatus: p.pushStatus }]));
    const typeMappings = l.typeMappings?.map((t) => ({ userType: t.userType.name, id: t.mapping.id, properties: props(t.mapping) }));
    return { name: d.name, app, resolved, assignments, mapping, ...(adGroups ? { adGroups } : {}), ...(typeMappings ? { typeMappings } : {}) };
  });
  return directories.sort((a, b) => byCodeUnits(a.name, b.name));
}

/**
 * The canonical live slice for the desired directories (in name order), held whole: what the fingerprint
 * covers, for inspection and tests (the plan hashes it record by record: fingerprintLive).
 */
export function liveSlice(live: LiveState, desired: DesiredState, analysis: DirectoryAnalysis[] = analyse(desired, live)): LiveSlice {
  return { directories: lazySlice(analysis).map((d) => ({ ...d, assignments: [...d.assignments()] })) };
}

/**
 * The digest of `liveSlice(…)`, hashed record by record: the slice is never held whole. `analysis`: the
 * planner's, when already computed (analyse.ts).
 */
export function fingerprintLive(live: LiveState, desired: DesiredState, analysis: DirectoryAnalysis[] = analyse(desired, live)): string {
  return canonicalDigest({ directories: lazySlice(analysis).map((d) => ({ ...d, assignments: d.assignments() })) });
}
