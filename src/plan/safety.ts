/**
 * The safety threshold (docs/design.md §2 exit 3; octoDNS `TooMuchChange`): per directory, the share of
 * EXISTING assignments that the plan deletes or changes. Counted: deletes and updates (the assignment's
 * profile, hence its members' OU, changes or they lose the app). Not counted: creates (nothing existing
 * is touched) and pure reorders (no assignment's own profile changes; a mass reorder that is really a
 * mistake still shows every move in the plan). The share only applies from `minExisting` assignments on,
 * so a tiny directory is never "unsafe" for changing one of its three assignments. Whatever the size, a
 * plan that deletes EVERY existing assignment of a directory (at least one) is unsafe: that is what an
 * authoritative file listing nothing (or the wrong app) looks like, and it takes every user out of AD.
 *
 * Attribute-mapping properties follow the same two rules (`prune: true` with a short list deletes every
 * live property not listed, and AD then stops receiving those attributes), counted apart from the
 * assignments: updates and deletes of properties against the live properties. The `dn` removal is left out
 * of both counts: it is always made, on purpose (diff-mappings.ts), whatever the file says.
 *
 * AD group members (`adGroups`, authoritative) follow the same rules per AD group: the members removed
 * against the members it has (adds are like creates: not counted).
 */
import type { Change, DesiredDirectory, LiveDirectory } from '../model/types';
import { DN_PROPERTY } from './diff-mappings';

export interface SafetyVerdict {
  exceeded: boolean;
  reasons: string[];
}

const pct = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

interface Tally {
  /** Singular and plural, e.g. "assignment", "assignments". */
  what: [string, string];
  existing: number;
  touched: number;
  deleted: number;
}

/** The reason a tally is unsafe, or null. */
function verdict(directory: string, t: Tally, { maxChangeShare, minExisting }: DesiredDirectory['safety']): string | null {
  if (t.existing > 0 && t.deleted >= t.existing) return `${directory}: every existing ${t.what[0]} would be deleted (${t.deleted} of ${t.existing}); use --force if intended`;
  if (t.existing === 0 || t.existing < minExisting) return null;
  const share = t.touched / t.existing;
  if (share <= maxChangeShare) return null;
  return `${directory}: ${t.touched} of ${t.existing} existing ${t.what[1]} (${pct(share)}) would be deleted or changed, over the ${pct(maxChangeShare)} threshold; use --force if intended`;
}

export function assessSafety(pairs: Array<{ desired: DesiredDirectory; live: LiveDirectory }>, changes: Change[]): SafetyVerdict {
  const reasons: string[] = [];
  for (const { desired, live } of pairs) {
    const mine = changes.filter((c) => c.directory === desired.name);
    const assignments = mine.filter((c) => c.kind === 'assignment');
    const properties = mine.filter((c) => c.kind === 'attributeMapping' && c.property !== DN_PROPERTY);
    const tally = (what: [string, string], existing: number, cs: Change[]): Tally => ({
      what,
      existing,
      touched: cs.filter((c) => c.action === 'update' || c.action === 'delete').length,
      deleted: cs.filter((c) => c.action === 'delete').length,
    });
    const liveProperties = Object.keys(live.mapping?.properties ?? {}).filter((k) => k !== DN_PROPERTY).length;
    // AD group members removed by an authoritative entry: each AD group is its own tally, on its members.
    const adGroups = mine.flatMap((c): Tally[] => (c.kind === 'adGroupMembership' && c.remove.length > 0
      ? [{ what: [`member of AD group "${c.group.name}"`, `members of AD group "${c.group.name}"`], existing: c.membersBefore, touched: c.remove.length, deleted: c.remove.length }]
      : []));
    for (const t of [tally(['assignment', 'assignments'], live.assignments.length, assignments), tally(['attribute-mapping property', 'attribute-mapping properties'], liveProperties, properties), ...adGroups]) {
      const reason = verdict(desired.name, t, desired.safety);
      if (reason) reasons.push(reason);
    }
  }
  return { exceeded: reasons.length > 0, reasons };
}
