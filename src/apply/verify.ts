/**
 * Read back what apply wrote and compare (a change that did not take is an error, not a success).
 * Per app (read-cost.ts): the paginated list (limit 200, the maximum: docs/okta-api.md §1), or, where no
 * write carried a priority and it takes fewer calls, one GET per written or deleted assignment (404 =
 * absent); and one GET per mapping (the list omits `properties`, docs/okta-api.md §3).
 *
 * Compared: every managed group at its planned priority with the managed profile keys as written
 * (OU strings case-insensitively: AD DNs are case-insensitive and Okta may echo them differently),
 * deleted groups absent, and each written mapping property. From a list also: every other assignment
 * at the priority it had before apply (Okta shifts assignments on a colliding PUT; none may have
 * moved). The GETs do not show those; they are used only where no write could have shifted one.
 */
import { profileValueEquals } from '../plan/normalise';
import type { OktaApi } from '../okta/api';
import type { LiveMappingProperty } from '../model/types';
import { type RawAssignment, type RawMapping, samePriority, toAssignment, toLiveMapping } from '../live/okta-shapes';
import type { DirectoryExpectation, MappingExpectation, WritePlan } from './types';
import { ownValue } from '../model/data-record';
import { assignmentPath } from './requests';
import { ASSIGNMENT_PAGE, type AppWrites, readBackEachWritten } from './read-cost';
import { InternalError } from '../errors';

/**
 * What was read of an app's assignments: the whole list (`whole`), or only the written and deleted
 * groups, one GET each (those absent were not found).
 */
interface ReadBack {
  raw: RawAssignment[];
  whole: boolean;
}

/**
 * The keys of `want` whose value `have` does not hold (OU strings case-insensitively, as the planner
 * compares them). Shared by the final read-back and the executor's "did the write take?" check.
 */
export function profileMismatches(want: Record<string, unknown>, have: Record<string, unknown>): string[] {
  return Object.keys(want).filter((k) => !profileValueEquals(k, ownValue(have, k), want[k]));
}

/**
 * Differences between an app's read-back assignments (as Okta sent them) and what apply meant to leave
 * (pure). Read with src/live's conversions, so a priority the plan read as unknown (NaN) or from a
 * string compares the same way here. Assignments outside the plan are compared only when `whole`.
 */
export function compareAssignments(exp: DirectoryExpectation, raw: RawAssignment[], whole = true): { mismatches: string[]; changeIds: string[] } {
  const byId = new Map(raw.map(toAssignment).map((a) => [a.groupId, a]));
  const mismatches: string[] = [];
  const ids = new Set<string>();
  const miss = (groupId: string, what: string): void => {
    mismatches.push(`${exp.directory}: group ${groupId} ${what}`);
    for (const c of exp.changeOf[groupId] ?? []) ids.add(c);
  };
  for (const [groupId, want] of Object.entries(exp.assignments)) {
    const have = byId.get(groupId);
    if (want === null) {
      if (have) miss(groupId, 'is still assigned');
      continue;
    }
    if (!have) {
      miss(groupId, 'is not assigned');
      continue;
    }
    if (!samePriority(have.priority, want.priority)) miss(groupId, `has priority ${have.priority}, expected ${want.priority}`);
    for (const k of profileMismatches(want.profile, have.profile)) {
      miss(groupId, `has profile.${k} ${JSON.stringify(ownValue(have.profile, k)) ?? '(unset)'}, expected ${JSON.stringify(ownValue(want.profile, k))}`);
    }
  }
  for (const [groupId, priority] of whole ? Object.entries(exp.untouched) : []) {
    const have = byId.get(groupId);
    if (!have) mismatches.push(`${exp.directory}: group ${groupId} (not in the plan) is no longer assigned`);
    else if (!samePriority(have.priority, priority)) mismatches.push(`${exp.directory}: group ${groupId} (not in the plan) moved from priority ${priority} to ${have.priority}`);
  }
  return { mismatches, changeIds: [...ids] };
}

/**
 * Differences between a read-back mapping's properties (as Okta sent them: a removed property may
 * linger as a null entry, which is not mapped) and the expectation (pure).
 */
export function compareMapping(exp: MappingExpectation, raw: RawMapping['properties']): string[] {
  const properties: Record<string, LiveMappingProperty> = toLiveMapping({ properties: raw }).properties;
  const out: string[] = [];
  for (const [p, want] of Object.entries(exp.properties)) {
    const have = ownValue(properties, p);
    if (want === null) {
      if (have) out.push(`${exp.directory}: mapping property ${p} is still mapped (${have.expression})`);
    } else if (!have) {
      out.push(`${exp.directory}: mapping property ${p} is not mapped`);
    } else if (have.expression !== want.expression || have.pushStatus !== want.pushStatus) {
      out.push(`${exp.directory}: mapping property ${p} is ${have.expression} (${have.pushStatus}), expected ${want.expression} (${want.pushStatus})`);
    }
  }
  return out;
}

/**
 * An assignment found at another priority than the plan leaves it at (its planned slot, or for one
 * outside the plan the slot the plan saw); `slotFree`: nobody holds that slot now.
 */
export interface MovedAssignment {
  directory: string;
  appId: string;
  groupId: string;
  name: string;
  /** Where it belongs. */
  from: number;
  /** Where it is. */
  to: number;
  profile: Record<string, unknown>;
  slotFree: boolean;
  /** True for an assignment the plan does not write. */
  outsidePlan: boolean;
}

/**
 * Assignments not where the plan leaves them (pure), and whether their slot is free to go back to: known
 * only from the whole list; from single GETs a slot counts as taken (the move stays a mismatch).
 */
export function misplaced(exp: DirectoryExpectation, raw: RawAssignment[], whole = true): MovedAssignment[] {
  const live = raw.map(toAssignment);
  const held = new Map<number, number>();
  for (const a of live) held.set(a.priority, (held.get(a.priority) ?? 0) + 1);
  const out: MovedAssignment[] = [];
  for (const a of live) {
    const planned = exp.assignments[a.groupId];
    const from = planned ? planned.priority : exp.untouched[a.groupId];
    if (from === undefined || !Number.isFinite(from) || samePriority(a.priority, from)) continue;
    out.push({
      directory: exp.directory,
      appId: exp.appId,
      groupId: a.groupId,
      name: exp.names[a.groupId] ?? a.groupId,
      from,
      to: a.priority,
      profile: a.profile,
      slotFree: whole && !held.has(from),
      outsidePlan: !planned,
    });
  }
  return out;
}

/**
 * What moved in an app since the plan read it (pure), one line each: the check right before the app's
 * first write (another apply or an admin is changing it: writing now could shift what they wrote).
 */
export function movedSincePlan(exp: DirectoryExpectation, raw: RawAssignment[]): string[] {
  const live = new Map(raw.map(toAssignment).map((a) => [a.groupId, a]));
  const name = (g: string): string => `"${exp.names[g] ?? g}"`;
  const out: string[] = [];
  for (const [g, p] of Object.entries(exp.before)) {
    const a = live.get(g);
    if (!a) out.push(`${exp.directory}: ${name(g)} was unassigned`);
    else if (!samePriority(a.priority, p)) out.push(`${exp.directory}: ${name(g)} priority ${p} → ${a.priority}`);
  }
  for (const [g, a] of live) if (!(g in exp.before)) out.push(`${exp.directory}: ${name(g)} was assigned (priority ${a.priority})`);
  return out;
}

export async function verifyWritePlan(api: OktaApi, wp: WritePlan): Promise<{ mismatches: string[]; changeIds: string[]; moved: MovedAssignment[] }> {
  const mismatches: string[] = [];
  const changeIds = new Set<string>();
  const moved: MovedAssignment[] = [];
  for (const m of wp.expect.mappings) {
    const res = await api.request<RawMapping>('GET', `/api/v1/mappings/${encodeURIComponent(m.mappingId)}`);
    const found = compareMapping(m, res.body?.properties);
    if (found.length > 0) {
      for (const m of found) mismatches.push(m);
      for (const c of m.changeIds) changeIds.add(c);
    }
  }
  for (const d of wp.expect.assignments) {
    const { raw, whole } = await readBack(api, d, writesOf(wp, d));
    const r = compareAssignments(d, raw, whole);
    for (const m of r.mismatches) mismatches.push(m);
    for (const c of r.changeIds) changeIds.add(c);
    for (const m of misplaced(d, raw, whole)) moved.push(m);
  }
  return { mismatches, changeIds: [...changeIds], moved };
}

/** The writes the plan makes to an expectation's app. */
function writesOf(wp: WritePlan, d: DirectoryExpectation): AppWrites {
  const w = wp.directories.find((x) => x.directory === d.directory);
  if (!w) throw new InternalError(`the write plan expects directory "${d.directory}" but has no writes for it`);
  return w;
}

/** Every assignment of an app, as Okta lists them (200 a page). */
export function listAppAssignments(api: OktaApi, appId: string): Promise<RawAssignment[]> {
  return api.list<RawAssignment>(`/api/v1/apps/${encodeURIComponent(appId)}/groups`, { limit: ASSIGNMENT_PAGE });
}

/** An app's assignments after apply: the list, or single GETs where that is safe and fewer calls (read-cost.ts). */
async function readBack(api: OktaApi, d: DirectoryExpectation, writes: AppWrites): Promise<ReadBack> {
  if (!readBackEachWritten(d, writes)) return { raw: await listAppAssignments(api, d.appId), whole: true };
  const raw: RawAssignment[] = [];
  for (const groupId of Object.keys(d.assignments)) {
    const res = await api.request<RawAssignment>('GET', assignmentPath(d.appId, groupId), { okStatuses: [404] });
    if (res.status !== 404 && res.body) raw.push(res.body);
  }
  return { raw, whole: false };
}
