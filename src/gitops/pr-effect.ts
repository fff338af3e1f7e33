/**
 * What a pull request changes, told apart from drift that is already there: the base branch's mappings
 * and the head's are planned against the same live read, and a change the head's plan shares with the
 * base's plan (same identity, same before and after) was there before the pull request. Pure.
 */
import type { Change, Plan } from '../model/types';
import { canonicalJson } from '../model/sorted-json';
import { changeKey } from './drift-digest';

export interface PrEffect {
  /** In the head's plan only: what merging this pull request adds. */
  introduced: Change[];
  /** In both plans: drift already there on the base branch; applied after the merge all the same. */
  existing: Change[];
  /** In the base's plan only: drift on the base branch this pull request accepts or replaces. */
  replaced: Change[];
}

const keyOf = (c: Change): string => canonicalJson(changeKey(c));

export function splitPrEffect(base: Plan, head: Plan): PrEffect {
  const baseKeys = new Set(base.changes.map(keyOf));
  const headKeys = new Set(head.changes.map(keyOf));
  return {
    introduced: head.changes.filter((c) => !baseKeys.has(keyOf(c))),
    existing: head.changes.filter((c) => baseKeys.has(keyOf(c))),
    replaced: base.changes.filter((c) => !headKeys.has(keyOf(c))),
  };
}
