import fc from 'fast-check';
import { resolveGroups } from '../../src/plan/resolve-groups';
import type { DesiredGroup, LiveGroup } from '../../src/model/types';
import { aDesiredDirectory, aLiveDirectory } from '../support/builders';

const C = 'DC=corp,DC=example,DC=com';
const groupOf = (id: string): LiveGroup => ({ id, name: id.slice(3), type: 'OKTA_GROUP' });

/** Which earlier listing each DUPLICATE_GROUP names, as resolution did with an index of every group's first listing. */
function firstListingsNamed(groups: DesiredGroup[], resolved: Record<string, LiveGroup[]>): Array<[string, string]> {
  const firstById = new Map<string, DesiredGroup>();
  const named: Array<[string, string]> = [];
  for (const g of [...groups].sort((a, b) => a.index - b.index)) {
    const found = resolved[g.group] ?? [];
    if (found.length !== 1) continue;
    const first = firstById.get(found[0].id);
    if (first) {
      if (first.group.trim() !== g.group.trim()) named.push([g.group, first.group]);
      continue;
    }
    firstById.set(found[0].id, g);
  }
  return named;
}

describe('resolveGroups', () => {
  it('names the first listing of a group in each DUPLICATE_GROUP, whatever was listed before (ambiguous names, ids, repeats)', () => {
    // References: names and ids of three groups, one name matching two of them, one matching none.
    const resolved: Record<string, LiveGroup[]> = {
      A: [groupOf('00gA')],
      '00gA': [groupOf('00gA')],
      ' A': [groupOf('00gA')],
      B: [groupOf('00gB')],
      '00gB': [groupOf('00gB')],
      AB: [groupOf('00gA'), groupOf('00gB')],
      Nope: [],
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.keys(resolved)), { maxLength: 12 }), (refs) => {
        const d = aDesiredDirectory();
        for (const r of refs) d.withGroup(r, `OU=X,${C}`);
        const l = aLiveDirectory();
        for (const [ref, gs] of Object.entries(resolved)) l.withResolved(ref, gs);
        const dir = d.build();
        const got = resolveGroups(dir, l.build())
          .findings.filter((f) => f.code === 'DUPLICATE_GROUP')
          .map((f): [string, string] => {
            const m = /^group "(.*)" is the same Okta group as "(.*)" \(/.exec(f.message) as RegExpExecArray;
            return [m[1], m[2]];
          });
        expect(got).toEqual(firstListingsNamed(dir.groups, resolved));
      }),
      { numRuns: 300 },
    );
  });
});
