/**
 * Scope conversions in apply (`assignments.convertUserScope`): the requests (pure), the read-back the
 * executor does when the answer is lost (edge), and verifying each app user's scope (edge).
 *
 * `POST /api/v1/apps/{appId}/users/{userId}` with `{"scope":"GROUP"}` (Okta's Workflows template
 * "convert application assignment scope"). The client does not retry a POST, but this one sets a value:
 * after a 5xx or a lost reply the executor reads the app user back (scopeTook); GROUP means it took,
 * else it is sent again, as every other write (execute.ts).
 */
import type { UserScopeChange } from '../model/user-scope';
import type { OktaApi } from '../okta/api';
import type { ApplyRequest } from './types';

export interface ScopeExpectation {
  directory: string;
  appId: string;
  userId: string;
  login?: string;
  changeId: string;
}

const appUserPath = (appId: string, userId: string): string => `/api/v1/apps/${encodeURIComponent(appId)}/users/${encodeURIComponent(userId)}`;

export function isScopeConversion(r: Pick<ApplyRequest, 'method' | 'path'>): boolean {
  return r.method === 'POST' && /^\/api\/v1\/apps\/[^/]+\/users\/[^/]+$/.test(r.path);
}

export function scopeRequest(c: UserScopeChange, appId: string): { request: ApplyRequest; expect: ScopeExpectation } {
  return {
    request: {
      method: 'POST',
      path: appUserPath(appId, c.user.id),
      body: { scope: 'GROUP' },
      changeIds: [c.id],
      directory: c.directory,
      summary: `POST ${c.directory} convert ${c.user.login ?? c.user.id} to group scope`,
    },
    expect: { directory: c.directory, appId, userId: c.user.id, ...(c.user.login ? { login: c.user.login } : {}), changeId: c.id },
  };
}

async function scopeOf(api: OktaApi, path: string): Promise<unknown> {
  const res = await api.request<{ scope?: unknown }>('GET', path, { okStatuses: [404] });
  return res.status === 404 ? undefined : res.body?.scope;
}

/** Did a conversion take (the executor's read-back after a 5xx or lost reply, execute.ts tookEffect)? */
export async function scopeTook(api: OktaApi, r: Pick<ApplyRequest, 'path'>): Promise<boolean> {
  return (await scopeOf(api, r.path)) === 'GROUP';
}

/** Read-back: every converted app user has scope GROUP. */
export async function verifyScopes(api: OktaApi, expectations: ScopeExpectation[]): Promise<{ mismatches: string[]; changeIds: string[] }> {
  const mismatches: string[] = [];
  const changeIds: string[] = [];
  for (const x of expectations) {
    const scope = await scopeOf(api, appUserPath(x.appId, x.userId));
    if (scope === 'GROUP') continue;
    mismatches.push(`${x.directory}: app user ${x.login ?? x.userId} has scope ${scope === undefined ? '(not assigned)' : String(scope)}, expected GROUP`);
    changeIds.push(x.changeId);
  }
  return { mismatches, changeIds };
}
