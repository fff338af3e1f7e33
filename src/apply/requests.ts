/**
 * Plan changes → the HTTP requests `apply` sends, as data (pure; docs/style.md §5). The plan holds the exact
 * assignment writes (its schedule), computed from the live state it was made from, so a PUT carries the
 * assignment's whole profile: the changed managed keys over every key live Okta has (keys the file does
 * not manage are never dropped).
 *
 * Order (docs/design.md §2):
 * 1. attribute-mapping fixes, one `POST /api/v1/mappings/{id}` per mapping carrying every property
 *    change (removals in Okta's documented null form `{expression: null, pushStatus: null}`,
 *    spec example RemoveMappingBody). A live `dn` mapping makes provisioning fail with "Target OU is
 *    not an import OU", so it must be gone before any assignment write triggers provisioning;
 * 2. per directory, the plan's schedule: creates, updates and reorder moves in priority order, never
 *    onto an occupied priority (src/plan/schedule.ts);
 * 3. deletes last;
 * 4. the moves that had to wait for a delete to free their slot.
 */
import type { AttributeMappingChange, Change, LiveDirectory, LiveState, Plan, PlannedWrite } from '../model/types';
import { InternalError } from '../errors';
import type { ApplyRequest, DirectoryExpectation, MappingExpectation, WritePlan } from './types';
import { adGroupRequests, type AdGroupExpectation } from './ad-groups';
import { scopeRequest, type ScopeExpectation } from './user-scope';
import { setOwn } from '../model/data-record';

function assertNever(x: never): never {
  throw new InternalError(`unhandled change ${JSON.stringify(x)}`);
}

export function assignmentPath(appId: string, groupId: string): string {
  return `/api/v1/apps/${encodeURIComponent(appId)}/groups/${encodeURIComponent(groupId)}`;
}

function mappingPath(mappingId: string): string {
  return `/api/v1/mappings/${encodeURIComponent(mappingId)}`;
}

/** RFC 6901 escaping of one JSON Pointer segment. */
function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface MappingWork {
  directory: string;
  mappingId: string;
  properties: Record<string, { expression: string | null; pushStatus: string | null }>;
  changeIds: string[];
}

function collectMapping(work: MappingWork, c: AttributeMappingChange): void {
  work.changeIds.push(c.id);
  switch (c.action) {
    case 'create':
    case 'update':
      if (!c.after || c.after.expression === null || c.after.pushStatus === null) {
        throw new InternalError(`${c.action} ${c.id} has no expression`);
      }
      setOwn(work.properties, c.property, { expression: c.after.expression, pushStatus: c.after.pushStatus });
      return;
    case 'delete':
      setOwn(work.properties, c.property, { expression: null, pushStatus: null });
      return;
    default:
      return assertNever(c);
  }
}

function writeRequest(appId: string, directory: string, w: PlannedWrite): ApplyRequest {
  const path = assignmentPath(appId, w.groupId);
  if (w.method === 'patch') {
    const keys = w.patchKeys ?? [];
    return {
      method: 'PATCH',
      path,
      body: keys.map((k) => ({ op: 'replace', path: `/profile/${pointerSegment(k)}`, value: w.profile[k] })),
      changeIds: w.changeIds,
      directory,
      summary: `PATCH ${directory} "${w.name}" ${keys.join(', ')}`,
    };
  }
  return {
    method: 'PUT',
    path,
    body: { priority: w.priority, profile: w.profile },
    changeIds: w.changeIds,
    directory,
    summary: `PUT ${directory} "${w.name}" priority ${w.priority}${w.parking ? ' (temporary, frees its slot)' : ''}`,
  };
}

/**
 * Turns a plan into the ordered requests that carry it out: the plan's mapping changes and its
 * assignment schedule (src/plan/write-schedule.ts), computed by `plan` from the live state it read.
 * `live` is that same state: what every assignment the plan does not touch must still read back as.
 */
export function buildWritePlan(plan: Plan, live: LiveState): WritePlan {
  const maps = new Map<string, MappingWork>();
  const adGroups: ApplyRequest[] = [];
  const conversions: ApplyRequest[] = [];
  const scopeExpect: ScopeExpectation[] = [];
  const adGroupExpect: AdGroupExpectation[] = [];
  let assignmentChanges = 0;
  for (const change of plan.changes as Change[]) {
    switch (change.kind) {
      case 'assignment':
        assignmentChanges++;
        break;
      case 'attributeMapping': {
        let w = maps.get(change.mappingId);
        if (!w) {
          maps.set(change.mappingId, (w = { directory: change.directory, mappingId: change.mappingId, properties: {}, changeIds: [] }));
        }
        collectMapping(w, change);
        break;
      }
      case 'adGroupMembership': {
        const appId = plan.directories.find((d) => d.name === change.directory)?.appId;
        if (!appId) throw new InternalError(`plan has changes for unknown directory "${change.directory}"`);
        const r = adGroupRequests(change, appId);
        adGroups.push(...r.requests);
        adGroupExpect.push(r.expect);
        break;
      }
      case 'userScope': {
        const appId = plan.directories.find((d) => d.name === change.directory)?.appId;
        if (!appId) throw new InternalError(`plan has changes for unknown directory "${change.directory}"`);
        const r = scopeRequest(change, appId);
        conversions.push(r.request);
        scopeExpect.push(r.expect);
        break;
      }
      default:
        assertNever(change);
    }
  }
  if (assignmentChanges > 0 && !plan.schedule) throw new InternalError('the plan has assignment changes but no write schedule');

  const mappings: ApplyRequest[] = [];
  const mappingExpect: MappingExpectation[] = [];
  for (const w of maps.values()) {
    mappings.push({
      method: 'POST',
      path: mappingPath(w.mappingId),
      body: { properties: w.properties },
      changeIds: w.changeIds,
      directory: w.directory,
      summary: `POST ${w.directory} mapping ${Object.entries(w.properties)
        .map(([p, v]) => (v.expression === null ? `-${p}` : p))
        .join(', ')}`,
    });
    const props: MappingExpectation['properties'] = {};
    for (const [p, v] of Object.entries(w.properties)) {
      setOwn(props, p, v.expression === null || v.pushStatus === null ? null : { expression: v.expression, pushStatus: v.pushStatus });
    }
    mappingExpect.push({ directory: w.directory, mappingId: w.mappingId, properties: props, changeIds: w.changeIds });
  }

  const directories: WritePlan['directories'] = [];
  const assignmentExpect: DirectoryExpectation[] = [];
  for (const s of plan.schedule ?? []) {
    const name = s.directory;
    const liveDir: LiveDirectory | undefined = live.directories.find((d) => d.name === name);
    if (!liveDir?.app || liveDir.app.id !== s.appId) throw new InternalError(`live state for directory "${name}" is not app ${s.appId}`);
    const appId = s.appId;
    directories.push({
      directory: name,
      appId,
      writes: s.writes.map((w) => writeRequest(appId, name, w)),
      deletes: s.deletes.map((d) => ({
        method: 'DELETE' as const,
        path: assignmentPath(appId, d.groupId),
        changeIds: [d.changeId],
        directory: name,
        summary: `DELETE ${name} "${d.name}"`,
      })),
      settle: s.settle.map((w) => writeRequest(appId, name, w)),
    });
    const names = Object.fromEntries(Object.values(liveDir.groups).map((g) => [g.id, g.name]));
    for (const w of s.writes) names[w.groupId] = w.name;
    const before = Object.fromEntries(liveDir.assignments.map((a) => [a.groupId, a.priority]));
    const expectation: DirectoryExpectation = { directory: name, appId, assignments: {}, untouched: {}, changeOf: {}, before, names };
    for (const i of s.expect) {
      expectation.assignments[i.groupId] = { priority: i.priority, profile: i.profile };
      expectation.changeOf[i.groupId] = i.changeIds;
    }
    for (const d of s.deletes) {
      expectation.assignments[d.groupId] = null;
      expectation.changeOf[d.groupId] = [d.changeId];
    }
    for (const a of liveDir.assignments) {
      if (!(a.groupId in expectation.assignments)) expectation.untouched[a.groupId] = a.priority;
    }
    assignmentExpect.push(expectation);
  }

  return {
    mappings,
    directories,
    expect: {
      assignments: assignmentExpect,
      mappings: mappingExpect,
      ...(adGroupExpect.length ? { adGroups: adGroupExpect } : {}),
      ...(scopeExpect.length ? { scopes: scopeExpect } : {}),
    },
    ...(adGroups.length ? { adGroups } : {}),
    ...(conversions.length ? { conversions } : {}),
    changeIds: plan.changes.map((c) => c.id),
  };
}

/** Every request of a write plan in execution order (deletes of one directory may run concurrently). */
export function allRequests(wp: WritePlan): ApplyRequest[] {
  return [...wp.mappings, ...wp.directories.flatMap((d) => [...d.writes, ...d.deletes, ...d.settle]), ...(wp.conversions ?? []), ...(wp.adGroups ?? [])];
}
