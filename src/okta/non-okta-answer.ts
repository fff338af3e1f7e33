/**
 * Answers that cannot be Okta's: Okta's API never redirects and always answers JSON. A redirect, or an
 * HTML (or other non-JSON) page, comes from something else at the org URL — a wrong URL (the Admin
 * Console's `-admin` host, http instead of https, a custom domain's login page) or a proxy — and is named
 * as such, with the host, instead of being reported as "Okta refused the request". 5xx pages are left to
 * the retry rules (an edge's or proxy's 502 is transient), and so are 429s.
 */
import type { HttpMethod } from './api';
import { OktaProtocolError } from './errors';

const HINT =
  'check OKTA_CLIENT_ORGURL: it must be the org itself, e.g. https://example.okta.com (not the -admin host, ' +
  'not http://, not a login page); if a proxy sits in between, it must pass Okta\'s answers through unchanged';

const header = (headers: Record<string, string | string[]>, name: string): string => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
};

/** The error for an answer that is not Okta's, or undefined when it may be. */
export function nonOktaAnswer(
  method: HttpMethod,
  url: URL,
  status: number,
  headers: Record<string, string | string[]>,
  text: string,
): OktaProtocolError | undefined {
  const where = `${method} ${url.pathname}: ${url.host}`;
  if (status >= 300 && status < 400) {
    const location = header(headers, 'location');
    let to = location === '' ? 'nowhere' : location;
    try {
      to = new URL(location, url).origin + new URL(location, url).pathname;
    } catch {
      // keep the raw value
    }
    return new OktaProtocolError(`${where} answered ${status}, a redirect to ${to}: Okta's API does not redirect, so this is not Okta answering`, HINT);
  }
  if (status >= 500 || status === 429 || text.trim() === '') return undefined;
  const type = header(headers, 'content-type').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return undefined;
  const what = type === 'text/html' || /^\s*<(!doctype|html)/i.test(text) ? 'an HTML page' : `a ${type || 'body without a content type'}`;
  return new OktaProtocolError(`${where} answered ${status} with ${what}, not Okta's JSON: this is not Okta answering`, HINT);
}
