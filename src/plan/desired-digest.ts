/**
 * Plan.desiredDigest: the digest of what the files ask for in the named directories. A saved plan whose
 * digest differs from the files' now was made from other mappings, whatever Okta did meanwhile. Pure.
 */
import { canonicalDigest, CanonicalText, primitiveJson } from '../model/canonical-digest';
import { byCodeUnits } from '../model/sorted-json';
import type { DesiredGroup, DesiredState, SourceRef } from '../model/types';

/** Where a value sits in the files: left out of the digest (moving a line changes nothing that is applied). */
const POSITION_KEYS = new Set(['source', 'ouSource', 'profileSources', 'fieldSources']);

const isSourceRef = (v: unknown): boolean => v !== null && typeof v === 'object' && typeof (v as SourceRef).file === 'string' && typeof (v as SourceRef).line === 'number';

/**
 * A position member: one of those keys holding a SourceRef, or a record of them. Only then: the same words
 * can be data (a profile key, a mapped property or a group named "source"), which the digest must keep.
 */
function isPosition(key: string, value: unknown): boolean {
  if (!POSITION_KEYS.has(key) || value === null || typeof value !== 'object') return false;
  return isSourceRef(value) || (!Array.isArray(value) && Object.values(value).every(isSourceRef));
}

/** The members a listed group has (the loader gives profileSources a shared empty record when it has no profile keys). */
const GROUP_MEMBERS = new Set(['group', 'ou', 'profile', 'index', 'source', 'ouSource', 'profileSources']);

function hasNoKeys(record: object): boolean {
  for (const k in record) if (Object.hasOwn(record, k)) return false;
  return true;
}

function hasOnlyGroupMembers(g: DesiredGroup): boolean {
  for (const k in g) if (!GROUP_MEMBERS.has(k)) return false;
  return true;
}

/** Written as text when it has the members and kinds of its type (in any key order), its positions all positions. */
function isPlainGroup(g: DesiredGroup): boolean {
  return (
    typeof g.group === 'string' &&
    typeof g.ou === 'string' &&
    typeof g.index === 'number' &&
    g.profile !== null &&
    typeof g.profile === 'object' &&
    isPosition('source', g.source) &&
    isPosition('ouSource', g.ouSource) &&
    (g.profileSources === undefined || isPosition('profileSources', g.profileSources)) &&
    hasOnlyGroupMembers(g)
  );
}

/**
 * The listed groups' canonical JSON without their positions, each written in its key order (group,
 * index, ou, profile) rather than sorted and tested for positions member by member: 100,000 in a large
 * directory. A profile with keys, or a group of another shape, is handed over as a value, written like
 * any record.
 */
function* groupsText(groups: readonly DesiredGroup[]): Generator<unknown> {
  let open = '[';
  for (const g of groups) {
    if (!isPlainGroup(g)) {
      yield open;
      yield g;
    } else {
      const head = `${open}{"group":${primitiveJson(g.group)},"index":${primitiveJson(g.index)},"ou":${primitiveJson(g.ou)},"profile":`;
      if (hasNoKeys(g.profile)) yield `${head}{}}`;
      else {
        yield head;
        yield g.profile;
        yield '}';
      }
    }
    open = ',';
  }
  yield open === '[' ? '[]' : ']';
}

/** Digest of the named directories' desired state, in name order, positions left out. */
export function desiredDigest(desired: DesiredState, directories: readonly string[]): string {
  const names = new Set(directories);
  const dirs = desired.directories
    .filter((d) => names.has(d.name))
    .sort((a, b) => byCodeUnits(a.name, b.name))
    .map((d) => ({ ...d, groups: new CanonicalText(groupsText(d.groups)) }));
  return canonicalDigest(dirs, { omit: isPosition });
}
