/**
 * The impact's memberships read per user instead of per group: each affected user's groups,
 * `GET /api/v1/users/{id}/groups` (read-user.ts; one page for a user in up to 200 groups). That needs
 * `okta.users.read`, which plan's read-only credentials may lack. With OAuth the token's granted scopes say
 * so up front (no call is made); otherwise the first read goes alone, and when Okta refuses it (403) no
 * other is tried: every directory reads its deciding groups' members instead, as without the scope.
 */
import type { OktaApi } from '../okta/api';
import { OktaAuthError, OktaNotFound } from '../okta/errors';
import { readUserGroupIds } from './read-user';

export const USERS_READ_SCOPE = 'okta.users.read';

export interface UserGroupReads {
  /**
   * Each user's groups among `within` (user id → group ids), or a sentence saying why they cannot be read
   * (the caller reads the groups' members instead).
   */
  groupsOf(userIds: readonly string[], within: ReadonlySet<string>): Promise<Map<string, string[]> | { refused: string }>;
}

/** `granted`: false when the credentials are known to lack okta.users.read (OAuth, not granted). */
export function userGroupReads(api: OktaApi, granted: boolean): UserGroupReads {
  // Settled by the first read of any directory: true, or why the reads are refused.
  let allowed: Promise<true | string> | undefined = granted ? undefined : Promise.resolve(`${USERS_READ_SCOPE} is not granted`);
  return {
    async groupsOf(userIds, within) {
      const out = new Map<string, string[]>();
      const read = async (id: string): Promise<void> => {
        out.set(id, [...(await groupsOrNone(api, id))].filter((g) => within.has(g)));
      };
      let rest = userIds;
      if (!allowed && userIds.length > 0) {
        allowed = read(userIds[0]).then(
          () => true as const,
          (e: unknown) => {
            if (e instanceof OktaAuthError && e.status === 403) return `Okta refused ${USERS_READ_SCOPE} (${e.method} ${e.path} → 403${e.errorCode ? ` ${e.errorCode}` : ''})`;
            throw e;
          },
        );
        rest = userIds.slice(1);
      }
      const verdict = (await allowed) ?? true;
      if (verdict !== true) return { refused: verdict };
      await Promise.all(rest.map(read));
      return out;
    },
  };
}

/** A user deleted since their group's members were read is in no group (Okta removes the memberships). */
async function groupsOrNone(api: OktaApi, userId: string): Promise<Set<string>> {
  try {
    return await readUserGroupIds(api, userId);
  } catch (e) {
    if (e instanceof OktaNotFound) return new Set();
    throw e;
  }
}
