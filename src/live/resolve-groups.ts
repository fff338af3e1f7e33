/**
 * Resolve the `group:` references in the files (names or ids) to live Okta groups.
 *
 * A directory's own assigned groups come embedded in its assignment list (`expand=group`), so a reference
 * that matches one of them exactly costs nothing. The rest are resolved org-wide, once for all directories,
 * by whichever costs fewer calls, as the org's size shows (list-groups-while-cheaper.ts): the group list
 * (`GET /api/v1/groups?limit=200&expand=stats`, every type: OKTA_GROUP, APP_GROUP, BUILT_IN), matched
 * client-side, or one call per reference — `GET /api/v1/groups/{id}` for an id (404 → not found),
 * `GET /api/v1/groups?search=profile.name eq "…"&expand=stats` for a name. A list read whole also gives
 * the member counts of the directories' assigned groups and the "did you mean" candidates, so neither is
 * asked for again.
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
import { listGroupsWhileCheaper } from './list-groups-while-cheaper';
import { NearNames } from './near-group-names';

export interface OrgGroupLookup {
  /** id reference → the group, or null when Okta has none. */
  byId: Map<string, LiveGroup | null>;
  /** name reference → every org group whose name matches case-insensitively. */
  byName: Map<string, LiveGroup[]>;
  /** Member counts the group list carried for the ids asked for (`countIds`); empty when none was read. */
  counts: Map<string, number>;
  /** When the whole group list was read: "did you mean" candidates for every name (near-group-names.ts). */
  near?: Record<string, string[]>;
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

/**
 * Looks up group ids and names org-wide in the fewest calls (see the module comment); `countIds` are
 * groups already known (assigned): the org has at least that many, and their member counts are kept
 * if the group list is read anyway.
 */
export async function lookupGroups(
  api: OktaApi,
  ids: string[],
  names: string[],
  log: (s: string) => void,
  countIds: ReadonlySet<string> = new Set(),
): Promise<OrgGroupLookup> {
  const byId = new Map<string, LiveGroup | null>();
  const byName = new Map<string, LiveGroup[]>();
  const counts = new Map<string, number>();
  const wantIds = new Set(ids);
  const uniqueNames = [...new Set(names)];
  if (wantIds.size + uniqueNames.length === 0) return { byId, byName, counts };

  // Names indexed once by their lower case: each listed group costs one map lookup, not one per name.
  const candidates = new Map<string, LiveGroup[]>(uniqueNames.map((n) => [n.toLowerCase(), []]));
  const near = new NearNames(uniqueNames);
  let listed = 0;
  let idsLeft = wantIds.size;
  const complete = await listGroupsWhileCheaper(
    api,
    countIds.size,
    () => idsLeft + uniqueNames.length,
    (page) => {
      listed += page.length;
      for (const g of page) {
        if (wantIds.has(g.id) && !byId.has(g.id)) {
          byId.set(g.id, g);
          idsLeft -= 1;
        }
        candidates.get(g.name.toLowerCase())?.push(g);
        if (g.usersCount !== undefined && countIds.has(g.id)) counts.set(g.id, g.usersCount);
        near.add(g.name);
      }
    },
  );
  if (complete) {
    log(`live: listed all ${listed} groups to resolve ${wantIds.size + uniqueNames.length} references`);
    for (const id of wantIds) if (!byId.has(id)) byId.set(id, null);
    for (const name of uniqueNames) byName.set(name, matchName(name, candidates.get(name.toLowerCase()) ?? []));
    return { byId, byName, counts, near: near.result() };
  }

  await Promise.all([
    ...[...wantIds].filter((id) => !byId.has(id)).map(async (id) => {
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
  return { byId, byName, counts };
}

/** Splits references into ids and names (an id-looking reference is an id). */
export function splitRefs(refs: string[]): { ids: string[]; names: string[] } {
  return { ids: refs.filter(looksLikeGroupId), names: refs.filter((r) => !looksLikeGroupId(r)) };
}
