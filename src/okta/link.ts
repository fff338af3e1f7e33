/**
 * RFC 8288 Link header parsing. Okta pages lists with `Link: <url>; rel="next"` and says "follow the Link
 * header values instead of constructing your own URLs" (developer.okta.com core-okta-api "Pagination").
 * Okta sends `self` and `next` as separate header fields; proxies and some clients join them with commas,
 * so both shapes are accepted. A `rel` may list several space-separated relation types.
 */

export interface LinkValue {
  /** The target, resolved against the base URL when relative. */
  url: string;
  /** Relation types, lower-cased. */
  rels: string[];
  params: Record<string, string>;
}

/** Parses one or more Link header field values (repeated fields and/or comma-joined). */
export function parseLinkHeader(value: string | string[] | undefined, base?: string): LinkValue[] {
  if (value === undefined) return [];
  const fields = Array.isArray(value) ? value : [value];
  const out: LinkValue[] = [];
  for (const field of fields) out.push(...parseField(field, base));
  return out;
}

/** The first link with relation `rel`, or undefined. */
export function findLink(value: string | string[] | undefined, rel: string, base?: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(value, base).find((l) => l.rels.includes(wanted))?.url;
}

function parseField(field: string, base?: string): LinkValue[] {
  const out: LinkValue[] = [];
  let i = 0;
  const n = field.length;
  const skipWs = (): void => {
    while (i < n && /[\s]/.test(field[i])) i++;
  };
  while (i < n) {
    skipWs();
    if (field[i] === ',') {
      i++;
      continue;
    }
    if (field[i] !== '<') {
      // Not a link-value: skip to the next comma outside quotes.
      i = skipToComma(field, i);
      continue;
    }
    const end = field.indexOf('>', i + 1);
    if (end < 0) break;
    const target = field.slice(i + 1, end).trim();
    i = end + 1;
    const params: Record<string, string> = {};
    for (;;) {
      skipWs();
      if (field[i] !== ';') break;
      i++;
      skipWs();
      let name = '';
      while (i < n && !/[\s=;,]/.test(field[i])) name += field[i++];
      skipWs();
      let val = '';
      if (field[i] === '=') {
        i++;
        skipWs();
        if (field[i] === '"') {
          i++;
          while (i < n && field[i] !== '"') {
            if (field[i] === '\\' && i + 1 < n) i++;
            val += field[i++];
          }
          i++;
        } else {
          while (i < n && !/[\s;,]/.test(field[i])) val += field[i++];
        }
      }
      name = name.toLowerCase();
      // RFC 8288 §3: occurrences after the first rel are ignored.
      if (name && !(name in params)) params[name] = val;
    }
    const url = resolve(target, base);
    if (url !== undefined) {
      const rels = (params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      out.push({ url, rels, params });
    }
    i = skipToComma(field, i);
  }
  return out;
}

function skipToComma(s: string, from: number): number {
  let i = from;
  let quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) return i + 1;
    i++;
  }
  return i;
}

function resolve(target: string, base?: string): string | undefined {
  try {
    return new URL(target, base).toString();
  } catch {
    return undefined;
  }
}
