/**
 * Resolves the files' `group:` references (an exact group name or a 00g… id) to live groups, through the
 * resolution the live reader recorded (`LiveDirectory.resolved`). Okta does not promise unique group
 * names (docs/okta-api.md §6: AD-imported APP_GROUPs can share an OKTA_GROUP's name), so a name must
 * match exactly one group; the fix for an ambiguous name is the group id.
 */
import type { DesiredDirectory, DesiredGroup, Finding, LiveDirectory, LiveGroup } from '../model/types';
import { isIgnored } from './ignore';
import { closest } from '../config/suggest';
import { ownValue } from '../model/data-record';
import { sortedUnlessInOrder } from '../model/sorted-json';

export interface ManagedGroup {
  desired: DesiredGroup;
  group: LiveGroup;
}

export interface GroupResolution {
  /** Listed, resolved, not ignored, first listing only; in file order. */
  managed: ManagedGroup[];
  /**
   * Ids of every group a reference matched (managed, ambiguous, listed twice or ignored): never deleted;
   * each with the first listing that matched it alone (null when only ambiguous ones did), for DUPLICATE_GROUP.
   */
  listedIds: ReadonlyMap<string, DesiredGroup | null>;
  /** GROUP_NOT_FOUND, GROUP_AMBIGUOUS and DUPLICATE_GROUP (after resolution) findings. */
  findings: Finding[];
}

/**
 * The live groups a file reference resolved to, as the reader recorded them (src/live/read-live.ts records
 * every reference of the files); none when not recorded. Own keys in effect (a group may be called
 * "constructor" or "__proto__"): nothing Object.prototype gives is an array.
 */
export function resolvedGroups(live: LiveDirectory, ref: string): LiveGroup[] {
  // One lookup, not hasOwn and then get (called per listed group, 100,000 in a large directory): what
  // the reader recorded is always an array, and nothing Object.prototype gives (a "constructor" or
  // "__proto__" not recorded) is one.
  const found: unknown = live.resolved[ref];
  return Array.isArray(found) ? found : [];
}

/** Where a finding about a listed group points; made only for a finding, not for each of 100,000 groups. */
function at(dir: DesiredDirectory, g: DesiredGroup): Pick<Finding, 'directory' | 'file' | 'line' | 'column'> {
  return { directory: dir.name, file: g.source.file, line: g.source.line, column: g.source.column };
}

/** The groups by `index` (the loader lists them so already: then as they are). */
const inListOrder = (groups: DesiredGroup[]): DesiredGroup[] => sortedUnlessInOrder(groups, (a, b) => a.index - b.index);

export function resolveGroups(dir: DesiredDirectory, live: LiveDirectory): GroupResolution {
  const managed: ManagedGroup[] = [];
  const listedIds = new Map<string, DesiredGroup | null>();
  const findings: Finding[] = [];
  const ordered = inListOrder(dir.groups);
  for (const g of ordered) {
    const found = resolvedGroups(live, g.group);
    if (found.length > 1) for (const c of found) if (!listedIds.has(c.id)) listedIds.set(c.id, null);
    if (found.length === 0) {
      const guess = closest(g.group, [...(ownValue(live.nearGroupNames, g.group) ?? []), ...Object.values(live.groups).map((x) => x.name)]);
      findings.push({
        code: 'GROUP_NOT_FOUND',
        severity: 'error',
        message: `group "${g.group}" matches no Okta group`,
        hint: `${guess ? `did you mean "${guess}"? ` : ''}check the exact group name (names are exact, not prefixes) or use the group id (00g…)`,
        ...at(dir, g),
        object: { type: 'group', id: g.group, name: g.group },
      });
      continue;
    }
    if (found.length > 1) {
      const list = found.map((c) => `${c.id} (${c.type})`).join(', ');
      findings.push({
        code: 'GROUP_AMBIGUOUS',
        severity: 'error',
        message: `group "${g.group}" matches ${found.length} Okta groups: ${list}`,
        hint: `use the id of the intended group instead of its name, e.g. group: ${found[0].id}`,
        ...at(dir, g),
        object: { type: 'group', id: found[0].id, name: g.group },
      });
      continue;
    }
    const group = found[0];
    const first = listedIds.get(group.id);
    if (first) {
      // The same text listed twice is the static DUPLICATE_GROUP lint's (it compares exactly as it does
      // here, trimmed and case-sensitively: lints/duplicate-group.ts); everything else resolution reveals
      // is reported here, e.g. a name and an id, or two spellings differing only in case. Never silent.
      if (first.group.trim() !== g.group.trim()) {
        findings.push({
          code: 'DUPLICATE_GROUP',
          severity: 'error',
          message: `group "${g.group}" is the same Okta group as "${first.group}" (${group.id}), already listed at line ${first.source.line}`,
          hint: 'list each group once per directory',
          ...at(dir, g),
          object: { type: 'group', id: group.id, name: group.name },
          related: [first.source],
        });
      }
      continue;
    }
    listedIds.set(group.id, g);
    // `ignore` wins over a listing: docs/design.md §1 says ignored groups are never created, changed or removed.
    if (isIgnored(dir, group)) continue;
    managed.push({ desired: g, group });
  }
  return { managed, listedIds, findings };
}
