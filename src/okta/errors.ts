/**
 * Typed errors for Okta calls. Each message names the request (method and path, never the query, which
 * may carry search terms), the status, Okta's errorCode/errorSummary and the X-Okta-Request-Id that Okta
 * support asks for; the hint says what to do. Codes are stable UPPER_SNAKE strings; match on `code`.
 * Only `errorCode` is meant for flow control ("The errorSummary property is only intended for
 * troubleshooting", developer.okta.com core-okta-api "Errors"), so the class is chosen by status and code;
 * the one exception is the AD agent's 502/504, whose codes Okta documents inconsistently (isAgentFailure).
 */
import { EXIT, OktaOuError } from '../errors';
import type { HttpMethod } from './api';
import { scopesFor } from './scopes';

/** Okta's error body (spec `components.schemas.Error`); every field optional because proxies answer too. */
export interface OktaErrorBody {
  errorCode?: string;
  errorSummary?: string;
  errorLink?: string;
  errorId?: string;
  errorCauses?: Array<{ errorSummary?: string }>;
  /** OAuth endpoints answer RFC 6749 errors instead. */
  error?: string;
  error_description?: string;
}

export interface OktaErrorContext {
  method: HttpMethod;
  /** Path without query string. */
  path: string;
  status: number;
  body?: OktaErrorBody;
  requestId?: string;
  /** 'SSWS' or 'PrivateKey', to tailor the auth hint. */
  authMode?: 'SSWS' | 'PrivateKey';
  /** Scopes the OAuth client asked for. */
  scopes?: readonly string[];
  /** Attempts made (1 = no retry). */
  attempts?: number;
}

/** Base of every error that carries an Okta HTTP answer. */
export class OktaApiError extends OktaOuError {
  readonly status: number;
  readonly method: HttpMethod;
  readonly path: string;
  readonly errorCode?: string;
  readonly errorSummary?: string;
  readonly errorCauses: string[];
  readonly requestId?: string;
  constructor(code: string, ctx: OktaErrorContext, opts: { exitCode?: number; hint?: string; what?: string } = {}) {
    super(code, describe(ctx, opts.what), { exitCode: opts.exitCode ?? EXIT.ERROR, hint: opts.hint });
    this.status = ctx.status;
    this.method = ctx.method;
    this.path = ctx.path;
    this.errorCode = ctx.body?.errorCode ?? ctx.body?.error;
    this.errorSummary = ctx.body?.errorSummary ?? ctx.body?.error_description;
    this.errorCauses = causesOf(ctx.body);
    this.requestId = ctx.requestId;
  }
}

/** 401/403: bad or expired token, missing scope or admin role. Exit code 4 (docs/design.md §2). */
export class OktaAuthError extends OktaApiError {
  /** For a 403 under OAuth: the scopes the endpoint needs. */
  readonly requiredScopes: string[];
  /** `hint` replaces the API-call hint (the token endpoint's OAuth errors have their own). */
  constructor(ctx: OktaErrorContext, hint?: string) {
    const required = scopesFor(ctx.method, ctx.path);
    super('OKTA_AUTH', ctx, { exitCode: EXIT.AUTH, hint: hint ?? authHint(ctx, required) });
    this.requiredScopes = required;
  }
}

export class OktaNotFound extends OktaApiError {
  constructor(ctx: OktaErrorContext) {
    super('OKTA_NOT_FOUND', ctx, {
      hint: 'check the id or name; the object may have been deleted since it was read (re-run plan)',
    });
  }
}

export class OktaValidationError extends OktaApiError {
  constructor(ctx: OktaErrorContext, hint?: string) {
    super('OKTA_VALIDATION', ctx, {
      hint: hint ?? 'Okta rejected the request body; fix the value named in the causes above and run plan again',
    });
  }
}

export class OktaRateLimited extends OktaApiError {
  constructor(ctx: OktaErrorContext, bucket: string) {
    super('OKTA_RATE_LIMITED', ctx, {
      what: `rate limit of ${bucket} still exceeded after ${ctx.attempts ?? 1} attempts`,
      hint:
        'another client is using the same rate-limit bucket; run again later, lower --max-capacity, ' +
        'or check Admin Console > Reports > Rate Limits',
    });
  }
}

/**
 * Okta's codes for "the AD agent did not answer" on a 502/504. Okta's own sources disagree (docs/okta-api.md
 * §5): the spec's examples for POST /api/v1/directories/{appInstanceId}/groups/modify use E0000236 (502
 * "There are no connected agents") and E0000237 (504 "Timed out waiting for agent"), while the error-code
 * catalogue (data/error-codes.json, 2026.08.1) lists E0000240/E0000241 for these and E0000236/E0000237 as
 * email-customization errors. No email endpoint answers 502/504, so all four are taken to mean the agent.
 */
const AGENT_ERROR_CODES: ReadonlySet<string> = new Set(['E0000236', 'E0000237', 'E0000240', 'E0000241']);

/**
 * The summary as a fallback for a code neither source lists. Okta says errorSummary is only for
 * troubleshooting (core-okta-api "Errors"), but with the codes in doubt it is the remaining signal, and
 * a wrong guess costs only the hint: both classes exit 1. "user-agent" (a proxy's page) does not count.
 */
const AGENT_SUMMARY = /(?<![\w-])agents?\b/i;

/** A 502/504 that is the AD agent's, by code or summary (see AGENT_ERROR_CODES). */
function isAgentFailure(status: number, body: OktaErrorBody | undefined): boolean {
  if (status !== 502 && status !== 504) return false;
  return AGENT_ERROR_CODES.has(body?.errorCode ?? '') || AGENT_SUMMARY.test(body?.errorSummary ?? '');
}

/** 502/504 from the AD agent path ("No connected agents", "Timed out waiting for agent"). */
export class OktaAgentUnavailable extends OktaApiError {
  constructor(ctx: OktaErrorContext) {
    super('OKTA_AGENT_UNAVAILABLE', ctx, {
      hint:
        'the Okta AD agent did not answer; check Admin Console > Directory > Directory Integrations > ' +
        'Active Directory (agent status), then retry',
    });
  }
}

export class OktaServerError extends OktaApiError {
  constructor(ctx: OktaErrorContext) {
    super('OKTA_SERVER_ERROR', ctx, {
      hint: 'Okta failed on its side; retry later and quote the request id to Okta support if it persists',
    });
  }
}

/** Any other 4xx (405, 409, 423, …). */
export class OktaRequestError extends OktaApiError {
  constructor(ctx: OktaErrorContext) {
    super('OKTA_REQUEST', ctx, {
      hint:
        'Okta refused the request for the reason above; run plan again to see the current state (409/423: ' +
        'another change was in progress), and if it persists report it with the request id',
    });
  }
}

/** No HTTP answer: connection refused or reset, DNS, TLS, timeout. */
export class OktaNetworkError extends OktaOuError {
  readonly method: HttpMethod;
  readonly path: string;
  /** The underlying error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, …). */
  readonly causeCode?: string;
  constructor(method: HttpMethod, path: string, cause: unknown, opts: { attempts: number; retried: boolean }) {
    const code = networkCode(cause);
    const why = (cause as Error | undefined)?.message ?? String(cause);
    const tries = opts.attempts > 1 ? ` after ${opts.attempts} attempts` : '';
    super('OKTA_NETWORK', `${method} ${path} failed${tries}: ${code ?? 'network error'} (${why})`, {
      exitCode: EXIT.ERROR,
      hint: opts.retried
        ? 'check the org URL and network access to Okta (proxy, firewall, DNS), then run again'
        : `${method} is not retried automatically because Okta may have applied it; run plan again to see ` +
          'what changed before re-applying',
      cause,
    });
    this.method = method;
    this.path = path;
    this.causeCode = code;
  }
}

/** Pagination or protocol problems (a next link to another host, a list that is not a list). */
export class OktaProtocolError extends OktaOuError {
  constructor(message: string, hint: string) {
    super('OKTA_PROTOCOL', message, { exitCode: EXIT.ERROR, hint });
  }
}

/** Missing or invalid connection settings. */
export class OktaConfigError extends OktaOuError {
  constructor(message: string, hint: string) {
    super('OKTA_CONFIG', message, { exitCode: EXIT.ERROR, hint });
  }
}

export function networkCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof err?.code === 'string') return err.code;
  if (typeof err?.cause?.code === 'string') return err.cause.code;
  return undefined;
}

/** Maps an Okta error answer to its typed error. */
export function errorFromResponse(ctx: OktaErrorContext, bucket: string): OktaApiError {
  const s = ctx.status;
  if (s === 401 || s === 403) return new OktaAuthError(ctx);
  if (s === 404) return new OktaNotFound(ctx);
  if (s === 400) return new OktaValidationError(ctx);
  if (s === 429) return new OktaRateLimited(ctx, bucket);
  // A bare 502/504 (no agent code or summary) comes from Okta's edge or a proxy, not the AD agent.
  if (isAgentFailure(s, ctx.body)) return new OktaAgentUnavailable(ctx);
  if (s >= 500) return new OktaServerError(ctx);
  return new OktaRequestError(ctx);
}

function causesOf(body: OktaErrorBody | undefined): string[] {
  const causes = Array.isArray(body?.errorCauses) ? body.errorCauses : [];
  return causes.map((c) => c?.errorSummary).filter((s): s is string => typeof s === 'string');
}

function describe(ctx: OktaErrorContext, what?: string): string {
  const b = ctx.body;
  const code = b?.errorCode ?? b?.error;
  const summary = b?.errorSummary ?? b?.error_description;
  let msg = `${ctx.method} ${ctx.path} → ${ctx.status}`;
  if (code) msg += ` ${code}`;
  if (summary) msg += `: ${summary}`;
  const causes = causesOf(b);
  if (causes.length > 0) msg += ` (causes: ${causes.join('; ')})`;
  if (what) msg += ` — ${what}`;
  msg += ctx.requestId ? ` [X-Okta-Request-Id ${ctx.requestId}]` : ' [no X-Okta-Request-Id]';
  return msg;
}

function authHint(ctx: OktaErrorContext, required: string[]): string {
  const code = ctx.body?.errorCode;
  const oauth = ctx.authMode === 'PrivateKey';
  if (ctx.status === 401) {
    if (code === 'E0000015') return 'the org lacks the feature this endpoint needs; check the org\'s SKU and feature flags';
    if (oauth) {
      return 'the access token was refused; check OKTA_CLIENT_CLIENTID, OKTA_CLIENT_KEYID and that the key is ' +
        'registered on the service app (Admin Console > Applications > <app> > General > Public keys)';
    }
    return 'the API token was refused; check OKTA_CLIENT_TOKEN belongs to this org and is not revoked or expired ' +
      '(Admin Console > Security > API > Tokens)';
  }
  if (oauth) {
    const need = required.length > 0 ? required.join(' and ') : 'the scope for this endpoint';
    const granted = ctx.scopes && ctx.scopes.length > 0 ? ` (requested: ${ctx.scopes.join(' ')})` : '';
    return `the service app needs ${need}${granted}: grant it under Admin Console > Applications > <app> > ` +
      `Okta API Scopes, add it to OKTA_CLIENT_SCOPES, and make sure the app has an admin role that allows it`;
  }
  return 'the admin who created the API token lacks the permission for this call; use a token of an admin ' +
    'with the right role (e.g. Application Administrator for apps, Group Administrator for groups)';
}
