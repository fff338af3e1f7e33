/**
 * AD app users (`GET /api/v1/apps/{appId}/users?limit=500`, Okta's maximum page) and who among them will
 * not follow their group's OU: users assigned individually (`scope: USER`) keep their own placement even
 * when they are members of a managed group (a common support case; docs/okta-api.md §4).
 *
 * Membership is read only when some app user has scope USER (the usual case has none: zero calls), as
 * the members of each managed group: `GET /api/v1/groups/{id}/users?limit=200` (Okta's recommended page
 * size, docs/okta-api.md §6), ceil(members / 200) calls per group. The alternative, one
 * `GET /api/v1/users/{id}/groups` per individually-assigned user, is cheaper only when such users are
 * fewer than the managed groups, but needs the extra `okta.users.read` scope; okta-ou keeps its read
 * scopes to apps, groups, mappings and user types.
 */
import type { LiveGroup, LiveUserRef } from '../model/types';
import { USER_SAMPLE_SIZE } from '../model/user-sample';
import type { OktaApi } from '../okta/api';
import { type RawAppUser, seg } from './okta-shapes';

export async function readAppUsers(api: OktaApi, appId: string): Promise<RawAppUser[]> {
  return api.list<RawAppUser>(`/api/v1/apps/${seg(appId)}/users`, { limit: 500 });
}

function userRef(u: RawAppUser): LiveUserRef {
  const name = u.credentials?.userName ?? u.profile?.email;
  return typeof name === 'string' ? { id: String(u.id), userName: name } : { id: String(u.id) };
}

/** App users with scope USER who are members of any of `managed`, counted, with the first few named. */
export async function readUserScoped(
  api: OktaApi,
  appUsers: RawAppUser[],
  managed: LiveGroup[],
): Promise<{ count: number; sample: LiveUserRef[]; memberCounts: Map<string, number> }> {
  const memberCounts = new Map<string, number>();
  const individual = appUsers.filter((u) => u.scope === 'USER' && typeof u.id === 'string');
  if (individual.length === 0 || managed.length === 0) return { count: 0, sample: [], memberCounts };
  const members = await Promise.all(managed.map((g) => api.list<{ id?: string }>(`/api/v1/groups/${seg(g.id)}/users`, { limit: 200 })));
  // Whole member lists were read: their lengths are the member counts, sparing a stats call per group.
  managed.forEach((g, i) => memberCounts.set(g.id, members[i].length));
  const inManaged = new Set(members.flat().map((m) => String(m.id)));
  const scoped = individual.filter((u) => inManaged.has(String(u.id)));
  return { count: scoped.length, sample: scoped.slice(0, USER_SAMPLE_SIZE).map(userRef), memberCounts };
}
