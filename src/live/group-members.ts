/**
 * A group's members, streamed: `GET /api/v1/groups/{id}/users?limit=200` (Okta's recommended page size,
 * docs/okta-api.md §6), ceil(members / 200) calls. Of each page only the ids `keep` accepts are kept (and
 * their logins when asked), so a group of 100,000 members costs memory only for the users that matter.
 */
import type { OktaApi } from '../okta/api';
import { seg } from './okta-shapes';

interface RawMember {
  id?: string;
  profile?: { login?: unknown } | null;
}

export interface MemberIds {
  /** Every member, kept or not. */
  count: number;
  ids: string[];
  /** id → login of the kept members; only with `logins`. */
  logins?: Record<string, string>;
}

/** Members per page: Okta's recommended limit (its default is 1000). */
export const MEMBER_PAGE_SIZE = 200;

export async function readMemberIds(api: OktaApi, groupId: string, keep: (id: string) => boolean, opts: { logins?: boolean } = {}): Promise<MemberIds> {
  const out: MemberIds = { count: 0, ids: [], ...(opts.logins ? { logins: {} } : {}) };
  for await (const page of api.pages<RawMember>(`/api/v1/groups/${seg(groupId)}/users`, { limit: MEMBER_PAGE_SIZE })) {
    out.count += page.length;
    for (const m of page) {
      if (typeof m.id !== 'string' || !keep(m.id)) continue;
      out.ids.push(m.id);
      const login = m.profile?.login;
      if (out.logins && typeof login === 'string') out.logins[m.id] = login;
    }
  }
  return out;
}
