/**
 * AD app users (`GET /api/v1/apps/{appId}/users?limit=500`, Okta's maximum page), streamed page by page:
 * of each page only what a finding or the impact needs is kept — the count, the users assigned
 * individually (scope USER), one DN per OU seen (import-OU evidence), and, under `--check-placement`,
 * each provisioned user's `dn`. The raw pages are never held together.
 *
 * Users assigned individually keep their own placement even when they are members of a managed group
 * (a common support case; docs/okta-api.md §4). Which of them are members of the groups the plan changes
 * is learnt from the memberships the impact reads (read-people.ts). The alternative, one
 * `GET /api/v1/users/{id}/groups` per individually-assigned user, needs the extra `okta.users.read`
 * scope; `plan` keeps its read scopes to apps, groups, mappings and user types.
 */
import { canonicalRdns } from '../model/dn';
import type { OktaApi } from '../okta/api';
import { type RawAppUser, seg } from './okta-shapes';

export interface AppUsersSummary {
  /** Every app user, whatever its scope and status. */
  count: number;
  /** scope USER app users: id → login (or email), in the order read. */
  individual: Map<string, string | undefined>;
  /** DNs of users Okta provisioned without error, one per OU. */
  dns: Set<string>;
  /** id → dn of users Okta has pushed (not STAGED); only with `keepDns`. */
  userDns?: Record<string, string>;
}

/** A user whose push failed (syncState ERROR, still STAGED) is not in AD: its dn is no evidence of where users live. */
const inAd = (u: RawAppUser): boolean => u.syncState !== 'ERROR' && u.status !== 'STAGED';

export async function readAppUsers(api: OktaApi, appId: string, opts: { keepDns?: boolean } = {}): Promise<AppUsersSummary> {
  const out: AppUsersSummary = { count: 0, individual: new Map(), dns: new Set(), ...(opts.keepDns ? { userDns: {} } : {}) };
  const seenOus = new Set<string>();
  for await (const page of api.pages<RawAppUser>(`/api/v1/apps/${seg(appId)}/users`, { limit: 500 })) {
    out.count += page.length;
    for (const u of page) {
      if (typeof u.id !== 'string') continue;
      if (u.scope === 'USER') out.individual.set(u.id, userName(u));
      const dn = u.profile?.dn;
      if (typeof dn !== 'string' || dn === '') continue;
      // One DN per OU is evidence enough (OU_NOT_SEEN_LIVE, export's import OUs): memory grows with OUs, not users.
      if (inAd(u)) {
        const ou = canonicalRdns(dn)?.slice(1).join(',') ?? dn;
        if (!seenOus.has(ou)) {
          seenOus.add(ou);
          out.dns.add(dn);
        }
      }
      // A failed move (syncState ERROR) leaves the user where they were: exactly what USER_OU_MISMATCH reports.
      if (out.userDns && u.status !== 'STAGED') out.userDns[u.id] = dn;
    }
  }
  return out;
}

function userName(u: RawAppUser): string | undefined {
  const name = u.credentials?.userName ?? u.profile?.email;
  return typeof name === 'string' ? name : undefined;
}
