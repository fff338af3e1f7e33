/**
 * A refused connection to a loopback org URL (127.0.0.1, ::1, localhost) means nothing listens there:
 * almost always a local Okta (`okta-ou sandbox`) that is not running, or another port. Retrying cannot
 * help and would only wait in silence, so it is reported at once, saying so. Elsewhere a refusal may be
 * a load balancer's blip and is retried as usual (retry.ts).
 */
import type { HttpMethod } from './api';
import { EXIT, OktaOuError } from '../errors';
import { networkCode } from './errors';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/i;

export function isLoopbackRefusal(origin: string, e: unknown): boolean {
  return networkCode(e) === 'ECONNREFUSED' && LOOPBACK.test(new URL(origin).hostname);
}

/** Code OKTA_NETWORK, as every other failure to reach Okta. */
export class LoopbackRefused extends OktaOuError {
  constructor(method: HttpMethod, path: string, origin: string, cause: unknown) {
    const u = new URL(origin);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    super('OKTA_NETWORK', `${method} ${path}: nothing is listening on ${u.hostname}:${port} (connection refused)`, {
      exitCode: EXIT.ERROR,
      hint: `is the local Okta running? Start it with \`okta-ou sandbox --port ${port}\` and load the two export lines it prints, or set OKTA_CLIENT_ORGURL to where it listens`,
      cause,
    });
  }
}
