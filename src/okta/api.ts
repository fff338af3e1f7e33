/**
 * The contract between the Okta client (src/okta) and its users (src/live, src/apply, src/cli).
 * The client implements it over undici; live/apply only see this interface.
 */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface OktaResponse<T = unknown> {
  status: number;
  /** Lower-cased header names; repeated headers joined as an array. */
  headers: Record<string, string | string[]>;
  body: T;
  requestId?: string;
}

export interface RequestOptions {
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. A PUT/POST without one is sent as `{}`: Okta answers 411 to a PUT/POST with no body and no Content-Length. */
  body?: unknown;
  /** Statuses that are not errors for this call (e.g. 404 when probing). */
  okStatuses?: number[];
  /**
   * Do not repeat this call after a 5xx or a lost answer, even if its method is idempotent: the caller
   * reads back what happened first (apply's priority writes: a blind repeat can be overtaken by a
   * delayed original).
   */
  noRetryOnUnknownOutcome?: boolean;
}

/** Calls made per rate-limit bucket (docs/design.md §4 `budget`). */
export interface CallCounts {
  reads: Record<string, number>;
  writes: Record<string, number>;
}

export interface OktaApi {
  readonly orgUrl: string;
  /** One request through the governor, with retries for 429 (always) and 5xx/network (idempotent only). */
  request<T = unknown>(method: HttpMethod, path: string, opts?: RequestOptions): Promise<OktaResponse<T>>;
  /** GET every page of a list by following Link rel="next"; `query` applies to the first page only. */
  list<T = unknown>(path: string, query?: RequestOptions['query']): Promise<T[]>;
  /** The same pages one at a time, so a caller can keep only what it needs of each (large member lists). */
  pages<T = unknown>(path: string, query?: RequestOptions['query']): AsyncIterable<T[]>;
  /** Calls made so far, per bucket. */
  counts(): CallCounts;
  /** The rate-limit bucket a path belongs to (e.g. "/api/v1/apps"). */
  bucketOf(path: string): string;
  close(): Promise<void>;
}
