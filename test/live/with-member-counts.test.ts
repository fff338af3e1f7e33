import { withMemberCounts } from '../../src/live/read-member-counts';
import type { LiveDirectory } from '../../src/model/types';
import { aLiveDirectory } from '../support/builders';

describe('withMemberCounts', () => {
  // As the live reader makes it: each reference lists the directory's own group objects.
  const dir = (): LiveDirectory => {
    const d = aLiveDirectory().withAssignment('Sales', 'OU=S,DC=corp', 0).withAssignment('Ops', 'OU=O,DC=corp', 1).withGroup('Counted', { usersCount: 3 }).build();
    return { ...d, resolved: Object.fromEntries(Object.entries(d.resolved).map(([ref, gs]) => [ref, gs.map((g) => d.groups[g.id])])) };
  };

  it('fills in the counts of groups without one, in groups and in every reference to them, and leaves the rest as they were', () => {
    const d = dir();
    const sales = d.groups['00gSales'];
    const out = withMemberCounts(d, new Map([['00gSales', 12], ['00gCounted', 99], ['00gUnknown', 5]]));
    expect(out.groups['00gSales']).toEqual({ ...sales, usersCount: 12 });
    expect(out.resolved.Sales).toEqual([{ ...sales, usersCount: 12 }]);
    expect(out.groups['00gCounted'].usersCount).toBe(3);
    expect(out.groups['00gUnknown']).toBeUndefined();
    // Untouched references keep their lists; the input is not modified.
    expect(out.resolved.Ops).toBe(d.resolved.Ops);
    expect(d.groups['00gSales'].usersCount).toBeUndefined();
    expect(d.resolved.Sales[0].usersCount).toBeUndefined();
  });

  it('returns the directory itself when no count applies (so the first diff\'s analysis of it is reused)', () => {
    const d = dir();
    expect(withMemberCounts(d, new Map([['00gCounted', 7]]))).toBe(d);
    expect(withMemberCounts(d, new Map())).toBe(d);
  });

  it('points a reference at the directory\'s own group object, as the planner reads counts from either', () => {
    const d = dir();
    const stale = { ...d.groups['00gOps'], name: 'Ops' };
    const withStale = { ...d, resolved: { ...d.resolved, Ops: [stale] } };
    const out = withMemberCounts(withStale, new Map([['00gOps', 4]]));
    expect(out.resolved.Ops[0]).toBe(out.groups['00gOps']);
    expect(out.resolved.Ops[0].usersCount).toBe(4);
  });
});
