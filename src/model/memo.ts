/**
 * One result per key, computed on first use: reads shared by every caller that asks for the same key in
 * one run (a promise), or a pure answer reused across 100,000 groups that share a few hundred OUs. Pure.
 */
export function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const known = cache.get(key);
    // One lookup for a known answer; `has` only to tell a cached undefined from none.
    if (known !== undefined || cache.has(key)) return known as T;
    const v = fn(key);
    cache.set(key, v);
    return v;
  };
}
