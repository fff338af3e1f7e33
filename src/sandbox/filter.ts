import { validation } from './okta-errors';

/**
 * The SCIM-like expressions Okta accepts in `filter=` and `search=` (notes §2, §6; SCIM RFC 7644 §3.4.2.2):
 * `<attr> eq|ne|sw|co|gt|ge|lt|le "<value>"` (or a number / true / false), `<attr> pr`, combined with
 * `and`, `or` (and binds tighter) and parentheses.
 */
export type Op = 'eq' | 'ne' | 'sw' | 'co' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';

export interface Clause {
  kind: 'clause';
  attr: string;
  op: Op;
  value: string;
}

export interface And {
  kind: 'and';
  items: Expr[];
}

export interface Or {
  kind: 'or';
  items: Expr[];
}

export type Expr = Clause | And | Or;

const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+)/y;

function tokenize(text: string, param: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) out.push(m[1]);
  if (text.slice(TOKEN.lastIndex).trim()) throw validation(param, `${param}: Invalid search criteria.`);
  return out;
}

export function parseExpr(text: string, param: string): Expr {
  const tokens = tokenize(text, param);
  let i = 0;
  const fail = (): never => {
    throw validation(param, `${param}: Invalid search criteria.`);
  };
  const parseOr = (): Expr => {
    const items = [parseAnd()];
    while (tokens[i]?.toLowerCase() === 'or') {
      i++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  };
  const parseAnd = (): Expr => {
    const items = [parseFactor()];
    while (tokens[i]?.toLowerCase() === 'and') {
      i++;
      items.push(parseFactor());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  };
  const parseFactor = (): Expr => {
    if (tokens[i] === '(') {
      i++;
      const e = parseOr();
      if (tokens[i++] !== ')') fail();
      return e;
    }
    const attr = tokens[i++];
    const op = tokens[i++]?.toLowerCase() as Op | undefined;
    if (!attr || !/^[A-Za-z0-9_.]+$/.test(attr) || !op || !['eq', 'ne', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr'].includes(op)) fail();
    if (op === 'pr') return { kind: 'clause', attr, op, value: '' };
    const raw = tokens[i++];
    if (raw === undefined || raw === '(' || raw === ')') fail();
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    return { kind: 'clause', attr, op: op!, value };
  };
  const expr = parseOr();
  if (i !== tokens.length) fail();
  return expr;
}

export function clausesOf(expr: Expr): Clause[] {
  return expr.kind === 'clause' ? [expr] : expr.items.flatMap(clausesOf);
}

export function matchExpr(expr: Expr, get: (attr: string) => unknown): boolean {
  if (expr.kind === 'and') return expr.items.every((e) => matchExpr(e, get));
  if (expr.kind === 'or') return expr.items.some((e) => matchExpr(e, get));
  const v = get(expr.attr);
  if (expr.op === 'pr') return v !== undefined && v !== null && v !== '';
  if (v === undefined || v === null) return expr.op === 'ne';
  const s = String(v);
  switch (expr.op) {
    case 'eq': return s === expr.value;
    case 'ne': return s !== expr.value;
    case 'sw': return s.toLowerCase().startsWith(expr.value.toLowerCase());
    case 'co': return s.toLowerCase().includes(expr.value.toLowerCase());
    case 'gt': return s > expr.value;
    case 'ge': return s >= expr.value;
    case 'lt': return s < expr.value;
    default: return s <= expr.value;
  }
}

/** Values an attribute must equal for the expression to hold, or undefined when it is not pinned. */
export function pinnedValues(expr: Expr, attr: string): Set<string> | undefined {
  if (expr.kind === 'clause') return expr.attr === attr && expr.op === 'eq' ? new Set([expr.value]) : undefined;
  const sets = expr.items.map((e) => pinnedValues(e, attr));
  if (expr.kind === 'and') return sets.find((s) => s !== undefined);
  if (sets.some((s) => s === undefined)) return undefined;
  return new Set(sets.flatMap((s) => [...s!]));
}

export function assertAttrs(expr: Expr, allowed: string[], param: string): void {
  for (const c of clausesOf(expr)) {
    if (!allowed.includes(c.attr) && !(allowed.includes('profile.*') && c.attr.startsWith('profile.'))) {
      throw validation(param, `${param}: Unsupported attribute ${c.attr}`);
    }
  }
}
