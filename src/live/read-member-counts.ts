/**
 * Member counts (blast radius) for the groups a plan changes, read after a first diff so unchanged groups
 * cost nothing. `GET /api/v1/groups/{id}` takes no `expand`; the list does (`expand=stats` →
 * `_embedded.stats.usersCount`, spec listGroups), so each count is one
 * `GET /api/v1/groups?search=id eq "…"&expand=stats`, or the group list while that is cheaper
 * (list-groups-while-cheaper.ts). Counts already known (a group list read for resolution, whole member
 * lists read for the impact) are never asked for again, so a plan reads the group list at most once.
 */
import type { LiveDirectory, LiveGroup, LiveState } from '../model/types';
import type { OktaApi } from '../okta/api';
import { ownValue, setOwn } from '../model/data-record';
import { type RawGroup, quoteFilterString, toLiveGroup } from './okta-shapes';
import { listGroupsWhileCheaper } from './list-groups-while-cheaper';

/** Group ids in `live` that have no member count yet, among `groupIds`. */
export function groupsWithoutCount(live: LiveState, groupIds: Iterable<string>): string[] {
  const want = new Set(groupIds);
  const missing = new Set<string>();
  for (const d of live.directories) {
    for (const id of want) {
      const g = d.groups[id];
      if (g && g.usersCount === undefined) missing.add(id);
    }
  }
  return [...missing].sort();
}

/** Reads member counts for `groupIds` and returns a copy of `live` with `usersCount` filled in. */
export async function readMemberCounts(api: OktaApi, live: LiveState, groupIds: Iterable<string>): Promise<LiveState> {
  const ids = groupsWithoutCount(live, groupIds);
  if (ids.length === 0) return live;
  const counts = new Map<string, number>();
  const wanted = new Set(ids);
  const keep = (groups: LiveGroup[]): void => {
    for (const g of groups) if (g.usersCount !== undefined && wanted.has(g.id)) counts.set(g.id, g.usersCount);
  };
  const known = new Set(live.directories.flatMap((d) => Object.keys(d.groups))).size;
  if (!(await listGroupsWhileCheaper(api, known, () => ids.length - counts.size, keep))) {
    const pages = await Promise.all(
      ids.filter((id) => !counts.has(id)).map((id) => api.list<RawGroup>('/api/v1/groups', { search: `id eq ${quoteFilterString(id)}`, expand: 'stats' })),
    );
    keep(pages.flat().map(toLiveGroup));
  }
  return { ...live, directories: live.directories.map((d) => withMemberCounts(d, counts)) };
}

/**
 * `d` with the member counts filled in where it had none (in `groups` and in `resolved`, whose entries
 * become the directory's own group objects); `d` itself when nothing changes. Only the references whose
 * groups change get a new list: a plan's few hundred changed groups in a directory of 100,000.
 */
export function withMemberCounts(d: LiveDirectory, counts: ReadonlyMap<string, number>): LiveDirectory {
  let groups = d.groups;
  for (const [id, n] of counts) {
    const g = ownValue(d.groups, id);
    if (!g || g.usersCount !== undefined) continue;
    if (groups === d.groups) groups = { ...d.groups };
    setOwn(groups, id, { ...g, usersCount: n });
  }
  const current = (g: LiveGroup): LiveGroup => ownValue(groups, g.id) ?? g;
  let resolved = d.resolved;
  for (const ref of Object.keys(d.resolved)) {
    const gs = d.resolved[ref];
    if (gs.every((g) => current(g) === g)) continue;
    // A file reference is user data: the spread and setOwn keep a group named "__proto__" an ordinary key.
    if (resolved === d.resolved) resolved = { ...d.resolved };
    setOwn(resolved, ref, gs.map(current));
  }
  return groups === d.groups && resolved === d.resolved ? d : { ...d, groups, resolved };
}
