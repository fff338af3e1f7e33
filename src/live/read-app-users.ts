/**
 * AD app users (`GET /api/v1/apps/{appId}/users?limit=500`, Okta's maximum page) and who among them will
 * not follow their group's OU: users assigned individually (`scope: USER`) keep their own placement even
 * when they are members of a managed group (seeds/001, notes/okta-api.md §4).
 *
 * Membership is read the cheaper of two ways, and only when some app user has scope USER:
 * - per individually-assigned user: `GET /api/v1/users/{id}/groups` (one call each);
 * - per managed group: `GET /api/v1/groups/{id}/users?limit=200` (ceil(members / 200) calls each; one
 *   page assumed when the member count is unknown).
 */
import type { LiveGroup, LiveUserRef } from '../model/types';
import type { OktaApi } from '../okta/api';
import { type RawAppUser, seg } from './okta-shapes';

/** How many individually-assigned users a finding names. */
export const USER_SAMPLE_SIZE = 5;

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
): Promise<{ count: number; sample: LiveUserRef[] }> {
  const individual = appUsers.filter((u) => u.scope === 'USER' && typeof u.id === 'string');
  if (individual.length === 0 || managed.length === 0) return { count: 0, sample: [] };
  const managedIds = new Set(managed.map((g) => g.id));
  const perGroupCost = managed.reduce((n, g) => n + Math.max(1, Math.ceil((g.usersCount ?? 0) / 200)), 0);

  let inManaged: Set<string>;
  if (individual.length <= perGroupCost) {
    inManaged = new Set();
    await Promise.all(
      individual.map(async (u) => {
        const groups = await api.list<{ id?: string }>(`/api/v1/users/${seg(String(u.id))}/groups`, { limit: 200 });
        if (groups.some((g) => typeof g.id === 'string' && managedIds.has(g.id))) inManaged.add(String(u.id));
      }),
    );
  } else {
    const members = await Promise.all(managed.map((g) => api.list<{ id?: string }>(`/api/v1/groups/${seg(g.id)}/users`, { limit: 200 })));
    inManaged = new Set(members.flat().map((m) => String(m.id)));
  }
  const scoped = individual.filter((u) => inManaged.has(String(u.id)));
  return { count: scoped.length, sample: scoped.slice(0, USER_SAMPLE_SIZE).map(userRef) };
}
