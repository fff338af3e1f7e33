/**
 * Deterministic JSON: object keys sorted at every level (UTF-16 code-unit order, as `Array.prototype.sort`),
 * `undefined` members dropped, arrays in their own order. Saved plans, `--format json` outputs and the
 * drift digest use it so the same data always gives the same bytes (and diffs cleanly). Pure.
 */
import { setOwn } from './data-record';

/** UTF-16 code-unit order (`Array.prototype.sort`'s default), as a comparator for sorting by a string. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `xs` itself when already in `order` (lists of 100,000 often are), else a sorted copy. Never sorts `xs`. */
export function sortedUnlessInOrder<T>(xs: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) if (order(xs[i - 1], xs[i]) > 0) return [...xs].sort(order);
  return xs;
}

/** Deep copy with object keys sorted and `undefined` members dropped. Arrays keep their order. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      // A key "__proto__" must stay data: plain assignment would set the prototype instead.
      setOwn(out, k, sortKeysDeep(v));
    }
    return out;
  }
  return value;
}

/** Compact JSON with sorted keys: what fingerprints and digests hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value)) ?? 'null';
}

/** JSON with sorted keys, 2-space indent, trailing newline. */
export function stringifySorted(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
