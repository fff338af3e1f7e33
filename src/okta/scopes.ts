/**
 * The OAuth scope each Management API endpoint okta-ou calls needs, from the official spec's per-operation
 * `security` (okta-management-openapi-spec 2026.06.3, summarised in docs/okta-api.md §10). Used to name the
 * missing scope when Okta answers 403 E0000006 to an OAuth service app.
 */
import type { HttpMethod } from './api';

interface ScopeRule {
  pattern: RegExp;
  read: string[];
  manage: string[];
}

const ID = '[^/]+';

// More specific rules first: the first match wins.
const RULES: ScopeRule[] = [
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/group-push/mappings(/|$)`),
    read: ['okta.apps.read', 'okta.groups.read'],
    manage: ['okta.apps.manage', 'okta.groups.manage'],
  },
  { pattern: new RegExp(`^/api/v1/groups/${ID}/apps$`), read: ['okta.groups.read'], manage: ['okta.groups.manage'] },
  { pattern: /^\/api\/v1\/apps(\/|$)/, read: ['okta.apps.read'], manage: ['okta.apps.manage'] },
  { pattern: /^\/api\/v1\/groups(\/|$)/, read: ['okta.groups.read'], manage: ['okta.groups.manage'] },
  { pattern: /^\/api\/v1\/mappings(\/|$)/, read: ['okta.profileMappings.read'], manage: ['okta.profileMappings.manage'] },
  {
    pattern: new RegExp(`^/api/v1/directories/${ID}/groups/modify$`),
    read: ['okta.directories.groups.manage'],
    manage: ['okta.directories.groups.manage'],
  },
  {
    pattern: new RegExp(`^/api/v1/directories/${ID}/groups/`),
    read: ['okta.directories.groups.read'],
    manage: ['okta.directories.groups.read'],
  },
  { pattern: /^\/api\/v1\/meta\/types\/user(\/|$)/, read: ['okta.userTypes.read'], manage: ['okta.userTypes.manage'] },
  { pattern: /^\/api\/v1\/meta\/schemas\//, read: ['okta.schemas.read'], manage: ['okta.schemas.manage'] },
  { pattern: /^\/api\/v1\/agentPools(\/|$)/, read: ['okta.agentPools.read'], manage: ['okta.agentPools.manage'] },
  { pattern: /^\/api\/v1\/logs(\/|$)/, read: ['okta.logs.read'], manage: ['okta.logs.read'] },
  { pattern: /^\/api\/v1\/users(\/|$)/, read: ['okta.users.read'], manage: ['okta.users.manage'] },
];

/** Scopes an OAuth service app needs for `method path` (path without query); [] when unknown. */
export function scopesFor(method: HttpMethod, path: string): string[] {
  const rule = RULES.find((r) => r.pattern.test(path));
  if (!rule) return [];
  return [...(method === 'GET' ? rule.read : rule.manage)];
}
