/**
 * The impact's memberships read per user instead of per group: each affected user's groups,
 * `GET /api/v1/users/{id}/groups` (read-user.ts; one page for a user in up to 200 groups). That needs
 * `okta.users.read`, which plan's read-only credentials may lack. With OAuth the token's granted scopes say
 * so up front (no call is made); otherwise the first read goes alone, and when Okta refuses it (403) no
 * other is tried. Okta may also refuse a later read (an admin role whose user-read permission covers only
 * some users): that directory's partial result is dropped, and it and every directory after it read their
 * deciding groups' members instead, as without the scope. A user's groups are read once per reader (one
 * reader per plan) and kept whole, so a user affected in two directories costs one read.
 */
import type { OktaApi } from '../okta/api';
import { OktaAuthError, OktaNotFound } from '../okta/errors';
import { readUserGroupIds } from './read-user';

export const USERS_READ_SCOPE = 'okta.users.read';

/** Why the users' groups cannot be read (the caller reads the groups' members instead). */
interface Refused {
  refused: string;
}

export interface UserGroupReads {
  /** Each user's groups among `within` (user id → group ids), or why they cannot be read. */
  groupsOf(userIds: readonly string[], within: ReadonlySet<string>): Promise<Map<string, string[]> | Refused>;
}

/** `granted`: false when the credentials are known to lack okta.users.read (OAuth, not granted). */
export function userGroupReads(api: OktaApi, granted: boolean): UserGroupReads {
  // Shared by every directory: once Okta refuses any read, no directory starts reading users.
  let refusal: Refused | undefined = granted ? undefined : { refused: `${USERS_READ_SCOPE} is not granted` };
  const read = new Map<string, Promise<Set<string> | Refused>>();
  const groupsOfUser = (id: string): Promise<Set<string> | Refused> => {
    let groups = read.get(id);
    if (!groups) {
      groups = groupsOrNone(api, id).catch((e: unknown) => {
        if (!(e instanceof OktaAuthError && e.status === 403)) throw e;
        const refused: Refused = { refused: `Okta refused ${USERS_READ_SCOPE} (${e.method} ${e.path} → 403${e.errorCode ? ` ${e.errorCode}` : ''})` };
        refusal ??= refused;
        return refused;
      });
      read.set(id, groups);
    }
    return groups;
  };
  // The first read of any directory, alone: a refusal then costs one call, not one per user.
  let first: Promise<unknown> | undefined;
  return {
    async groupsOf(userIds, within) {
      if (refusal) return refusal;
      if (userIds.length === 0) return new Map();
      first ??= groupsOfUser(userIds[0]);
      await first;
      if (refusal) return refusal;
      const all = await Promise.all(userIds.map(groupsOfUser));
      const out = new Map<string, string[]>();
      for (const [i, groups] of all.entries()) {
        if (!(groups instanceof Set)) return groups;
        out.set(userIds[i], [...groups].filter((g) => within.has(g)));
      }
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
