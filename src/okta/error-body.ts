/**
 * The error fields of an answer, as okta-ou shows them: Okta's API errors and the OAuth token endpoint's
 * alike go through the same redaction (a token endpoint or a proxy may echo the client assertion, the
 * DPoP proof or the key id back). A non-JSON answer (a proxy's HTML page) becomes a short summary.
 */
import type { OktaErrorBody } from './errors';
import { redact } from './redact';

export function errorBodyOf(body: unknown, secrets: readonly string[]): OktaErrorBody | undefined {
  const clean = (s: unknown): string | undefined => (typeof s === 'string' ? redact(s, secrets) : undefined);
  if (typeof body === 'string') {
    const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
    return text ? { errorSummary: redact(text, secrets) } : undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  return {
    errorCode: clean(b.errorCode),
    errorSummary: clean(b.errorSummary),
    errorId: clean(b.errorId),
    errorCauses: Array.isArray(b.errorCauses)
      ? b.errorCauses.map((c) => ({ errorSummary: clean((c as { errorSummary?: unknown })?.errorSummary) }))
      : undefined,
    error: clean(b.error),
    error_description: clean(b.error_description),
  };
}
