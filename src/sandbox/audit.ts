/** One request as the sandbox saw it; tests read `sb.audit` (e.g. to prove `plan` never writes). */
export interface AuditEntry {
  method: string;
  path: string;
  /** Query parameters as sent. */
  query: Record<string, string>;
  /** HTTP status answered; 0 when the connection was reset by a fault. */
  status: number;
  /** ISO time the request arrived. */
  at: string;
  /** Parsed JSON body of writes (PUT/POST/PATCH/DELETE), when there was one. Never tokens. */
  body?: unknown;
  /** X-Okta-Request-Id answered. */
  requestId: string;
  /** Name of the fault that hit this request, if any. */
  fault?: string;
}

export const WRITE_METHODS = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);
