/**
 * Read the slice of the live org that the desired state touches (docs/design.md §5 `live/`). Reads only; every
 * call goes through the OktaApi, whose `counts()` become the plan's `budget.reads`.
 *
 * Per run: the app lookup (see find-apps.ts), the default user type (once), the org-wide group
 * resolution (see resolve-groups.ts). Per AD app: one paginated `GET /api/v1/apps/{id}/groups?limit=200&
 * expand=group` (names and types embedded, no GET per group), the profile mapping (2 calls, see
 * read-mapping.ts), the app users in pages of 500, the AD-imported groups of the app
 * (`search=source.id eq "{appId}"`, only when the directory declares import OUs, as evidence for
 * OU_NOT_SEEN_LIVE), and group memberships only when some app user is assigned individually.
 * Reads for the same app are shared when two directories name it.
 */
import type { DesiredDirectory, DesiredState, LiveAssignment, LiveDirectory, LiveGroup, LiveState } from '../model/types';
import type { OktaApi } from '../okta/api';
import { findApps } from './find-apps';
import { isDirectoryAppName, looksLikeGroupId } from '../model/okta-ids';
import {
  type RawAppUser,
  type RawAssignment,
  type RawGroup,
  quoteFilterString,
  seg,
  toAssignment,
  toLiveApp,
  toLiveGroup,
} from './okta-shapes';
import { readDefaultUserTypeId, readMapping } from './read-mapping';
import { readAppUsers, readUserScoped } from './read-app-users';
import { lookupGroups, matchName, splitRefs } from './resolve-groups';
import { setOwn } from '../model/data-record';
import { readAdGroups } from './read-ad-groups';

export interface ReadLiveOptions {
  /** Read only the directory with this name (`plan --directory`). */
  directoryFilter?: string;
  /** Progress lines (the CLI sends them to stderr under --verbose). */
  log?: (s: string) => void;
  /** Read the app's AD-imported groups even where no import OUs are declared (export infers them). */
  importEvidence?: boolean;
}

interface AppSlice {
  assignments: LiveAssignment[];
  groups: Record<string, LiveGroup>;
  mapping: LiveDirectory['mapping'];
  appUsers: RawAppUser[];
  sourceGroups: LiveGroup[];
}

function memo<T>(fn: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let p = cache.get(key);
    if (!p) cache.set(key, (p = fn(key)));
    return p;
  };
}

/** Reads the live slice for `desired` (optionally one directory). Never writes. */
export async function readLive(api: OktaApi, desired: DesiredState, opts: ReadLiveOptions = {}): Promise<LiveState> {
  const log = opts.log ?? (() => undefined);
  const dirs = desired.directories.filter((d) => opts.directoryFilter === undefined || d.name === opts.directoryFilter);

  const apps = await findApps(
    api,
    dirs.map((d) => d.app),
    log,
  );
  let userType: Promise<string | null> | undefined;
  const defaultUserType = (): Promise<string | null> => (userType ??= readDefaultUserTypeId(api));

  const readSlice = memo(async (appId: string): Promise<AppSlice> => {
    const [rawAssignments, mapping, appUsers] = await Promise.all([
      api.list<RawAssignment>(`/api/v1/apps/${seg(appId)}/groups`, { limit: 200, expand: 'group' }),
      defaultUserType().then((oty) => readMapping(api, oty, appId)),
      readAppUsers(api, appId),
    ]);
    const groups: Record<string, LiveGroup> = {};
    const withoutEmbedded: string[] = [];
    for (const a of rawAssignments) {
      const g = a._embedded?.group;
      if (g?.id) groups[g.id] = toLiveGroup(g);
      else if (a.id) withoutEmbedded.push(a.id);
    }
    // Lenient: should Okta ever omit the embedded group, fetch it rather than plan against a nameless one.
    await Promise.all(
      withoutEmbedded.map(async (id) => {
        const res = await api.request<RawGroup>('GET', `/api/v1/groups/${seg(id)}`, { okStatuses: [404] });
        groups[id] = res.status === 404 ? { id, name: '', type: 'OKTA_GROUP' } : toLiveGroup(res.body);
      }),
    );
    log(`live: app ${appId}: ${rawAssignments.length} assignments, ${appUsers.length} app users, mapping ${mapping ? mapping.id : 'none'}`);
    return { assignments: rawAssignments.map(toAssignment), groups, mapping, appUsers, sourceGroups: [] };
  });
  const readSourceGroups = memo(async (appId: string): Promise<LiveGroup[]> =>
    (await api.list<RawGroup>('/api/v1/groups', { search: `source.id eq ${quoteFilterString(appId)}`, limit: 200 })).map(toLiveGroup),
  );

  const slices = await Promise.all(
    dirs.map(async (d) => {
      const matches = (apps.get(d.app) ?? []).map(toLiveApp);
      const app = matches.length === 1 ? matches[0] : null;
      const candidates = matches.length > 1 ? { appCandidates: matches } : {};
      if (!app || !isDirectoryAppName(app.name)) return { d, app, candidates, slice: null };
      const [slice, sourceGroups] = await Promise.all([
        readSlice(app.id),
        d.importOUs.length > 0 || opts.importEvidence || d.adGroups ? readSourceGroups(app.id) : Promise.resolve([]),
      ]);
      return { d, app, candidates: {}, slice: { ...slice, sourceGroups } };
    }),
  );

  // References that a directory's own assigned groups answer exactly cost nothing; the rest are looked up
  // once for the whole org. Trade-off: an exact name match among the app's assigned groups is taken
  // without asking whether an unassigned group elsewhere has the same name (that would cost one search per
  // listed group on every plan); ambiguity among assigned groups is still reported.
  const orgIds: string[] = [];
  const orgNames: string[] = [];
  for (const { d, slice } of slices) {
    const byName = nameIndex(Object.values(slice?.groups ?? {}));
    for (const ref of refsOf(d)) {
      if (looksLikeGroupId(ref)) {
        if (!slice?.groups[ref]) orgIds.push(ref);
      } else if (!byName.has(ref)) {
        orgNames.push(ref);
      }
    }
  }
  const { ids, names } = splitRefs([...new Set([...orgIds, ...orgNames])]);
  const org = await lookupGroups(api, ids, names, log);

  const directories = await Promise.all(
    slices.map(async ({ d, app, candidates, slice }): Promise<LiveDirectory> => {
      const groups: Record<string, LiveGroup> = { ...(slice?.groups ?? {}) };
      const assigned = Object.values(groups);
      const assignedByName = nameIndex(assigned);
      const resolved: Record<string, LiveGroup[]> = {};
      for (const ref of refsOf(d)) {
        let matches: LiveGroup[];
        if (looksLikeGroupId(ref)) {
          const g = groups[ref] ?? org.byId.get(ref) ?? null;
          matches = g ? [g] : [];
        } else {
          const exactAssigned = assignedByName.get(ref);
          matches = exactAssigned ? [...exactAssigned] : matchName(ref, [...(org.byName.get(ref) ?? []), ...assigned]);
        }
        setOwn(resolved, ref, matches);
        for (const g of matches) groups[g.id] = groups[g.id] ?? g;
      }
      if (!slice) {
        return { name: d.name, app, ...candidates, assignments: [], groups, resolved, mapping: null, userScoped: { count: 0, sample: [] }, observedDns: [] };
      }
      const managed = uniqueById(Object.values(resolved).filter((m) => m.length === 1).flat());
      const { memberCounts, ...userScoped } = await readUserScoped(api, slice.appUsers, managed);
      for (const [id, n] of memberCounts) if (groups[id] && groups[id].usersCount === undefined) groups[id] = { ...groups[id], usersCount: n };
      for (const [ref, gs] of Object.entries(resolved)) resolved[ref] = gs.map((g) => groups[g.id] ?? g);
      const dns = new Set<string>();
      // A user whose push failed (syncState ERROR, still STAGED) is not in AD: its dn is no evidence of an import OU.
      for (const u of slice.appUsers) {
        if (u.syncState === 'ERROR' || u.status === 'STAGED') continue;
        if (typeof u.profile?.dn === 'string' && u.profile.dn !== '') dns.add(u.profile.dn);
      }
      for (const g of slice.sourceGroups) if (g.dn) dns.add(g.dn);
      return {
        name: d.name,
        app,
        assignments: slice.assignments,
        groups,
        resolved,
        mapping: slice.mapping,
        userScoped,
        observedDns: [...dns].sort(),
        ...(d.adGroups && app ? { adGroups: await readAdGroups(api, app, d.adGroups, slice.sourceGroups) } : {}),
      };
    }),
  );
  return { orgUrl: api.orgUrl, directories };
}

function refsOf(d: DesiredDirectory): string[] {
  return [...new Set(d.groups.map((g) => g.group))];
}

/** Groups by exact name (names are not unique in Okta: a list per name). */
function nameIndex(groups: LiveGroup[]): Map<string, LiveGroup[]> {
  const out = new Map<string, LiveGroup[]>();
  for (const g of groups) out.set(g.name, [...(out.get(g.name) ?? []), g]);
  return out;
}

function uniqueById(groups: LiveGroup[]): LiveGroup[] {
  return [...new Map(groups.map((g) => [g.id, g])).values()];
}
