/**
 * Okta's error responses (docs/okta-api.md §9, DOCS data/error-codes.json, recorded Okta responses):
 * {errorCode, errorSummary, errorLink (= errorCode), errorId ("oae" + 22), errorCauses (always present)}.
 */
export class OktaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly causes: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(errorSummary);
  }
}

export const notFound = (id: string, type: string): OktaHttpError =>
  new OktaHttpError(404, 'E0000007', `Not found: Resource not found: ${id} (${type})`);

export const validation = (what: string, ...causes: string[]): OktaHttpError =>
  new OktaHttpError(400, 'E0000001', `Api validation failed: ${what}`, causes);

export const malformedBody = (cause?: string): OktaHttpError =>
  new OktaHttpError(400, 'E0000003', 'The request body was not well-formed.', cause ? [cause] : []);

export const invalidToken = (): OktaHttpError => new OktaHttpError(401, 'E0000011', 'Invalid token provided');

export const forbidden = (): OktaHttpError =>
  new OktaHttpError(403, 'E0000006', 'You do not have permission to perform the requested action');

export const methodNotAllowed = (): OktaHttpError =>
  new OktaHttpError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');

export const invalidCursor = (): OktaHttpError =>
  new OktaHttpError(400, 'E0000029', 'Invalid paging request.', ['Invalid cursor.']);

export const rateLimited = (): OktaHttpError =>
  new OktaHttpError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');

/** Default error body for a status injected by a fault. 502/504 use the catalogue's agent codes (§5). */
export function errorForStatus(status: number): OktaHttpError {
  switch (status) {
    case 400: return validation('request');
    case 401: return invalidToken();
    case 403: return forbidden();
    case 404: return new OktaHttpError(404, 'E0000007', 'Not found: Resource not found');
    case 429: return rateLimited();
    case 502: return new OktaHttpError(502, 'E0000240', 'Request timed out waiting for agent.', ['There are no connected agents.']);
    case 503: return new OktaHttpError(503, 'E0000010', 'Service is in read only mode');
    case 504: return new OktaHttpError(504, 'E0000241', 'No connected agents.', ['Timed out waiting for agent.']);
    default: return new OktaHttpError(status, 'E0000009', 'Internal Server Error');
  }
}

export function errorBody(err: OktaHttpError, errorId: string): Record<string, unknown> {
  return {
    errorCode: err.errorCode,
    errorSummary: err.errorSummary,
    errorLink: err.errorCode,
    errorId,
    errorCauses: err.causes.map((errorSummary) => ({ errorSummary })),
  };
}
