/**
 * Read the slice of the live org that the desired state touches (docs/design.md §5 `live/`). Reads only; every
 * call goes through the OktaApi, whose `counts()` become the plan's `budget.reads`.
 *
 * Per run: the app lookup (see find-apps.ts), the default user type (once), the org-wide group
 * resolution (see resolve-groups.ts). Per AD app: its group assignments (see read-assignments.ts), the
 * profile mapping (2 calls, see read-mapping.ts), the app users in pages of 500, the AD-imported groups of
 * the app (`search=source.id eq "{appId}"`, only when the directory declares import OUs, as evidence for
 * OU_NOT_SEEN_LIVE). Group memberships are read later, only for the plan's changes (read-people.ts).
 * Reads for the same app are shared when two directories name it.
 */
import type { DesiredDirectory, DesiredState, LiveAssignment, LiveDirectory, LiveGroup, LiveState } from '../model/types';
import type { OktaApi } from '../okta/api';
import { findApps } from './find-apps';
import { isDirectoryAppName, looksLikeGroupId } from '../model/okta-ids';
import { type RawGroup, quoteFilterString, seg, toLiveApp, toLiveGroup } from './okta-shapes';
import { readAssignments } from './read-assignments';
import { readMapping } from './read-mapping';
import { readTypeMappings, readUserTypes } from './read-type-mappings';
import type { LiveTypeMapping } from '../model/user-types';
import { type AppUsersSummary, readAppUsers } from './read-app-users';
import { lookupGroups, matchName, splitRefs } from './resolve-groups';
import { nearGroupNames } from './near-group-names';
import { ownValue, setOwn } from '../model/data-record';
import { readAdGroups } from './read-ad-groups';
import { readConvertible } from './read-convertible';
import { memo } from '../model/memo';
import { mappingSchemaReader } from './read-mapping-schemas';

export interface ReadLiveOptions {
  /** Read only the directory with this name (`plan --directory`). */
  directoryFilter?: string;
  /** Progress lines (the CLI sends them to stderr under --verbose). */
  log?: (s: string) => void;
  /** Read the app's AD-imported groups even where no import OUs are declared (export infers them). */
  importEvidence?: boolean;
  /** Keep each provisioned app user's dn (USER_OU_MISMATCH, `--check-placement`). */
  keepDns?: boolean;
}

interface AppSlice {
  assignments: LiveAssignment[];
  groups: Record<string, LiveGroup>;
  /** `groups` by exact name, indexed once per app. */
  byName: Map<string, LiveGroup[]>;
  mapping: LiveDirectory['mapping'];
  appUsers: AppUsersSummary;
  sourceGroups: LiveGroup[];
  typeMappings: LiveTypeMapping[];
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
  let userTypes: ReturnType<typeof readUserTypes> | undefined;
  const types = (): ReturnType<typeof readUserTypes> => (userTypes ??= readUserTypes(api));
  const defaultUserType = async (): Promise<string | null> => (await types()).defaultId;
  const schemas = mappingSchemaReader(api, types);

  const readSlice = memo(async (appId: string): Promise<AppSlice> => {
    const [{ assignments, groups, withoutEmbedded }, mapping, appUsers, typeMappings] = await Promise.all([
      readAssignments(api, appId),
      defaultUserType().then((oty) => readMapping(api, oty, appId)),
      readAppUsers(api, appId, { keepDns: opts.keepDns }),
      types().then((t) => readTypeMappings(api, t.others, appId)),
    ]);
    // Lenient: should Okta ever omit the embedded group, fetch it rather than plan against a nameless one.
    await Promise.all(
      withoutEmbedded.map(async (id) => {
        const res = await api.request<RawGroup>('GET', `/api/v1/groups/${seg(id)}`, { okStatuses: [404] });
        setOwn(groups, id, res.status === 404 ? { id, name: '', type: 'OKTA_GROUP' } : toLiveGroup(res.body));
      }),
    );
    log(`live: app ${appId}: ${assignments.length} assignments, ${appUsers.count} app users, mapping ${mapping ? mapping.id : 'none'}`);
    return { assignments, groups, byName: nameIndex(Object.values(groups)), mapping, appUsers, sourceGroups: [], typeMappings };
  });
  const readSourceGroups = memo(async (appId: string): Promise<LiveGroup[]> => {
    // Converted page by page, like the assignments: the raw groups (profiles, links) are not all held.
    const out: LiveGroup[] = [];
    for await (const page of api.pages<RawGroup>('/api/v1/groups', { search: `source.id eq ${quoteFilterString(appId)}`, limit: 200 })) for (const g of page) out.push(toLiveGroup(g));
    return out;
  });

  const slices = await Promise.all(
    dirs.map(async (d) => {
      const matches = (apps.get(d.app) ?? []).map(toLiveApp);
      const app = matches.length === 1 ? matches[0] : null;
      const candidates = matches.length > 1 ? { appCandidates: matches } : matches.length === 0 && apps.adLabels ? { adAppLabels: apps.adLabels } : {};
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
  const refsByDirectory = slices.map(({ d, slice }) => {
    const refs = refsOf(d);
    for (const ref of refs) {
      if (looksLikeGroupId(ref)) {
        if (!slice?.groups[ref]) orgIds.push(ref);
      } else if (!slice?.byName.has(ref)) {
        orgNames.push(ref);
      }
    }
    return refs;
  });
  const { ids, names } = splitRefs([...new Set([...orgIds, ...orgNames])]);
  // The assigned groups, whose member counts a group list read for the lookup carries (none when none is read).
  const assignedIds = ids.length + names.length === 0 ? new Set<string>() : new Set(slices.flatMap(({ slice }) => Object.keys(slice?.groups ?? {})));
  const org = await lookupGroups(api, ids, names, log, assignedIds);

  const directories = await Promise.all(
    slices.map(async ({ d, app, candidates, slice }, i): Promise<LiveDirectory> => {
      // The app's groups as read, copied only once something is added to them (a large app has 100,000).
      let groups: Record<string, LiveGroup> = slice?.groups ?? {};
      const put = (g: LiveGroup): void => {
        if (groups === slice?.groups) groups = { ...groups };
        setOwn(groups, g.id, g);
      };
      // Member counts a group list read for resolution carried: no stats call for them later.
      if (org.counts.size > 0) {
        for (const g of Object.values(groups)) {
          const n = org.counts.get(g.id);
          if (n !== undefined && g.usersCount === undefined) put({ ...g, usersCount: n });
        }
      }
      // By lower-cased name, indexed only when a reference has no exact match among the assigned groups:
      // then it is matched against its few namesakes, not every group.
      let assignedByLowerName: Map<string, LiveGroup[]> | undefined;
      const resolved: Record<string, LiveGroup[]> = {};
      for (const ref of refsByDirectory[i]) {
        let matches: LiveGroup[];
        if (looksLikeGroupId(ref)) {
          const g = groups[ref] ?? org.byId.get(ref) ?? null;
          matches = g ? [g] : [];
        } else {
          const exactAssigned = slice?.byName.get(ref);
          if (exactAssigned) {
            // The index's own list while it holds this directory's group objects (no count added to one):
            // a list per reference would be 100,000 more arrays.
            matches = exactAssigned.every((g) => groups[g.id] === g) ? exactAssigned : exactAssigned.map((g) => groups[g.id]);
          } else {
            assignedByLowerName ??= nameIndex(
              Object.values(slice?.groups ?? {}).map((g) => groups[g.id]),
              (n) => n.toLowerCase(),
            );
            matches = matchName(ref, [...(org.byName.get(ref) ?? []), ...(assignedByLowerName.get(ref.toLowerCase()) ?? [])]);
          }
        }
        setOwn(resolved, ref, matches);
        for (const g of matches) if (ownValue(groups, g.id) === undefined) put(g);
      }
      if (!slice) {
        return { name: d.name, app, ...candidates, assignments: [], groups, resolved, mapping: null, userScoped: { count: 0, sample: [] }, observedDns: [] };
      }
      const mappingSchemas = app ? await schemas.forDirectory(d, app.id) : undefined;
      const dns = new Set(slice.appUsers.dns);
      for (const g of slice.sourceGroups) if (g.dn) dns.add(g.dn);
      return {
        name: d.name,
        app,
        assignments: slice.assignments,
        groups,
        resolved,
        mapping: slice.mapping,
        ...(slice.typeMappings.length > 0 ? { typeMappings: slice.typeMappings } : {}),
        ...(mappingSchemas ? { mappingSchemas } : {}),
        // Known once the members of managed groups are read (read-people.ts): none read, none known.
        userScoped: { count: 0, sample: [] },
        observedDns: [...dns].sort(),
        people: {
          users: {},
          members: {},
          individual: [...slice.appUsers.individual.keys()],
          individualNames: Object.fromEntries([...slice.appUsers.individual].filter((e): e is [string, string] => e[1] !== undefined)),
          appUsers: slice.appUsers.count,
          ...(slice.appUsers.userDns ? { dns: slice.appUsers.userDns } : {}),
        },
        ...(d.adGroups && app ? { adGroups: await readAdGroups(api, app, d.adGroups, slice.sourceGroups) } : {}),
        ...(d.assignments.convertUserScope
          ? { toConvert: await readConvertible(api, [...new Set(Object.values(resolved).filter((m) => m.length === 1).map((m) => m[0].id))], slice.appUsers.individual) }
          : {}),
      };
    }),
  );
  const unresolved: string[] = [];
  for (const d of directories) for (const ref of Object.keys(d.resolved)) if (d.resolved[ref].length === 0 && !looksLikeGroupId(ref)) unresolved.push(ref);
  if (unresolved.length === 0) return { orgUrl: api.orgUrl, directories };
  const near = org.near ? pick(org.near, unresolved) : await nearGroupNames(api, unresolved);
  return { orgUrl: api.orgUrl, directories: directories.map((d) => ({ ...d, nearGroupNames: near })) };
}

function refsOf(d: DesiredDirectory): string[] {
  return [...new Set(d.groups.map((g) => g.group))];
}

/** Groups by exact name, or by `key` of it (names are not unique in Okta: a list per name). */
function nameIndex(groups: LiveGroup[], key: (name: string) => string = (n) => n): Map<string, LiveGroup[]> {
  const out = new Map<string, LiveGroup[]>();
  for (const g of groups) {
    const k = key(g.name);
    const list = out.get(k);
    if (list) list.push(g);
    else out.set(k, [g]);
  }
  return out;
}

/** The entries of `record` for `keys` (own keys only: a key is user data). */
function pick(record: Record<string, string[]>, keys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of keys) if (Object.hasOwn(record, k)) setOwn(out, k, record[k]);
  return out;
}
