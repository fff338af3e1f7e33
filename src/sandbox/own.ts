/**
 * The local Okta stores names from requests and org files (profile keys, mapping properties, schema
 * properties) as object keys; `__proto__` is one of them, and a plain assignment would set the prototype
 * and lose it. Okta treats it as a name like any other.
 */
export function setOwnKey<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
