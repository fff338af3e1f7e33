/**
 * Objects keyed by user data or Okta data (profile keys, mapping properties, group names): `__proto__`,
 * `constructor`, `toString` and `valueOf` are ordinary names there. Writes go through `setOwn` (a plain
 * assignment to `__proto__` would set the prototype and drop the data), reads through `ownValue` (never
 * an inherited `constructor`), and comparisons through `dataEquals` (fast-deep-equal calls a `toString`
 * or `valueOf` member it finds on a plain object, and crashes when it is data). Pure.
 */
import deepEqual = require('fast-deep-equal/es6');

/** `obj[key] = value` as an own, enumerable data property, whatever `key` is. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` when `key` is its own property, else undefined. */
export function ownValue<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj != null && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Deep equality of JSON data: own keys in any order, arrays in order, NaN equals NaN. Objects become
 * Maps first: fast-deep-equal's ES6 build compares a Map by its entries, so a key named `valueOf` or
 * `toString` is only data there.
 */
export function dataEquals(a: unknown, b: unknown): boolean {
  return deepEqual(asEntries(a), asEntries(b));
}

function asEntries(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asEntries);
  if (typeof value !== 'object' || value === null) return value;
  return new Map(Object.keys(value).map((k) => [k, asEntries((value as Record<string, unknown>)[k])]));
}
