/**
 * Names of the Okta rate-limit buckets okta-ou counts calls in (developer.okta.com rate-limits: endpoint
 * families matched exact-first, then longest prefix; docs/okta-api.md §8). Plain data, so the pure
 * planner (plan budget) and the client (src/okta/buckets.ts) can share them.
 */
/** `/api/v1/apps*`: app lookups, group assignments (`/apps/{id}/groups`), app users. */
export const APPS_BUCKET = '/api/v1/apps';
/** `/api/v1/groups*`: group lookups and members. */
export const GROUPS_BUCKET = '/api/v1/groups';
/**
 * `/api/v1/users*`: a user's groups (the impact read per user), user lookups. Okta's published limits had a
 * users bucket; UNCONFIRMED that it covers `/users/{id}/groups` (docs/okta-api.md §8).
 */
export const USERS_BUCKET = '/api/v1/users';
/** The catch-all `/api/v1` (covers `/api/v1/mappings` and `/api/v1/meta/types/user`). */
export const GENERAL_BUCKET = '/api/v1';
/** The org authorization server's token endpoint (OAuth service apps). */
export const TOKEN_BUCKET = '/oauth2/v1/token';
