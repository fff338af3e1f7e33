/**
 * The sandbox's own, deliberately small DN comparison (RFC 4514), used only for the provisioning
 * check "is the target OU an import OU or below one". Independent of src/model/dn.ts by design.
 */

function unescapeValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const hex = raw.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
      } else {
        out += raw[++i];
      }
    } else {
      out += c;
    }
  }
  return out;
}

/** RDNs as lower-cased "type=value" strings, most specific first; undefined when not a DN. */
export function rdnsOf(dn: string): string[] | undefined {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) {
      cur += c + dn[++i];
    } else if (c === ',') {
      parts.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  const out: string[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const type = part.slice(0, eq).trim().toLowerCase();
    const value = unescapeValue(part.slice(eq + 1).trim()).trim().toLowerCase();
    if (!type || !value) return undefined;
    out.push(`${type}=${value}`);
  }
  return out;
}

export function sameDn(a: string, b: string): boolean {
  const ra = rdnsOf(a);
  const rb = rdnsOf(b);
  return !!ra && !!rb && ra.length === rb.length && ra.every((r, i) => r === rb[i]);
}

/** True when `dn` equals `ancestor` or lies below it. */
export function isAtOrUnder(dn: string, ancestor: string): boolean {
  const rd = rdnsOf(dn);
  const ra = rdnsOf(ancestor);
  if (!rd || !ra || ra.length > rd.length) return false;
  const offset = rd.length - ra.length;
  return ra.every((r, i) => rd[offset + i] === r);
}

/** The DN with its first RDN removed (a user's OU). */
export function parentDn(dn: string): string {
  let i = 0;
  for (; i < dn.length; i++) {
    if (dn[i] === '\\') i++;
    else if (dn[i] === ',') break;
  }
  return dn.slice(i + 1);
}

export function escapeRdnValue(value: string): string {
  return value.replace(/[,+"\\<>;=]/g, (c) => '\\' + c).replace(/^[ #]/, (c) => '\\' + c).replace(/ $/, '\\ ');
}

/** "corp.example.com" → "DC=corp,DC=example,DC=com". */
export function namingContextDn(namingContext: string): string {
  if (namingContext.includes('=')) return namingContext;
  return namingContext.split('.').map((p) => `DC=${p}`).join(',');
}
