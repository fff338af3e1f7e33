import type { RouteContext } from './context';
import { invalidCursor, validation } from './okta-errors';

/**
 * Okta cursor pagination (notes §7, recordings README "Headers, pagination"): a `Link` header value per
 * relation, absolute URLs, `rel="self"` always, `rel="next"` only when more items follow, cursor = the
 * id of the last item on the page (opaque to clients, which must follow the link).
 */
export interface PageSpec<T> {
  items: T[];
  idOf: (item: T) => string;
  defaultLimit: number;
  maxLimit: number;
  minLimit?: number;
  /** Query parameters echoed in the links after `after` and `limit`, in Okta's order. */
  echo?: string[];
  /** Where a cursor whose item is gone resumes (insertion-ordered lists); undefined → invalid cursor. */
  resume?: (cursor: string) => number | undefined;
}

export interface Page<T> {
  items: T[];
  links: string[];
}

export function parseLimit(ctx: RouteContext, def: number, max: number, min = 1): number {
  const raw = ctx.query.get('limit');
  if (raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw validation('limit', 'limit: must be an integer');
  if (n < min) throw validation('limit', `limit: must be greater than or equal to ${min}`);
  // Okta clamps an over-large limit to the maximum rather than failing.
  return Math.min(n, max);
}

export function paginate<T>(ctx: RouteContext, spec: PageSpec<T>): Page<T> {
  const limit = parseLimit(ctx, spec.defaultLimit, spec.maxLimit, spec.minLimit);
  const after = ctx.query.get('after');
  let start = 0;
  if (after) {
    const i = spec.items.findIndex((it) => spec.idOf(it) === after);
    if (i >= 0) start = i + 1;
    else {
      const r = spec.resume?.(after);
      if (r === undefined) throw invalidCursor();
      start = r;
    }
  }
  const items = spec.items.slice(start, start + limit);
  const echo: Array<[string, string]> = [];
  for (const k of spec.echo ?? []) {
    const v = ctx.query.get(k);
    if (v !== null && v !== '') echo.push([k, v]);
  }
  const path = ctx.url.pathname;
  const selfPairs: Array<[string, string]> = after ? [['after', after]] : [];
  const self = new URLSearchParams([...selfPairs, ['limit', String(limit)], ...echo]);
  const links = [`<${ctx.base}${path}?${self}>; rel="self"`];
  if (start + limit < spec.items.length && items.length > 0) {
    const next = new URLSearchParams([['after', spec.idOf(items[items.length - 1])], ['limit', String(limit)], ...echo]);
    links.push(`<${ctx.base}${path}?${next}>; rel="next"`);
  }
  return { items, links };
}

/** Resume helper for lists kept in insertion order: first item inserted after the cursor's item. */
export function resumeBySeq<T extends { seq: number }>(items: T[], seqOf: Map<string, number>) {
  return (cursor: string): number | undefined => {
    const seq = seqOf.get(cursor);
    if (seq === undefined) return undefined;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
