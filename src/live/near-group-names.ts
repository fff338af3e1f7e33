/**
 * Candidates for "did you mean" when a group name matches no Okta group: one `q=` search per such name
 * (Okta's `q` is a case-insensitive prefix match on the group name, docs/okta-api.md §6), one page of at
 * most {@link NEAR_LIMIT}, for at most {@link MAX_SEARCHES} names per plan. The prefix is taken from the
 * name as a person would read it (foldName: no invisible characters, lookalike letters as Latin, lower
 * case), so "Marketting", " marketing" and a Cyrillic "Маrketing" all find "Marketing". Counted in the
 * plan's budget like every read.
 */
import type { OktaApi } from '../okta/api';
import { readableName } from '../model/fold-name';
import { setOwn } from '../model/data-record';
import type { RawGroup } from './okta-shapes';

export const MAX_SEARCHES = 5;
export const NEAR_LIMIT = 20;
const PREFIX = 3;

/** The first {@link PREFIX} characters (code points, not UTF-16 units). */
const prefixOf = (s: string): string => Array.from(s).slice(0, PREFIX).join('');

/** Unresolved name → live group names starting like it. */
export async function nearGroupNames(api: OktaApi, unresolved: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const names = [...new Set(unresolved)].filter((n) => readableName(n) !== '').slice(0, MAX_SEARCHES);
  await Promise.all(
    names.map(async (name) => {
      const q = prefixOf(readableName(name));
      const res = await api.request<RawGroup[]>('GET', '/api/v1/groups', { query: { q, limit: NEAR_LIMIT } });
      const found = Array.isArray(res.body) ? res.body.map((g) => g.profile?.name).filter((n): n is string => typeof n === 'string') : [];
      setOwn(out, name, found);
    }),
  );
  return out;
}

/**
 * The same candidates gathered from a group list being read anyway (resolve-groups.ts): the first
 * {@link NEAR_LIMIT} listed names starting like each name, with no call of their own.
 */
export class NearNames {
  private readonly byPrefix = new Map<string, string[]>();
  constructor(private readonly names: readonly string[]) {
    for (const n of names) {
      const p = prefixOf(readableName(n)).toLowerCase();
      if (p !== '') this.byPrefix.set(p, []);
    }
  }

  add(groupName: string): void {
    if (this.byPrefix.size === 0) return;
    // As Okta's `q` compares: the folded prefix against the start of the name, case-insensitively.
    const found = this.byPrefix.get(prefixOf(groupName).toLowerCase());
    if (found && found.length < NEAR_LIMIT) found.push(groupName);
  }

  result(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const n of this.names) {
      const found = this.byPrefix.get(prefixOf(readableName(n)).toLowerCase());
      if (found) setOwn(out, n, [...found]);
    }
    return out;
  }
}
