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
import { byCodeUnits, canonicalJson, sortedUnlessInOrder } from '../model/sorted-json';
import { canonicalDigest, canonicalKeyOrder, CanonicalText, primitiveJson } from '../model/canonical-digest';
import type { DesiredDirectory, DesiredState, LiveAssignment, LiveDirectory, LiveState } from '../model/types';
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

/** One directory's slice with its two long lists (a member per listed group, a record per assignment) still to be made. */
interface DirectorySlice {
  rest: Omit<SliceDirectory, 'resolved' | 'assignments'>;
  desired: DesiredDirectory;
  live: LiveDirectory;
  /** Managed profile keys of the groups whose file lists keys besides the OU; the others manage the OU alone. */
  keysByGroup: Map<string, string[]>;
}

function sliceDirectories(analysis: DirectoryAnalysis[]): DirectorySlice[] {
  const directories = analysis.map(({ desired: d, live: l, resolution }): DirectorySlice => {
    // Only groups whose file lists profile keys: for the others (most) the managed keys are the OU alone.
    const keysByGroup = new Map(resolution.managed.filter((m) => managesMoreThanOu(m.desired)).map((m) => [m.group.id, managedKeys(m.desired)]));
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
    const rest = { name: d.name, app, mapping, ...(adGroups ? { adGroups } : {}), ...(typeMappings ? { typeMappings } : {}) };
    return { rest, desired: d, live: l, keysByGroup };
  });
  return directories.sort((a, b) => byCodeUnits(a.rest.name, b.rest.name));
}

/** The ids a file reference resolved to, sorted. */
function resolvedIds(l: LiveDirectory, ref: string): string[] {
  return resolvedGroups(l, ref)
    .map((x) => x.id)
    .sort(byCodeUnits);
}

/** The assignments in groupId order (as they are when Okta listed them so). */
function inGroupIdOrder(assignments: LiveAssignment[]): LiveAssignment[] {
  return sortedUnlessInOrder(assignments, (x, y) => byCodeUnits(x.groupId, y.groupId));
}

/** The managed keys of a live assignment's profile, the OU normalised. */
function sliceProfile(a: LiveAssignment, keysByGroup: Map<string, string[]>): Record<string, unknown> {
  const profile = pickKeys(a.profile, keysByGroup.get(a.groupId) ?? [OU_KEY]);
  if (typeof profile[OU_KEY] === 'string') profile[OU_KEY] = ouKey(profile[OU_KEY]);
  return profile;
}

function sliceAssignment(a: LiveAssignment, l: LiveDirectory, keysByGroup: Map<string, string[]>): SliceAssignment {
  return { groupId: a.groupId, name: l.groups[a.groupId]?.name ?? null, priority: a.priority, profile: sliceProfile(a, keysByGroup), lastUpdated: a.lastUpdated };
}

/** The directory with its long lists as objects, as liveSlice holds it. */
function wholeDirectory(s: DirectorySlice): SliceDirectory {
  // fromEntries makes own keys even of "__proto__"; lookups are own-key only (resolvedGroups).
  const resolved: Record<string, string[]> = Object.fromEntries(s.desired.groups.map((g) => [g.group, resolvedIds(s.live, g.group)]));
  const assignments = inGroupIdOrder(s.live.assignments).map((a) => sliceAssignment(a, s.live, s.keysByGroup));
  return { ...s.rest, resolved, assignments };
}

const OU_MEMBER = `${JSON.stringify(OU_KEY)}:`;
/** Distinct OU texts whose profile text is kept per fingerprint (far fewer OUs than groups, as a rule). */
const OU_TEXTS = 4096;

/**
 * `sliceProfile(a)`'s canonical JSON; for the usual profile (the OU alone, as a string) without making
 * it, and once per distinct OU text (`ouTexts`).
 */
function profileText(a: LiveAssignment, keysByGroup: Map<string, string[]>, ouTexts: Map<string, string>): string {
  if (keysByGroup.size === 0 || !keysByGroup.has(a.groupId)) {
    const ou = Object.hasOwn(a.profile, OU_KEY) ? a.profile[OU_KEY] : undefined;
    if (ou === undefined) return '{}';
    if (typeof ou === 'string') {
      let text = ouTexts.get(ou);
      if (text === undefined) {
        text = `{${OU_MEMBER}${primitiveJson(ouKey(ou))}}`;
        if (ouTexts.size < OU_TEXTS) ouTexts.set(ou, text);
      }
      return text;
    }
  }
  return canonicalJson(sliceProfile(a, keysByGroup));
}

/** `sliceAssignment(a)`'s canonical JSON, written in its key order from the model: no record per assignment. */
function assignmentText(a: LiveAssignment, l: LiveDirectory, keysByGroup: Map<string, string[]>, ouTexts: Map<string, string>): string {
  const name = l.groups[a.groupId]?.name ?? null;
  // Other kinds than the model's (an undefined member is left out, not written): as the generic writer does.
  if (typeof a.groupId !== 'string' || typeof a.lastUpdated !== 'string' || typeof a.priority !== 'number' || (name !== null && typeof name !== 'string')) {
    return canonicalJson(sliceAssignment(a, l, keysByGroup));
  }
  return `{"groupId":${primitiveJson(a.groupId)},"lastUpdated":${primitiveJson(a.lastUpdated)},"name":${primitiveJson(name)},"priority":${primitiveJson(a.priority)},"profile":${profileText(a, keysByGroup, ouTexts)}}`;
}

function* assignmentsText(s: DirectorySlice): Generator<string> {
  let open = '[';
  const ouTexts = new Map<string, string>();
  for (const a of inGroupIdOrder(s.live.assignments)) {
    yield `${open}${assignmentText(a, s.live, s.keysByGroup, ouTexts)}`;
    open = ',';
  }
  yield open === '[' ? '[]' : ']';
}

/** `resolved` as canonical JSON: each reference once, in canonical key order. */
function* resolvedText(s: DirectorySlice): Generator<string> {
  let open = '{';
  for (const ref of canonicalKeyOrder(s.desired.groups.map((g) => g.group))) {
    const found = resolvedGroups(s.live, ref);
    const ids = found.length === 1 ? primitiveJson(found[0].id) : resolvedIds(s.live, ref).map(primitiveJson).join(',');
    yield `${open}${primitiveJson(ref)}:[${ids}]`;
    open = ',';
  }
  yield open === '{' ? '{}' : '}';
}

/**
 * The canonical live slice for the desired directories (in name order), held whole: what the fingerprint
 * covers, for inspection and tests (the plan hashes it record by record: fingerprintLive).
 */
export function liveSlice(live: LiveState, desired: DesiredState, analysis: DirectoryAnalysis[] = analyse(desired, live)): LiveSlice {
  return { directories: sliceDirectories(analysis).map(wholeDirectory) };
}

/**
 * The digest of `liveSlice(…)`, hashed record by record: the slice is never held whole. `analysis`: the
 * planner's, when already computed (analyse.ts).
 */
export function fingerprintLive(live: LiveState, desired: DesiredState, analysis: DirectoryAnalysis[] = analyse(desired, live)): string {
  const directories = sliceDirectories(analysis).map((s) => ({ ...s.rest, resolved: new CanonicalText(resolvedText(s)), assignments: new CanonicalText(assignmentsText(s)) }));
  return canonicalDigest({ directories });
}
