/**
 * Plan changes → the HTTP requests `apply` sends, as data (pure; STYLE.md §5). Computed from the plan and
 * the live state read right before writing, so a PUT carries the assignment's whole profile: the managed
 * keys from the plan over every key live Okta has (keys the file does not manage are never dropped).
 *
 * Order (docs/design.md §2):
 * 1. attribute-mapping fixes, one `POST /api/v1/mappings/{id}` per mapping carrying every property
 *    change (removals in Okta's documented null form `{expression: null, pushStatus: null}`,
 *    spec example RemoveMappingBody). A live `dn` mapping makes provisioning fail with "Target OU is
 *    not an import OU", so it must be gone before any assignment write triggers provisioning;
 * 2. per directory, creates, updates and reorder moves in priority order, never onto an occupied
 *    priority (see schedule.ts);
 * 3. deletes last;
 * 4. the moves that had to wait for a delete to free their slot.
 */
import { APPS_BUCKET, GENERAL_BUCKET } from '../model/rate-limit-buckets';
import type {
  AssignmentChange,
  AttributeMappingChange,
  Change,
  LiveDirectory,
  LiveState,
  Plan,
} from '../model/types';
import { InternalError } from '../errors';
import { scheduleAssignments, type ScheduledWrite, type SlotIntent } from './schedule';
import type { ApplyRequest, DirectoryExpectation, MappingExpectation, WritePlan } from './types';
import { adGroupRequests, type AdGroupExpectation } from './ad-groups';
import { setOwn } from '../model/data-record';

function assertNever(x: never): never {
  throw new InternalError(`unhandled change ${JSON.stringify(x)}`);
}

function assignmentPath(appId: string, groupId: string): string {
  return `/api/v1/apps/${encodeURIComponent(appId)}/groups/${encodeURIComponent(groupId)}`;
}

function mappingPath(mappingId: string): string {
  return `/api/v1/mappings/${encodeURIComponent(mappingId)}`;
}

/** RFC 6901 escaping of one JSON Pointer segment. */
function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface DirectoryWork {
  intents: Map<string, SlotIntent>;
  deletes: Map<string, { name: string; changeId: string }>;
  /** Every change id touching this directory's assignments. */
  changeIds: string[];
}

interface MappingWork {
  directory: string;
  mappingId: string;
  properties: Record<string, { expression: string | null; pushStatus: string | null }>;
  changeIds: string[];
}

/** Adds a priority and/or managed profile keys for one group, merging a group's update and reorder move. */
function addIntent(
  work: DirectoryWork,
  group: { id: string; name: string },
  changeId: string,
  priority: number | undefined,
  profile: Record<string, unknown>,
): void {
  const prev = work.intents.get(group.id);
  if (prev && priority !== undefined && prev.target !== -1 && prev.target !== priority) {
    throw new InternalError(`group "${group.name}" has two planned priorities (${prev.target}, ${priority})`);
  }
  work.intents.set(group.id, {
    groupId: group.id,
    name: group.name,
    // -1 = "keep the live priority", resolved once the live state is known.
    target: priority ?? prev?.target ?? -1,
    profile: { ...(prev?.profile ?? {}), ...profile },
    changeIds: prev ? [...prev.changeIds, changeId] : [changeId],
  });
}

function collectAssignment(work: DirectoryWork, c: AssignmentChange): void {
  work.changeIds.push(c.id);
  switch (c.action) {
    case 'create':
      if (!c.after) throw new InternalError(`create ${c.id} has no "after"`);
      // Always an explicit priority from the plan: an omitted one makes Okta pick one (spec:
      // "the next highest priority is assigned by default"), and a stray 0 would outrank every group.
      if (typeof c.after.priority !== 'number') throw new InternalError(`create ${c.id} has no priority`);
      addIntent(work, c.group, c.id, c.after.priority, c.after.profile);
      return;
    case 'update':
      if (!c.after) throw new InternalError(`update ${c.id} has no "after"`);
      addIntent(
        work,
        c.group,
        c.id,
        c.before && c.after.priority !== c.before.priority ? c.after.priority : undefined,
        c.after.profile,
      );
      return;
    case 'reorder':
      for (const m of c.moves ?? []) addIntent(work, m.group, c.id, m.to, {});
      if (!c.moves && c.after) addIntent(work, c.group, c.id, c.after.priority, {});
      return;
    case 'delete':
      work.deletes.set(c.group.id, { name: c.group.name, changeId: c.id });
      return;
    default:
      return assertNever(c.action);
  }
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
      return assertNever(c.action);
  }
}

function writeRequest(appId: string, directory: string, w: ScheduledWrite): ApplyRequest {
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
 * Turns a plan into the ordered requests that carry it out, given the live state read just before
 * writing. Throws (before anything is sent) when the plan cannot be carried out without moving an
 * assignment it does not manage.
 */
export function buildWritePlan(plan: Plan, live: LiveState): WritePlan {
  const dirs = new Map<string, DirectoryWork>();
  const maps = new Map<string, MappingWork>();
  const adGroups: ApplyRequest[] = [];
  const adGroupExpect: AdGroupExpectation[] = [];
  for (const change of plan.changes as Change[]) {
    switch (change.kind) {
      case 'assignment': {
        let w = dirs.get(change.directory);
        if (!w) dirs.set(change.directory, (w = { intents: new Map(), deletes: new Map(), changeIds: [] }));
        collectAssignment(w, change);
        break;
      }
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
      default:
        assertNever(change);
    }
  }

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
  for (const [name, w] of dirs) {
    const planDir = plan.directories.find((d) => d.name === name);
    const liveDir: LiveDirectory | undefined = live.directories.find((d) => d.name === name);
    if (!planDir) throw new InternalError(`plan has changes for unknown directory "${name}"`);
    if (!liveDir?.app || liveDir.app.id !== planDir.appId) {
      throw new InternalError(`live state for directory "${name}" is not app ${planDir.appId}`);
    }
    const appId = planDir.appId;
    const liveAssignments = liveDir.assignments.map((a) => ({ groupId: a.groupId, priority: a.priority, profile: a.profile }));
    const intents = [...w.intents.values()].map((i) => {
      if (i.target !== -1) return i;
      const l = liveAssignments.find((a) => a.groupId === i.groupId);
      if (!l) throw new InternalError(`update of group "${i.name}" but it is not assigned`);
      return { ...i, target: l.priority };
    });
    const names = Object.fromEntries(Object.values(liveDir.groups).map((g) => [g.id, g.name]));
    const schedule = scheduleAssignments({ live: liveAssignments, intents, deletes: [...w.deletes.keys()], names, directory: name });
    directories.push({
      directory: name,
      appId,
      writes: schedule.writes.map((s) => writeRequest(appId, name, s)),
      deletes: [...w.deletes].map(([groupId, d]) => ({
        method: 'DELETE' as const,
        path: assignmentPath(appId, groupId),
        changeIds: [d.changeId],
        directory: name,
        summary: `DELETE ${name} "${d.name}"`,
      })),
      settle: schedule.settle.map((s) => writeRequest(appId, name, s)),
    });
    const expectation: DirectoryExpectation = { directory: name, appId, assignments: {}, untouched: {}, changeOf: {} };
    for (const i of intents) {
      expectation.assignments[i.groupId] = { priority: i.target, profile: i.profile };
      expectation.changeOf[i.groupId] = i.changeIds;
    }
    for (const [g, d] of w.deletes) {
      expectation.assignments[g] = null;
      expectation.changeOf[g] = [d.changeId];
    }
    for (const a of liveAssignments) {
      if (!(a.groupId in expectation.assignments)) expectation.untouched[a.groupId] = a.priority;
    }
    assignmentExpect.push(expectation);
  }

  return {
    mappings,
    directories,
    expect: { assignments: assignmentExpect, mappings: mappingExpect, ...(adGroupExpect.length ? { adGroups: adGroupExpect } : {}) },
    ...(adGroups.length ? { adGroups } : {}),
    changeIds: plan.changes.map((c) => c.id),
  };
}

/**
 * The write requests per Okta rate-limit bucket: the exact count `apply` sends, parking moves included
 * (the plan's own `countWrites` can only estimate it without the schedule).
 */
export function writesPerBucket(wp: WritePlan): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (bucket: string, n: number): void => {
    if (n > 0) out[bucket] = (out[bucket] ?? 0) + n;
  };
  add(GENERAL_BUCKET, wp.mappings.length + (wp.adGroups?.length ?? 0));
  for (const d of wp.directories) add(APPS_BUCKET, d.writes.length + d.deletes.length + d.settle.length);
  return out;
}

/** Every request of a write plan in execution order (deletes of one directory may run concurrently). */
export function allRequests(wp: WritePlan): ApplyRequest[] {
  return [...wp.mappings, ...wp.directories.flatMap((d) => [...d.writes, ...d.deletes, ...d.settle]), ...(wp.adGroups ?? [])];
}
