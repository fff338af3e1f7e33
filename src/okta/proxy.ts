/**
 * Egress proxies: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case names win, as curl and undici read
 * them), honoured by undici's EnvHttpProxyAgent. The values come from the command's environment, never
 * from process.env behind its back, so a test (or an embedding) decides what is proxied. An empty
 * variable counts as unset, as every OKTA_CLIENT_* one does.
 *
 * undici 7's rules (lib/dispatcher/env-http-proxy-agent.js), which okta-ou keeps rather than invents:
 * - the org's scheme picks the variable: https uses HTTPS_PROXY, and HTTP_PROXY when that is unset;
 *   http (only a loopback org, the local Okta) uses HTTP_PROXY only;
 * - loopback hosts are not exempt: a local Okta at http://127.0.0.1 goes through HTTP_PROXY unless
 *   NO_PROXY names it; `localhost` does not cover `127.0.0.1`, and there are no CIDR ranges;
 * - NO_PROXY: entries split on commas or spaces, `host` or `host:port`, a leading `.` or `*.` dropped,
 *   the host itself or any sub-domain of it bypasses the proxy; `*` bypasses it for every host;
 * - the proxy is reached by CONNECT (a tunnel) for https and http alike; user:password in the proxy URL
 *   becomes a Proxy-Authorization header.
 */
import { EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { OktaConfigError } from './errors';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The pool limits the client uses with or without a proxy. */
export interface PoolLimits {
  connections: number;
  keepAliveTimeout: number;
  headersTimeout: number;
  bodyTimeout: number;
}

/** The proxy settings in `env` (lower-case names first), or undefined when no proxy is set. Throws on a bad URL. */
export function readProxyEnv(env: Record<string, string | undefined>): ProxySettings | undefined {
  const pick = (name: string): [string, string] | undefined => {
    for (const n of [name.toLowerCase(), name]) {
      const v = env[n]?.trim();
      if (v) return [n, v];
    }
    return undefined;
  };
  const https = pick('HTTPS_PROXY');
  const http = pick('HTTP_PROXY');
  if (!https && !http) return undefined;
  const noProxy = pick('NO_PROXY');
  return {
    ...(http ? { httpProxy: checkedProxyUrl(...http) } : {}),
    ...(https ? { httpsProxy: checkedProxyUrl(...https) } : {}),
    ...(noProxy ? { noProxy: noProxy[1] } : {}),
  };
}

function checkedProxyUrl(name: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new OktaConfigError(
      `${name} is not an http(s) proxy URL`,
      `write it as http://host:port (or http://user:password@host:port), e.g. ${name}=http://proxy.example.com:3128`,
    );
  }
  return url.href;
}

/** The client's dispatcher: a keep-alive Pool to the org, or undici's EnvHttpProxyAgent with the same limits. */
export function createDispatcher(origin: string, proxy: ProxySettings | undefined, limits: PoolLimits): Dispatcher {
  if (!proxy) return new Pool(origin, limits);
  // Empty strings, not undefined: undici would otherwise fall back to process.env.
  return new EnvHttpProxyAgent({ ...limits, httpProxy: proxy.httpProxy ?? '', httpsProxy: proxy.httpsProxy ?? '', noProxy: proxy.noProxy ?? '' });
}

/**
 * What --verbose says about the proxy for `origin`: host:port of the proxy used (never its credentials),
 * or why none is. Undefined when no proxy is set. Follows the rules above.
 */
export function describeProxy(origin: string, proxy: ProxySettings | undefined): string | undefined {
  if (!proxy) return undefined;
  const url = new URL(origin);
  const chosen = url.protocol === 'https:' ? (proxy.httpsProxy ?? proxy.httpProxy) : proxy.httpProxy;
  if (!chosen) return `proxy: none for ${origin} (only ${proxy.httpsProxy ? 'HTTPS_PROXY' : 'HTTP_PROXY'} is set)`;
  if (bypassed(url, proxy.noProxy ?? '')) return `proxy: not used for ${origin} (NO_PROXY matches)`;
  const p = new URL(chosen);
  return `proxy: ${origin} through ${p.protocol}//${p.host}`;
}

function bypassed(url: URL, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  const host = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return noProxy
    .split(/[,\s]/)
    .filter(Boolean)
    .some((entry) => {
      const m = /^(.+):(\d+)$/.exec(entry);
      const name = (m ? m[1] : entry).replace(/^\*?\./, '').toLowerCase();
      if (m && Number(m[2]) !== port) return false;
      return host === name || host.endsWith(`.${name}`);
    });
}
