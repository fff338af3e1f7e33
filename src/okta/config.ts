/**
 * Connection settings, read from the environment names Okta's own SDKs use (docs/design.md §2,
 * okta-sdk-nodejs `src/config-loader.js`); command-line flags win. Errors say which variable to set.
 */
import { OktaConfigError } from './errors';
import { parseSigningKey } from './auth/jwt';
import { readProxyEnv, type ProxySettings } from './proxy';

export type AuthConfig =
  | { mode: 'SSWS'; token: string }
  | {
      mode: 'PrivateKey';
      clientId: string;
      /** Space-separated in OKTA_CLIENT_SCOPES (okta-sdk-nodejs splits on ' '), or the command's own. */
      scopes: string[];
      /** True when OKTA_CLIENT_SCOPES was not set and `scopes` are the ones the command needs. */
      scopesFromCommand?: boolean;
      /** PEM or JWK JSON, as given. */
      privateKey: string;
      keyId?: string;
    };

export interface ConnectionConfig {
  /** The org's base URL, no trailing slash, e.g. https://example.okta.com. */
  orgUrl: string;
  auth: AuthConfig;
  /** Share of each rate-limit bucket okta-ou may use, 0 < x ≤ 1 (--max-capacity; default 0.5). */
  maxCapacity: number;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY (src/okta/proxy.ts); absent when no proxy is set. */
  proxy?: ProxySettings;
}

export const DEFAULT_MAX_CAPACITY = 0.5;

export interface ConnectionFlags {
  orgUrl?: string;
  /** --max-capacity: a percentage of each bucket, 1–100 (the CLI flag's unit; TF's max_api_capacity too); checked here only. */
  maxCapacity?: number;
  /** The scopes the command needs (src/okta/command-scopes.ts): asked for when OKTA_CLIENT_SCOPES is not set. */
  commandScopes?: readonly string[];
}

/** Builds the connection settings from `env` and flags, or throws OktaConfigError saying what to set. */
export function resolveConnection(env: Record<string, string | undefined>, flags: ConnectionFlags = {}): ConnectionConfig {
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  // The flag is checked first: its error does not depend on the environment.
  const maxCapacity = normaliseCapacity(flags.maxCapacity);
  const rawUrl = flags.orgUrl ?? get('OKTA_CLIENT_ORGURL');
  if (!rawUrl) {
    throw new OktaConfigError(
      'no Okta org URL',
      'set OKTA_CLIENT_ORGURL (e.g. https://example.okta.com) or pass --org-url',
    );
  }
  const orgUrl = normaliseOrgUrl(rawUrl);
  const proxySettings = readProxyEnv(env);
  const proxy = proxySettings ? { proxy: proxySettings } : {};

  const modeRaw = get('OKTA_CLIENT_AUTHORIZATIONMODE') ?? 'SSWS';
  const mode = modeRaw.toLowerCase();
  if (mode === 'ssws') {
    // The value of an `Authorization: SSWS …` header pasted whole is the token with its scheme: drop it.
    const token = get('OKTA_CLIENT_TOKEN')?.replace(/^SSWS\s+/i, '');
    if (!token) {
      const oauthHint = get('OKTA_CLIENT_CLIENTID') ? ' (or set OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey to use the service app in OKTA_CLIENT_CLIENTID)' : '';
      throw new OktaConfigError(
        'no Okta API token',
        `set OKTA_CLIENT_TOKEN to an API token (Admin Console > Security > API > Tokens)${oauthHint}`,
      );
    }
    return { orgUrl, auth: { mode: 'SSWS', token }, maxCapacity, ...proxy };
  }
  if (mode === 'privatekey') {
    const missing: string[] = [];
    const clientId = get('OKTA_CLIENT_CLIENTID');
    const scopesEnv = get('OKTA_CLIENT_SCOPES');
    const scopesRaw = scopesEnv ?? (flags.commandScopes?.length ? flags.commandScopes.join(' ') : undefined);
    const privateKey = get('OKTA_CLIENT_PRIVATEKEY');
    if (!clientId) missing.push('OKTA_CLIENT_CLIENTID (the service app\'s client id)');
    if (!scopesRaw) missing.push('OKTA_CLIENT_SCOPES (space-separated, e.g. "okta.apps.read okta.groups.read")');
    if (!privateKey) missing.push('OKTA_CLIENT_PRIVATEKEY (PEM or JWK JSON)');
    if (missing.length > 0 || !clientId || !scopesRaw || !privateKey) {
      throw new OktaConfigError(
        `OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey needs ${missing.length} more setting${missing.length === 1 ? '' : 's'}`,
        `set ${missing.join(', ')}`,
      );
    }
    const key = parseSigningKey(privateKey); // fail early, with a message that never shows the key
    const keyId = get('OKTA_CLIENT_KEYID') ?? key.kid;
    // Terraform's provider uses commas; accept both rather than send one malformed scope.
    const scopes = scopesRaw.split(/[\s,]+/).filter(Boolean);
    const fromCommand = scopesEnv === undefined ? { scopesFromCommand: true } : {};
    return { orgUrl, auth: { mode: 'PrivateKey', clientId, scopes, privateKey, keyId, ...fromCommand }, maxCapacity, ...proxy };
  }
  // A word is shown (a typo like "OAuth"); anything else may be a secret set in the wrong variable.
  const shownMode = /^[A-Za-z_-]{1,24}$/.test(modeRaw) ? `"${modeRaw}"` : `<${modeRaw.length} characters, not shown>`;
  throw new OktaConfigError(
    `OKTA_CLIENT_AUTHORIZATIONMODE is ${shownMode}`,
    'set it to SSWS (API token, the default) or PrivateKey (OAuth 2.0 service app)',
  );
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The org URL as it may be shown: a URL's user name, password, query and fragment can hold a secret
 * (`https://user:pass@…`, `?token=…`), so they become `***`. Works on text that is not a URL too.
 */
export function shownOrgUrl(raw: string): string {
  const text = raw.trim();
  const hide = (u: URL): string =>
    `${u.protocol}//${u.username || u.password ? '***@' : ''}${u.host}${u.pathname === '/' ? '' : u.pathname}` +
    `${u.search ? '?***' : ''}${u.hash ? '#***' : ''}`;
  try {
    const u = new URL(text);
    if (u.host) return hide(u);
  } catch {
    // not a URL: redact by shape below
  }
  const shown = text.replace(/[?#].*$/s, (m) => `${m[0]}***`).replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/]*@/i, '$1***@');
  // Text with no dot, or with spaces, braces or quotes, is no host name: more likely a token, a PEM key or
  // a JWK pasted into the wrong variable (secrets swapped), so only its length is shown.
  return /^[^\s{}"']{1,255}$/.test(shown) && shown.includes('.') ? shown : `<${text.length} characters, not shown>`;
}

/** Validates an org URL and returns its origin, e.g. https://example.okta.com. Never echoes a secret. */
export function normaliseOrgUrl(raw: string): string {
  const shown = shownOrgUrl(raw);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    const swapped = shown.startsWith('<') ? '; a token or key belongs in OKTA_CLIENT_TOKEN or OKTA_CLIENT_PRIVATEKEY (are two secrets swapped?)' : '';
    throw new OktaConfigError(`org URL "${shown}" is not a URL`, `use the full URL, e.g. https://example.okta.com${swapped}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OktaConfigError(`org URL "${shown}" is not http(s)`, 'use the full URL, e.g. https://example.okta.com');
  }
  if (url.username || url.password) {
    throw new OktaConfigError(
      `org URL "${shown}" contains a user name or password`,
      `set the org URL to ${url.origin} and give the credentials in OKTA_CLIENT_TOKEN (or the OKTA_CLIENT_* ` +
        'service app settings); Okta does not read credentials from the URL. If the URL was shared or logged, ' +
        'revoke the credential in it',
    );
  }
  if (url.search || url.hash) {
    throw new OktaConfigError(
      `org URL "${shown}" has a ${url.search ? 'query string' : 'fragment'}`,
      `set the org URL to ${url.origin}, without "?…" or "#…"; a token belongs in OKTA_CLIENT_TOKEN, never in the URL`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new OktaConfigError(
      `org URL "${shown}" uses http`,
      'use https; plain http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]), e.g. the local Okta of `okta-ou sandbox`',
    );
  }
  if (url.pathname.replace(/\/+$/, '') !== '') {
    throw new OktaConfigError(
      `org URL "${shown}" has more than scheme, host and port`,
      `use the org's base URL only, e.g. ${url.origin}`,
    );
  }
  if (/-admin\./i.test(url.hostname)) {
    throw new OktaConfigError(
      `org URL "${shown}" is the Admin Console host`,
      `use the org URL without "-admin", e.g. ${url.origin.replace(/-admin\./i, '.')}`,
    );
  }
  return url.origin;
}

/**
 * The one check of --max-capacity (the CLI only turns the flag's text into a number): a percentage of each
 * bucket from 1 to 100, as a share 0.01–1. Below 1 is refused rather than read as a fraction, so "1" can
 * only mean 1 % and "0.5" is not silently half a percent.
 */
function normaliseCapacity(pct: number | undefined): number {
  if (pct === undefined) return DEFAULT_MAX_CAPACITY;
  if (!Number.isFinite(pct)) {
    throw new OktaConfigError(
      '--max-capacity is not a number',
      'give the share of each rate-limit bucket okta-ou may use as a percentage from 1 to 100, e.g. --max-capacity 50',
    );
  }
  if (pct < 1 || pct > 100) {
    const asPct = Number((pct * 100).toPrecision(12));
    const fraction = pct > 0 && pct < 1 ? `; for ${asPct} % write --max-capacity ${asPct}` : '';
    throw new OktaConfigError(
      `--max-capacity ${pct} is out of range`,
      `give the share of each rate-limit bucket okta-ou may use as a percentage from 1 to 100 (default 50)${fraction}`,
    );
  }
  return pct / 100;
}
