/**
 * Live assignments whose `priority` Okta did not return as a number are read as NaN (src/live/read-live.ts)
 * and reported as PRIORITY_UNKNOWN. They are kept (so nothing is deleted or re-created by mistake) but take
 * no part in slot maths: no NaN may reach a comparison, a max or a write.
 */
export function isKnownPriority(p: number | null): p is number {
  return p !== null && Number.isFinite(p);
}

export function hasKnownPriority(a: { priority: number }): boolean {
  return isKnownPriority(a.priority);
}
