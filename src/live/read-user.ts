/**
 * What `okta-ou explain` reads about one user (needs `okta.users.read` besides plan's scopes):
 * - the user: `GET /api/v1/users/{login|id}` (Okta accepts an id, a login or a login shortname); when
 *   that finds none and the text looks like an email, `GET /api/v1/users?search=profile.email eq "…"`;
 * - their groups: `GET /api/v1/users/{id}/groups` (200 per page: one call unless they are in more groups);
 * - per AD app, their app user: `GET /api/v1/apps/{appId}/users/{userId}` (404: not assigned).
 */
import { OktaOuError } from '../errors';
import type { AppUserFacts } from '../plan/explain-user';
import type { UserRef } from '../model/people';
import type { OktaApi } from '../okta/api';
import { type RawAppUser, quoteFilterString, seg } from './okta-shapes';

interface RawUser {
  id?: string;
  profile?: { login?: unknown; email?: unknown } | null;
}

const toRef = (u: RawUser): UserRef => (typeof u.profile?.login === 'string' ? { id: String(u.id), login: u.profile.login } : { id: String(u.id) });

export async function findUser(api: OktaApi, text: string): Promise<UserRef> {
  const res = await api.request<RawUser>('GET', `/api/v1/users/${seg(text)}`, { okStatuses: [404] });
  if (res.status !== 404 && typeof res.body?.id === 'string') return toRef(res.body);
  const byEmail = text.includes('@') ? await api.list<RawUser>('/api/v1/users', { search: `profile.email eq ${quoteFilterString(text)}` }) : [];
  if (byEmail.length === 1 && typeof byEmail[0].id === 'string') return toRef(byEmail[0]);
  if (byEmail.length > 1) {
    throw new OktaOuError('USER_AMBIGUOUS', `${byEmail.length} Okta users have the email ${text}: ${byEmail.map((u) => toRef(u).login ?? u.id).join(', ')}`, {
      hint: 'name the user by login or id instead',
    });
  }
  throw new OktaOuError('USER_NOT_FOUND', `no Okta user has the login, email or id ${text}`, {
    hint: 'check the spelling; a user is named by login (ada@example.com), email, or id (00u…)',
  });
}

export async function readUserGroupIds(api: OktaApi, userId: string): Promise<Set<string>> {
  const groups = await api.list<{ id?: string }>(`/api/v1/users/${seg(userId)}/groups`);
  return new Set(groups.map((g) => g.id).filter((id): id is string => typeof id === 'string'));
}

export async function readAppUser(api: OktaApi, appId: string, userId: string): Promise<AppUserFacts | null> {
  const res = await api.request<RawAppUser>('GET', `/api/v1/apps/${seg(appId)}/users/${seg(userId)}`, { okStatuses: [404] });
  if (res.status === 404) return null;
  const u = res.body;
  const dn = u.profile?.dn;
  return {
    scope: String(u.scope ?? ''),
    status: String(u.status ?? ''),
    ...(typeof u.syncState === 'string' ? { syncState: u.syncState } : {}),
    ...(typeof dn === 'string' && dn !== '' ? { dn } : {}),
  };
}
