/**
 * An AD app's group assignments, `GET /api/v1/apps/{id}/groups?limit=200&expand=group` (names and types
 * embedded, no GET per group), converted page by page into the model: a raw page (embedded groups, _links)
 * is dropped once converted, so 100,000 assignments never sit in memory as Okta sent them.
 *
 * What repeats is kept once per read: Okta sends each assignment its own copy of its profile (thousands of
 * groups share one OU in a real org), of its lastUpdated stamp and of the group type, and the embedded group
 * repeats the assignment's id. Equal assignments' profiles are one object: nothing changes a live profile
 * once read (the planner and the lints only read it), and shared values read exactly like copies, so the
 * model is equal either way.
 */
import type { LiveAssignment, LiveGroup } from '../model/types';
import type { OktaApi } from '../okta/api';
import { memo } from '../model/memo';
import { type RawAssignment, seg, toAssignment, toLiveGroup } from './okta-shapes';

export interface AssignmentsRead {
  assignments: LiveAssignment[];
  /** The embedded group of each assignment, by id. */
  groups: Record<string, LiveGroup>;
  /** Assignments that came without their group (read one by one by the caller). */
  withoutEmbedded: string[];
}

export async function readAssignments(api: OktaApi, appId: string): Promise<AssignmentsRead> {
  const into = assignmentCollector();
  for await (const page of api.pages<RawAssignment>(`/api/v1/apps/${seg(appId)}/groups`, { limit: 200, expand: 'group' })) into.add(page);
  return into.read;
}

/** Converts pages as they come into one AssignmentsRead (exported for the test that compares it to toAssignment/toLiveGroup). */
export function assignmentCollector(): { add(page: readonly RawAssignment[]): void; read: AssignmentsRead } {
  const read: AssignmentsRead = { assignments: [], groups: {}, withoutEmbedded: [] };
  const once = memo((s: string) => s);
  const profiles = new Map<string, LiveAssignment['profile']>();
  const add = (page: readonly RawAssignment[]): void => {
    for (const raw of page) {
      const a = toAssignment(raw);
      a.lastUpdated = once(a.lastUpdated);
      const key = textKey(a.profile);
      if (key !== undefined) {
        const known = profiles.get(key);
        if (known) a.profile = known;
        else profiles.set(key, a.profile);
      }
      read.assignments.push(a);
      const g = raw._embedded?.group;
      if (g?.id) {
        const group = toLiveGroup(g);
        if (group.id === a.groupId) group.id = a.groupId;
        group.type = once(group.type);
        read.groups[group.id] = group;
      } else if (raw.id) read.withoutEmbedded.push(raw.id);
    }
  };
  return { add, read };
}

/**
 * A text that equal profiles of strings share and no other profile has (keys in order: their order is
 * data too), or undefined for a profile with other values (kept as read: JSON text would equate 0 and -0).
 */
function textKey(profile: LiveAssignment['profile']): string | undefined {
  for (const k in profile) if (typeof profile[k] !== 'string') return undefined;
  return JSON.stringify(profile);
}
