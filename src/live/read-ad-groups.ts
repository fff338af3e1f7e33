/**
 * Reads what a directory's `adGroups` need (edge; reads only): each AD group among the app's imported
 * groups (already listed by `search=source.id eq "{appId}"`), its current members
 * (`GET /api/v1/groups/{id}/users`), and the users it should have — the members of an Okta group, or
 * each listed user (`GET /api/v1/users/{loginOrId}`). Every user is read as a full User object, whose
 * `credentials.provider` tells whether it was imported through this directory integration.
 */
import type { LiveAdGroupEntry, LiveAdUser } from '../model/ad-groups';
import { tryNormaliseDn } from '../model/dn';
import { looksLikeGroupId } from '../model/okta-ids';
import type { DesiredAdGroup, LiveApp, LiveGroup } from '../model/types';
import type { OktaApi } from '../okta/api';
import { quoteFilterString, seg } from './okta-shapes';
import { memo } from '../model/memo';

interface RawUser {
  id?: string;
  profile?: { login?: unknown } | null;
  credentials?: { provider?: { type?: unknown; name?: unknown } | null } | null;
}

const DIRECTORY_PROVIDERS: ReadonlySet<unknown> = new Set(['ACTIVE_DIRECTORY', 'LDAP']);

/**
 * UNCONFIRMED (README "Okta behaviour okta-ou assumes"): a user imported through a directory integration
 * has `credentials.provider` `{type: ACTIVE_DIRECTORY (or LDAP), name: <the directory>}`, and the name is
 * the app instance's label (the domain, by default). Only such users' AD group memberships can be managed
 * ("Okta can only manage group memberships for users and groups imported into Okta using the AD or LDAP
 * integration", spec tag DirectoriesIntegration).
 */
export function importedThrough(app: LiveApp, raw: RawUser): boolean {
  const p = raw.credentials?.provider;
  return DIRECTORY_PROVIDERS.has(p?.type) && typeof p?.name === 'string' && p.name.toLowerCase() === app.label.toLowerCase();
}

function toAdUser(app: LiveApp, raw: RawUser): LiveAdUser {
  return { id: String(raw.id ?? ''), login: typeof raw.profile?.login === 'string' ? raw.profile.login : String(raw.id ?? ''), imported: importedThrough(app, raw) };
}

/** A group's members as full User objects (`credentials.provider` is needed), each checked as imported through `app`. */
async function readMembers(api: OktaApi, app: LiveApp, groupId: string): Promise<LiveAdUser[]> {
  return (await api.list<RawUser>(`/api/v1/groups/${seg(groupId)}/users`, { limit: 1000 })).map((u) => toAdUser(app, u));
}

/** The imported groups an entry's `group` names: by id, by DN (normalised), else by exact name. */
function matchAdGroup(ref: string, imported: LiveGroup[]): LiveGroup[] {
  if (looksLikeGroupId(ref)) return imported.filter((g) => g.id === ref);
  const dn = ref.includes('=') ? tryNormaliseDn(ref) : null;
  if (dn !== null) return imported.filter((g) => g.dn !== undefined && tryNormaliseDn(g.dn) === dn);
  return imported.filter((g) => g.name === ref);
}

export async function readAdGroups(api: OktaApi, app: LiveApp, entries: DesiredAdGroup[], imported: LiveGroup[]): Promise<LiveAdGroupEntry[]> {
  const members = memo((groupId: string) => readMembers(api, app, groupId));
  const oktaGroup = memo(async (ref: string): Promise<string | null> => {
    if (looksLikeGroupId(ref)) {
      const res = await api.request<{ id?: string }>('GET', `/api/v1/groups/${seg(ref)}`, { okStatuses: [404] });
      return res.status === 404 ? null : ref;
    }
    const found = await api.list<{ id?: string; profile?: { name?: unknown } }>('/api/v1/groups', { search: `profile.name eq ${quoteFilterString(ref)}`, limit: 200 });
    const exact = found.filter((g) => g.profile?.name === ref && g.id);
    return exact.length === 1 ? String(exact[0].id) : null;
  });
  const user = memo(async (ref: string): Promise<LiveAdUser | null> => {
    const res = await api.request<RawUser>('GET', `/api/v1/users/${seg(ref)}`, { okStatuses: [404] });
    return res.status === 404 ? null : toAdUser(app, res.body);
  });

  return Promise.all(entries.map(async (e): Promise<LiveAdGroupEntry> => {
    const matches = matchAdGroup(e.group, imported).map((g) => ({ id: g.id, name: g.name, ...(g.dn ? { dn: g.dn } : {}) }));
    const current = matches.length === 1 ? await members(matches[0].id) : [];
    const missing: string[] = [];
    let desired: LiveAdUser[] = [];
    if ('fromGroup' in e.members) {
      const id = await oktaGroup(e.members.fromGroup);
      if (id === null) missing.push(e.members.fromGroup);
      else desired = await members(id);
    } else {
      for (const ref of e.members.users) {
        const u = await user(ref);
        if (u) desired.push(u);
        else missing.push(ref);
      }
    }
    return { ref: e.group, matches, members: current, desired, missing };
  }));
}

/**
 * For export: every group imported from the app (`search=source.id eq "{appId}"`, `expand=stats`) that
 * has members, with the logins of its members imported through the directory (one member list per
 * non-empty group). A user Okta cannot manage there is left out, so the exported entries plan clean.
 */
export async function readImportedGroupMembers(api: OktaApi, app: LiveApp): Promise<Array<{ id: string; name: string; dn?: string; logins: string[] }>> {
  const groups = await api.list<{ id?: string; profile?: { name?: unknown; dn?: unknown }; _embedded?: { stats?: { usersCount?: unknown } } }>('/api/v1/groups', {
    search: `source.id eq ${quoteFilterString(app.id)}`, expand: 'stats', limit: 200,
  });
  const out: Array<{ id: string; name: string; dn?: string; logins: string[] }> = [];
  for (const g of groups) {
    if (!g.id || g._embedded?.stats?.usersCount === 0) continue;
    const logins = (await readMembers(api, app, g.id)).filter((u) => u.imported).map((u) => u.login).sort();
    if (logins.length === 0) continue;
    out.push({ id: g.id, name: typeof g.profile?.name === 'string' ? g.profile.name : g.id, ...(typeof g.profile?.dn === 'string' ? { dn: g.profile.dn } : {}), logins });
  }
  return out;
}

