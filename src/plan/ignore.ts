/**
 * `assignments.ignore` globs (docs/design.md §1): `*` matches any run of characters, `?` one character,
 * everything else literally. Matching is case-INSENSITIVE: Okta group names are display names whose
 * case users do not reliably reproduce (the Admin Console and `search=profile.name eq` treat them
 * case-insensitively), and an ignore rule that silently misses "Legacy-VPN" for "legacy-*" would let an
 * authoritative plan delete it. Erring towards ignoring is the safe side.
 */
import type { DesiredDirectory } from '../model/types';

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = Array.from(glob)
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 'isu');
    cache.set(glob, re);
  }
  return re;
}

/** True when the group (by name, or by id when the name is unknown or the glob names an id) is ignored. */
export function isIgnored(dir: DesiredDirectory, group: { id: string; name?: string }): boolean {
  return dir.assignments.ignore.some((g) => {
    const re = globToRegExp(g);
    return (group.name !== undefined && re.test(group.name)) || re.test(group.id);
  });
}
