/** The Okta client's public surface. */
export type { CallCounts, HttpMethod, OktaApi, OktaResponse, RequestOptions } from './api';
export { createOktaClient, DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT_MS, type OktaClient, type OktaClientOptions } from './client';
export { resolveConnection, normaliseOrgUrl, DEFAULT_MAX_CAPACITY, type AuthConfig, type ConnectionConfig, type ConnectionFlags } from './config';
export { bucketOf, maxPageLimit, TOKEN_BUCKET } from './buckets';
export { scopesFor } from './scopes';
export { parseLinkHeader, findLink, type LinkValue } from './link';
export { redact } from './redact';
export {
  OktaApiError,
  OktaAuthError,
  OktaNotFound,
  OktaValidationError,
  OktaRateLimited,
  OktaAgentUnavailable,
  OktaServerError,
  OktaRequestError,
  OktaNetworkError,
  OktaProtocolError,
  OktaConfigError,
} from './errors';
