import { APPS_BUCKET, GENERAL_BUCKET, GROUPS_BUCKET, TOKEN_BUCKET } from '../model/rate-limit-buckets';

/**
 * Okta's rate-limit buckets are per endpoint family, matched "exact-match first, then longest-prefix"
 * (developer.okta.com rate-limits). okta-ou tracks the families its calls touch: /api/v1/apps* (the
 * likely bottleneck: 100/min on Workforce orgs and it covers /apps/{id}/groups and /apps/{id}/users),
 * /api/v1/groups*, the org token endpoint, and everything else under the catch-all /api/v1 (which
 * covers /api/v1/mappings). docs/okta-api.md §8. Okta also has /api/v1/users and /api/v1/logs buckets;
 * okta-ou rarely calls them, so they are counted under /api/v1 (the same keys as the local Okta), which
 * errs on the side of waiting.
 */
export { TOKEN_BUCKET };

const PREFIXES = [APPS_BUCKET, GROUPS_BUCKET];

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
