/**
 * Distinguished Names (RFC 4514): parse, normalise, compare, containment.
 *
 * Okta's AD agent writes the group assignment's `organizationalUnit` as a DN and AD compares DNs
 * case-insensitively (the `distinguishedName` syntax uses caseIgnoreMatch for the values okta-ou meets:
 * OU, CN and DC), so two spellings such as `OU=Sales, DC=corp` and `ou=sales,dc=corp` name the same OU.
 * We parse strictly by RFC 4514 (https://www.rfc-editor.org/rfc/rfc4514) with one leniency AD and
 * RFC 1779 have always had: unescaped spaces around `=`, `,` and `+` are insignificant.
 *
 * Canonical form: attribute types lower-case (common long names folded to their short names), values
 * lower-case, no insignificant spaces, hex pairs decoded (UTF-8) and re-escaped minimally, multi-valued
 * RDN parts sorted. Pure: no I/O.
 */

export interface Ava {
  type: string;
  value: string;
  /** True when the value was given as `#hexstring` (BER); `value` then holds the hex digits after `#`. */
  hex?: boolean;
}

export type ParsedDn =
  | { ok: true; rdns: Ava[][] }
  | { ok: false; error: string; offset: number };

// RFC 4519 long names that AD also accepts; folded so `organizationalUnitName=X` equals `OU=X`.
const typeAliases: Record<string, string> = {
  commonname: 'cn',
  organizationalunitname: 'ou',
  domaincomponent: 'dc',
  organizationname: 'o',
  countryname: 'c',
  localityname: 'l',
  stateorprovincename: 'st',
  streetaddress: 'street',
  userid: 'uid',
};

const isAlpha = (c: string): boolean => /^[A-Za-z]$/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => /^[0-9A-Fa-f]$/.test(c);
// RFC 4514 §3: characters that may follow a backslash as themselves.
const escapable = new Set(['"', '+', ',', ';', '<', '>', '\\', ' ', '#', '=']);
// RFC 4514 §3: characters that must be escaped anywhere in a string value.
const mustEscape = new Set(['"', '+', ',', ';', '<', '>', '\\']);

class DnSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function describe(c: string | undefined): string {
  return c === undefined ? 'the end' : `"${c}"`;
}

/** Parses a DN. Never throws: returns the error and its 0-based character offset instead. */
export function parseDn(s: string): ParsedDn {
  try {
    return { ok: true, rdns: parseStrict(s) };
  } catch (e) {
    if (e instanceof DnSyntaxError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

function parseStrict(s: string): Ava[][] {
  let i = 0;
  const skipSpaces = (): void => {
    while (s[i] === ' ') i++;
  };
  skipSpaces();
  if (i >= s.length) throw new DnSyntaxError('the DN is empty', 0);

  const parseType = (): string => {
    const start = i;
    if (isAlpha(s[i] ?? '')) {
      while (i < s.length && (isAlpha(s[i]) || isDigit(s[i]) || s[i] === '-')) i++;
      const t = s.slice(start, i).toLowerCase();
      return typeAliases[t] ?? t;
    }
    if (isDigit(s[i] ?? '')) {
      // numericoid = number 1*( DOT number )
      while (i < s.length && (isDigit(s[i]) || s[i] === '.')) i++;
      const t = s.slice(start, i);
      if (!/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/.test(t)) throw new DnSyntaxError(`"${t}" is not a valid attribute type (OID)`, start);
      return t;
    }
    throw new DnSyntaxError(`expected an attribute type such as OU, CN or DC, found ${describe(s[i])}`, i);
  };

  const parseValue = (): { value: string; hex?: boolean } => {
    const start = i;
    if (s[i] === '#') {
      i++;
      const hs = i;
      while (i < s.length && isHex(s[i])) i++;
      const hex = s.slice(hs, i);
      if (hex.length === 0 || hex.length % 2 !== 0) throw new DnSyntaxError('a "#" value must be followed by an even number of hex digits (escape a literal "#" as "\\#")', start);
      skipSpaces();
      // RFC 4514 §3: hexstring is the whole value; anything but the next RDN or AVA is not part of it.
      if (i < s.length && s[i] !== ',' && s[i] !== '+') throw new DnSyntaxError(`a "#" value ends after its hex digits: expected "," or "+", found ${describe(s[i])}`, i);
      return { value: hex.toLowerCase(), hex: true };
    }
    // chars with an "escaped" flag: unescaped trailing spaces are insignificant, escaped ones are not.
    const out: Array<{ c: string; esc: boolean }> = [];
    let bytes: number[] = [];
    let bytesAt = 0;
    const flushBytes = (): void => {
      if (bytes.length === 0) return;
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
      } catch {
        throw new DnSyntaxError('hex escapes do not form valid UTF-8', bytesAt);
      }
      for (const c of text) out.push({ c, esc: true });
      bytes = [];
    };
    while (i < s.length && s[i] !== ',' && s[i] !== '+') {
      const c = s[i];
      if (c === '\\') {
        const n = s[i + 1];
        if (n !== undefined && isHex(n) && s[i + 2] !== undefined && isHex(s[i + 2])) {
          if (bytes.length === 0) bytesAt = i;
          bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
          i += 3;
          continue;
        }
        flushBytes();
        if (n === undefined) throw new DnSyntaxError('the DN ends with a lone backslash', i);
        if (!escapable.has(n)) throw new DnSyntaxError(`"\\${n}" is not a valid escape (escape only , + " \\ < > ; # = space, or use two hex digits)`, i);
        out.push({ c: n, esc: true });
        i += 2;
        continue;
      }
      flushBytes();
      if (mustEscape.has(c)) throw new DnSyntaxError(`"${c}" must be escaped as "\\${c}" inside a value`, i);
      if (c === '\u0000') throw new DnSyntaxError('a NUL character must be escaped as "\\00"', i);
      out.push({ c, esc: false });
      i++;
    }
    flushBytes();
    while (out.length > 0 && out[out.length - 1].c === ' ' && !out[out.length - 1].esc) out.pop();
    if (out.length === 0) throw new DnSyntaxError('the value is empty', start);
    return { value: out.map((x) => x.c).join('') };
  };

  const rdns: Ava[][] = [];
  for (;;) {
    const rdn: Ava[] = [];
    for (;;) {
      skipSpaces();
      const type = parseType();
      skipSpaces();
      if (s[i] !== '=') throw new DnSyntaxError(`expected "=" after "${s.slice(0, i).split(/[,+]/).pop()?.trim()}", found ${describe(s[i])}`, i);
      i++;
      skipSpaces();
      const v = parseValue();
      rdn.push(v.hex ? { type, value: v.value, hex: true } : { type, value: v.value });
      if (s[i] === '+') {
        i++;
        continue;
      }
      break;
    }
    rdns.push(rdn);
    if (i >= s.length) break;
    // s[i] === ',' here (parseValue stops only at ',', '+' or the end)
    i++;
    skipSpaces();
    if (i >= s.length) throw new DnSyntaxError('the DN ends with a comma', i - 1);
  }
  return rdns;
}

/** RFC 4514 §2.4 minimal escaping of a string value. */
function escapeDnValue(v: string): string {
  const chars = Array.from(v);
  return chars
    .map((c, idx) => {
      if (mustEscape.has(c)) return `\\${c}`;
      if (c === '\u0000') return '\\00';
      if (idx === 0 && (c === ' ' || c === '#')) return `\\${c}`;
      if (idx === chars.length - 1 && c === ' ') return '\\ ';
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return `\\${code.toString(16).padStart(2, '0')}`;
      return c;
    })
    .join('');
}

function renderAva(a: Ava, preserveCase: boolean): string {
  const value = a.hex ? `#${a.value}` : escapeDnValue(preserveCase ? a.value : a.value.toLowerCase());
  return `${a.type}=${value}`;
}

function renderRdn(rdn: Ava[], preserveCase: boolean): string {
  return rdn
    .map((a) => renderAva(a, preserveCase))
    .sort()
    .join('+');
}

export interface NormaliseOptions {
  /** Keep the value's case (for `ouCase: preserve`); types are lower-cased either way. */
  preserveCase?: boolean;
}

/**
 * The canonical rendering of a DN (lower case unless `preserveCase`). Idempotent.
 * @throws Error with the syntax problem when `s` is not a valid DN.
 */
export function normaliseDn(s: string, opts: NormaliseOptions = {}): string {
  const p = parseDn(s);
  if (!p.ok) throw new Error(`invalid DN "${s}": ${p.error} (at character ${p.offset + 1})`);
  return p.rdns.map((r) => renderRdn(r, opts.preserveCase ?? false)).join(',');
}

/**
 * Canonical (lower-case) RDNs by DN text, and their rendering for the texts asked for it. A plan compares
 * the same few thousand OUs many times (diff, lints, fingerprint, export: per assignment, 100,000 in a
 * large org), and parsing is the cost; the results are frozen, so sharing them is safe. App users' DNs
 * pass through too (each is distinct and seen once): they get no rendering. Bounded: each map is cleared
 * when it holds {@link DN_CACHE_LIMIT} entries.
 */
export const DN_CACHE_LIMIT = 100_000;
const rdnsCache = new Map<string, readonly string[] | null>();
const textCache = new Map<string, string | null>();

function remember<T>(cache: Map<string, T>, s: string, make: () => T): T {
  let v = cache.get(s);
  // Values are DNs' results or null, never undefined: undefined means not there yet.
  if (v === undefined) {
    if (cache.size >= DN_CACHE_LIMIT) cache.clear();
    v = make();
    cache.set(s, v);
  }
  return v as T;
}

/** The normalised (lower-case) RDNs, leaf first, e.g. ['ou=sales', 'dc=corp']; null when invalid. Memoised. */
export function canonicalRdns(s: string): readonly string[] | null {
  return remember(rdnsCache, s, () => {
    const p = parseDn(s);
    return p.ok ? Object.freeze(p.rdns.map((r) => renderRdn(r, false))) : null;
  });
}

/** `normaliseDn`, or null when `s` is not a valid DN. Memoised in lower case (the usual form). */
export function tryNormaliseDn(s: string, opts: NormaliseOptions = {}): string | null {
  if (!opts.preserveCase) return remember(textCache, s, () => canonicalRdns(s)?.join(',') ?? null);
  const p = parseDn(s);
  if (!p.ok) return null;
  return p.rdns.map((r) => renderRdn(r, true)).join(',');
}

/** True when both are valid DNs naming the same entry (case- and spacing-insensitive). */
export function dnEquals(a: string, b: string): boolean {
  const na = tryNormaliseDn(a);
  return na !== null && na === tryNormaliseDn(b);
}

/** True when `child` equals `parent` or lies below it. False when either is not a valid DN. */
export function isUnder(child: string, parent: string): boolean {
  const c = canonicalRdns(child);
  const p = canonicalRdns(parent);
  if (!c || !p || c.length < p.length) return false;
  const offset = c.length - p.length;
  return p.every((rdn, k) => c[offset + k] === rdn);
}

/** `corp.example.com` → `dc=corp,dc=example,dc=com`. @throws on an empty label. */
export function domainToDn(domain: string): string {
  const labels = domain.trim().replace(/\.$/, '').split('.');
  if (labels.some((l) => l.trim() === '')) throw new Error(`invalid domain name "${domain}"`);
  return labels.map((l) => `dc=${escapeDnValue(l.trim().toLowerCase())}`).join(',');
}

/**
 * A naming context given either as a DN (`DC=corp,DC=example,DC=com`, as the mapping files write it) or
 * as a dotted domain (`corp.example.com`, as Okta's AD app reports `settings.app.namingContext`), as a
 * normalised DN. @throws when it is neither.
 */
export function namingContextDn(s: string): string {
  return s.includes('=') ? normaliseDn(s) : domainToDn(s);
}

/** `namingContextDn`, or null when invalid. */
export function tryNamingContextDn(s: string): string | null {
  try {
    return namingContextDn(s);
  } catch {
    return null;
  }
}
