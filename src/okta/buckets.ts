import { APPS_BUCKET, GENERAL_BUCKET, GROUPS_BUCKET, TOKEN_BUCKET, USERS_BUCKET } from '../model/rate-limit-buckets';

/**
 * Okta's rate-limit buckets are per endpoint family, matched "exact-match first, then longest-prefix"
 * (developer.okta.com rate-limits). okta-ou tracks the families its calls touch: /api/v1/apps* (the
 * likely bottleneck: 100/min on Workforce orgs and it covers /apps/{id}/groups and /apps/{id}/users),
 * /api/v1/groups*, /api/v1/users*, the org token endpoint, and everything else under the catch-all
 * /api/v1 (which covers /api/v1/mappings). docs/okta-api.md §8. /api/v1/users has a key of its own
 * because a plan can read thousands of users' groups (the impact read per user): if Okta meters them in
 * a users bucket (UNCONFIRMED), counting them under /api/v1 would mix two buckets' rate-limit headers
 * under one key. If Okta counts them under /api/v1 after all (as the local Okta does), both keys pace by
 * the remaining count that one bucket's headers report, so the share left to others still holds (give or
 * take the calls in flight).
 */
export { TOKEN_BUCKET };

const PREFIXES = [APPS_BUCKET, GROUPS_BUCKET, USERS_BUCKET];

/** The rate-limit bucket a request path (no query) belongs to. */
export function bucketOf(path: string): string {
  const p = path.split('?')[0];
  if (p === TOKEN_BUCKET || p.startsWith(`${TOKEN_BUCKET}/`)) return TOKEN_BUCKET;
  for (const prefix of PREFIXES) {
    if (p === prefix || p.startsWith(`${prefix}/`)) return prefix;
  }
  if (p.startsWith('/oauth2/')) return '/oauth2';
  return GENERAL_BUCKET;
}

/**
 * The largest page size each list endpoint accepts (spec `limit` maxima, docs/okta-api.md §7); for
 * groups Okta recommends 200 although more is accepted. Used when the caller gives no `limit`.
 */
export function maxPageLimit(path: string): number | undefined {
  const p = path.split('?')[0];
  if (p === '/api/v1/apps') return 200;
  if (/^\/api\/v1\/apps\/[^/]+\/groups$/.test(p)) return 200;
  if (/^\/api\/v1\/apps\/[^/]+\/users$/.test(p)) return 500;
  if (/^\/api\/v1\/apps\/[^/]+\/group-push\/mappings$/.test(p)) return 1000;
  if (p === '/api/v1/mappings') return 200;
  if (p === '/api/v1/groups') return 200;
  if (/^\/api\/v1\/groups\/[^/]+\/users$/.test(p)) return 200;
  return undefined;
}
