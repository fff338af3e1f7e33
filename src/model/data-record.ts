/**
 * Objects keyed by user data or Okta data (profile keys, mapping properties, group names): `__proto__`,
 * `constructor`, `toString` and `valueOf` are ordinary names there. Writes go through `setOwn` (a plain
 * assignment to `__proto__` would set the prototype and drop the data), reads through `ownValue` (never
 * an inherited `constructor`), and comparisons through `dataEquals` (fast-deep-equal calls a `toString`
 * or `valueOf` member it finds, and crashes when it is data). Pure.
 */

/** `obj[key] = value` as an own, enumerable data property, whatever `key` is. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` when `key` is its own property, else undefined. */
export function ownValue<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj != null && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Deep equality of JSON data: own keys in any order, arrays in order, NaN equals NaN. */
export function dataEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => dataEquals(x, b[i]));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && dataEquals(ra[k], rb[k]));
}
