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
import { type RawAssignment, seg, toAssignment, toLiveGroup } from './okta-shapes';
import { setOwn } from '../model/data-record';
import { memo } from '../model/memo';

export interface AssignmentsRead {
  assignments: LiveAssignment[];
  /** The embedded group of each assignment, by id. */
  groups: Record<string, LiveGroup>;
  /** Assignments that came without their group (read one by one by the caller). */
  withoutEmbedded: string[];
}

type Profile = LiveAssignment['profile'];

export async function readAssignments(api: OktaApi, appId: string): Promise<AssignmentsRead> {
  const into = assignmentCollector();
  for await (const page of api.pages<RawAssignment>(`/api/v1/apps/${seg(appId)}/groups`, { limit: 200, expand: 'group' })) into.add(page);
  return into.read;
}

/** Converts pages as they come into one AssignmentsRead (exported for the test that compares it to toAssignment/toLiveGroup). */
export function assignmentCollector(): { add(page: readonly RawAssignment[]): void; read: AssignmentsRead } {
  const read: AssignmentsRead = { assignments: [], groups: {}, withoutEmbedded: [] };
  // The first string read with each text (memo keeps the first result per key).
  const once = memo((s: string) => s);
  const shared = profileSharer();
  const add = (page: readonly RawAssignment[]): void => {
    for (const raw of page) {
      const a = toAssignment(raw);
      a.lastUpdated = once(a.lastUpdated);
      a.profile = shared(a.profile);
      read.assignments.push(a);
      const g = raw._embedded?.group;
      if (g?.id) {
        const group = toLiveGroup(g);
        if (group.id === a.groupId) group.id = a.groupId;
        group.type = once(group.type);
        // setOwn: an id is Okta's data, and a key "__proto__" must stay a key.
        setOwn(read.groups, group.id, group);
      } else if (raw.id) read.withoutEmbedded.push(raw.id);
    }
  };
  return { add, read };
}

/**
 * The first profile read equal to this one, for profiles of strings (keys in order: their order is data
 * too); any other profile as it is (JSON text would equate 0 and -0). The usual profile, one OU, is looked
 * up by its value without building a text.
 */
function profileSharer(): (p: Profile) => Profile {
  const byOnlyKey = new Map<string, Map<string, Profile>>();
  const byText = new Map<string, Profile>();
  return (p) => {
    let only: string | undefined;
    for (const k in p) {
      if (typeof p[k] !== 'string') return p;
      only = only === undefined ? k : '';
    }
    if (only) {
      const v = p[only] as string;
      let byValue = byOnlyKey.get(only);
      if (!byValue) byOnlyKey.set(only, (byValue = new Map()));
      const known = byValue.get(v);
      if (known) return known;
      byValue.set(v, p);
      return p;
    }
    const text = JSON.stringify(p);
    const known = byText.get(text);
    if (known) return known;
    byText.set(text, p);
    return p;
  };
}
