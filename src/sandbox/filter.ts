import { validation } from './okta-errors';

/**
 * The SCIM-like expressions Okta accepts in `filter=` and `search=` (notes §2, §6): clauses
 * `<attr> eq|sw|co "<value>"` joined by `and` or `or` (no parentheses; `and` binds tighter).
 */
export interface Clause {
  attr: string;
  op: 'eq' | 'sw' | 'co';
  value: string;
}

/** Disjunction of conjunctions. */
export type Expr = Clause[][];

const CLAUSE = /^\s*([A-Za-z0-9_.]+)\s+(eq|sw|co)\s+"((?:[^"\\]|\\.)*)"\s*/i;

export function parseExpr(text: string, param: string): Expr {
  const groups: Expr = [[]];
  let rest = text;
  for (;;) {
    const m = CLAUSE.exec(rest);
    if (!m) throw validation(param, `${param}: Invalid filter expression`);
    groups[groups.length - 1].push({ attr: m[1], op: m[2].toLowerCase() as Clause['op'], value: m[3].replace(/\\(.)/g, '$1') });
    rest = rest.slice(m[0].length);
    if (!rest.trim()) return groups;
    const join = /^(and|or)\s+/i.exec(rest);
    if (!join) throw validation(param, `${param}: Invalid filter expression`);
    if (join[1].toLowerCase() === 'or') groups.push([]);
    rest = rest.slice(join[0].length);
  }
}

export function matchExpr(expr: Expr, get: (attr: string) => unknown, allowed?: (attr: string) => boolean): boolean {
  return expr.some((all) =>
    all.every((c) => {
      if (allowed && !allowed(c.attr)) return false;
      const v = get(c.attr);
      if (v === undefined || v === null) return false;
      const s = String(v);
      if (c.op === 'eq') return s === c.value;
      const a = s.toLowerCase();
      const b = c.value.toLowerCase();
      return c.op === 'sw' ? a.startsWith(b) : a.includes(b);
    }),
  );
}

export function assertAttrs(expr: Expr, allowed: string[], param: string): void {
  for (const all of expr) for (const c of all) {
    if (!allowed.includes(c.attr) && !(allowed.includes('profile.*') && c.attr.startsWith('profile.'))) {
      throw validation(param, `${param}: Unsupported attribute ${c.attr}`);
    }
  }
}
