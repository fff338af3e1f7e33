/**
 * AD app users (`GET /api/v1/apps/{appId}/users?limit=500`, Okta's maximum page), streamed page by page:
 * of each page only what a finding or the impact needs is kept — the count, the users assigned
 * individually (scope USER), the DNs seen (import-OU evidence), and, under `--check-placement`, each
 * provisioned user's `dn`. The raw pages are never held together.
 *
 * Users assigned individually keep their own placement even when they are members of a managed group
 * (a common support case; docs/okta-api.md §4). Which of them are members of managed groups is read only
 * when there is any (the usual case has none: zero calls), as the members of each managed group,
 * streamed (group-members.ts). The alternative, one `GET /api/v1/users/{id}/groups` per
 * individually-assigned user, is cheaper only when such users are fewer than the managed groups, but
 * needs the extra `okta.users.read` scope; `plan` keeps its read scopes to apps, groups, mappings and
 * user types.
 */
import type { LiveGroup, LiveUserRef } from '../model/types';
import { USER_SAMPLE_SIZE } from '../model/user-sample';
import type { OktaApi } from '../okta/api';
import { type RawAppUser, seg } from './okta-shapes';
import { readMemberIds } from './group-members';

export interface AppUsersSummary {
  /** Every app user, whatever its scope and status. */
  count: number;
  /** scope USER app users: id → login (or email), in the order read. */
  individual: Map<string, string | undefined>;
  /** DNs of users Okta provisioned without error. */
  dns: Set<string>;
  /** id → dn of provisioned users; only with `keepDns`. */
  userDns?: Record<string, string>;
}

/** A user whose push failed (syncState ERROR, still STAGED) is not in AD: its dn is no evidence of where users live. */
const inAd = (u: RawAppUser): boolean => u.syncState !== 'ERROR' && u.status !== 'STAGED';

export async function readAppUsers(api: OktaApi, appId: string, opts: { keepDns?: boolean } = {}): Promise<AppUsersSummary> {
  const out: AppUsersSummary = { count: 0, individual: new Map(), dns: new Set(), ...(opts.keepDns ? { userDns: {} } : {}) };
  for await (const page of api.pages<RawAppUser>(`/api/v1/apps/${seg(appId)}/users`, { limit: 500 })) {
    out.count += page.length;
    for (const u of page) {
      if (typeof u.id !== 'string') continue;
      if (u.scope === 'USER') out.individual.set(u.id, userName(u));
      const dn = u.profile?.dn;
      if (typeof dn === 'string' && dn !== '' && inAd(u)) {
        out.dns.add(dn);
        if (out.userDns) out.userDns[u.id] = dn;
      }
    }
  }
  return out;
}

function userName(u: RawAppUser): string | undefined {
  const name = u.credentials?.userName ?? u.profile?.email;
  return typeof name === 'string' ? name : undefined;
}

/** App users with scope USER who are members of any of `managed`, counted, with the first few named. */
export async function readUserScoped(
  api: OktaApi,
  individual: Map<string, string | undefined>,
  managed: LiveGroup[],
): Promise<{ count: number; sample: LiveUserRef[]; memberCounts: Map<string, number> }> {
  const memberCounts = new Map<string, number>();
  if (individual.size === 0 || managed.length === 0) return { count: 0, sample: [], memberCounts };
  const inManaged = new Set<string>();
  await Promise.all(
    managed.map(async (g) => {
      const read = await readMemberIds(api, g.id, (id) => individual.has(id));
      // Whole member lists were read: their lengths are the member counts, sparing a stats call per group.
      memberCounts.set(g.id, read.count);
      for (const id of read.ids) inManaged.add(id);
    }),
  );
  const scoped = [...individual.entries()].filter(([id]) => inManaged.has(id));
  const sample = scoped.slice(0, USER_SAMPLE_SIZE).map(([id, name]): LiveUserRef => (name === undefined ? { id } : { id, userName: name }));
  return { count: scoped.length, sample, memberCounts };
}
