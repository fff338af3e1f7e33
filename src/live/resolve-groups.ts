/**
 * Resolve the `group:` references in the files (names or ids) to live Okta groups.
 *
 * A directory's own assigned groups come embedded in its assignment list (`expand=group`), so a reference
 * that matches one of them exactly costs nothing. The rest are resolved org-wide, once for all directories,
 * by whichever costs fewer calls:
 *
 * - up to {@link LIST_ALL_THRESHOLD} references: one call each — `GET /api/v1/groups/{id}` for an id (404 →
 *   not found), `GET /api/v1/groups?search=profile.name eq "…"&expand=stats` for a name;
 * - more: one paginated `GET /api/v1/groups?limit=200&expand=stats` (every type: OKTA_GROUP, APP_GROUP,
 *   BUILT_IN), matched client-side. We cannot know the org's group count without a call; 20 references
 *   cost as much as listing 4,000 groups, and per-reference calls never cost more than 20.
 *
 * Matching (Okta's `search … eq` and `q` are case-insensitive, and whether group names are unique is
 * UNCONFIRMED, docs/okta-api.md §6): exact, case-sensitive name equality first; only when no group has the
 * exact name, a case-insensitive match. More than one match is returned as is — the planner reports
 * GROUP_AMBIGUOUS and the user writes the id instead. Every group type is a candidate: an AD-imported
 * APP_GROUP with the same name as an OKTA_GROUP is a real ambiguity the user must settle.
 */
import type { LiveGroup } from '../model/types';
import { looksLikeGroupId } from '../model/okta-ids';
import type { OktaApi } from '../okta/api';
import { type RawGroup, quoteFilterString, seg, toLiveGroup } from './okta-shapes';

/** Above this many org-wide references, one full paginated group list is cheaper (or as cheap). */
export const LIST_ALL_THRESHOLD = 20;

export interface OrgGroupLookup {
  /** id reference → the group, or null when Okta has none. */
  byId: Map<string, LiveGroup | null>;
  /** name reference → every org group whose name matches case-insensitively. */
  byName: Map<string, LiveGroup[]>;
}

/** Exact (case-sensitive) matches if any, else case-insensitive matches. */
export function matchName(name: string, candidates: Iterable<LiveGroup>): LiveGroup[] {
  const seen = new Map<string, LiveGroup>();
  for (const g of candidates) if (!seen.has(g.id)) seen.set(g.id, g);
  const all = [...seen.values()];
  const exact = all.filter((g) => g.name === name);
  if (exact.length > 0) return exact;
  const lower = name.toLowerCase();
  return all.filter((g) => g.name.toLowerCase() === lower);
}

/** Looks up group ids and names org-wide in the fewest calls (see the module comment). */
export async function lookupGroups(api: OktaApi, ids: string[], names: string[], log: (s: string) => void): Promise<OrgGroupLookup> {
  const byId = new Map<string, LiveGroup | null>();
  const byName = new Map<string, LiveGroup[]>();
  const uniqueIds = [...new Set(ids)];
  const uniqueNames = [...new Set(names)];
  if (uniqueIds.length + uniqueNames.length === 0) return { byId, byName };

  if (uniqueIds.length + uniqueNames.length > LIST_ALL_THRESHOLD) {
    const all = (await api.list<RawGroup>('/api/v1/groups', { limit: 200, expand: 'stats' })).map(toLiveGroup);
    log(`live: listed all ${all.length} groups to resolve ${uniqueIds.length + uniqueNames.length} references`);
    const ids = new Map(all.map((g) => [g.id, g]));
    for (const id of uniqueIds) byId.set(id, ids.get(id) ?? null);
    for (const name of uniqueNames) byName.set(name, matchName(name, all));
    return { byId, byName };
  }

  await Promise.all([
    ...uniqueIds.map(async (id) => {
      const res = await api.request<RawGroup>('GET', `/api/v1/groups/${seg(id)}`, { okStatuses: [404] });
      byId.set(id, res.status === 404 ? null : toLiveGroup(res.body));
    }),
    ...uniqueNames.map(async (name) => {
      const found = await api.list<RawGroup>('/api/v1/groups', {
        search: `profile.name eq ${quoteFilterString(name)}`,
        limit: 200,
        expand: 'stats',
      });
      byName.set(name, matchName(name, found.map(toLiveGroup)));
    }),
  ]);
  return { byId, byName };
}

/** Splits references into ids and names (an id-looking reference is an id). */
export function splitRefs(refs: string[]): { ids: string[]; names: string[] } {
  return { ids: refs.filter(looksLikeGroupId), names: refs.filter((r) => !looksLikeGroupId(r)) };
}
