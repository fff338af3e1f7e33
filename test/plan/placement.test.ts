import type { AssignmentChange, LiveAssignment } from '../../src/model/types';
import { assignmentsAfter, assignmentsBefore, dnInOu, placementOf } from '../../src/plan/placement';
import { computeImpact } from '../../src/plan/impact';
import fc from 'fast-check';
import { groupsToRead, readByUser } from '../../src/plan/impact-reads';
import { groupsOfChange } from '../../src/plan/impact';
import type { LivePeople } from '../../src/model/people';

const a = (g: string, priority: number, ou?: string): LiveAssignment => ({ groupId: g, priority, profile: ou ? { organizationalUnit: ou } : {}, lastUpdated: '' });
const change = (action: AssignmentChange['action'], g: string, after?: { priority: number; ou: string }, moves?: Array<[string, number, number]>): AssignmentChange => ({
  id: action === 'reorder' ? 'corp/reorder' : `corp/assign/${g}`,
  directory: 'corp',
  kind: 'assignment',
  action,
  group: { id: g, name: g },
  before: null,
  after: after ? { priority: after.priority, profile: { organizationalUnit: after.ou } } : null,
  reason: '',
  ...(moves ? { moves: moves.map(([id, from, to]) => ({ group: { id, name: id }, from, to })) } : {}),
}) as AssignmentChange; // loose on purpose: the placement only reads action, group, after and moves
const live = [a('A', 0, 'ou=a'), a('B', 1, 'ou=b'), a('C', 2), a('D', Number.NaN, 'ou=d')];

describe('placement', () => {
  test('the highest-priority assigned group among the user\'s wins; an unknown priority ranks last; no group: none', () => {
    const ranked = assignmentsBefore(live);
    expect(ranked.map((r) => r.groupId)).toEqual(['A', 'B', 'C', 'D']);
    expect(placementOf(ranked, new Set(['B', 'A']))).toEqual({ kind: 'group', groupId: 'A', ou: 'ou=a' });
    expect(placementOf(ranked, new Set(['C', 'D']))).toEqual({ kind: 'group', groupId: 'C', ou: null });
    expect(placementOf(ranked, new Set(['X']))).toEqual({ kind: 'none' });
  });

  test('after the plan: creates, updates, deletes and reorder moves applied', () => {
    const after = assignmentsAfter(live, [
      change('create', 'E', { priority: 3, ou: 'ou=e' }),
      change('update', 'C', { priority: 2, ou: 'ou=c' }),
      change('delete', 'D'),
      change('reorder', 'B', undefined, [['B', 1, 0], ['A', 0, 1]]),
    ]);
    expect(after.map((r) => [r.groupId, r.priority, r.ou])).toEqual([['B', 0, 'ou=b'], ['A', 1, 'ou=a'], ['C', 2, 'ou=c'], ['E', 3, 'ou=e']]);
  });

  test('dnInOu: the entry sits directly in the OU, spelling aside', () => {
    expect(dnInOu('CN=Ada,OU=A,DC=x', 'ou=a, dc=x')).toBe(true);
    expect(dnInOu('CN=Ada,OU=Sub,OU=A,DC=x', 'ou=a,dc=x')).toBe(false);
    expect(dnInOu('not a dn', 'ou=a,dc=x')).toBe(false);
  });
});

describe('impact', () => {
  const people = (members: Record<string, string[]>, individual: string[] = []): LivePeople => ({
    users: { u1: 'one', u2: 'two', u3: 'three', u4: 'four' },
    members,
    individual,
    appUsers: 10,
    membersRead: true,
  });

  test('a delete: users with no other group lose the app, the others fall to their next group; each user attributed to the change', () => {
    const r = computeImpact({ directory: 'corp', live, changes: [change('delete', 'A')], people: people({ A: ['u1', 'u2', 'u4'], B: ['u2'] }, ['u4']) });
    expect(r.changes['corp/assign/A']).toEqual({
      gain: [],
      lose: [{ user: { id: 'u1', login: 'one' }, from: 'ou=a', to: null }],
      move: [{ user: { id: 'u2', login: 'two' }, from: 'ou=a', to: 'ou=b' }],
      stay: [],
      individual: [{ id: 'u4', login: 'four' }],
    });
    expect(r.directory.appUsers).toBe(10);
  });

  test('updateOUOnGroupChange false: OU changes are listed as staying, not moving; the same OU in other spelling is no change', () => {
    const changes = [change('update', 'A', { priority: 0, ou: 'ou=a2' }), change('update', 'B', { priority: 1, ou: 'OU=B' })];
    const r = computeImpact({ directory: 'corp', live, changes, people: people({ A: ['u1'], B: ['u2'] }), updateOUOnGroupChange: false });
    expect(r.directory.stay).toEqual([{ user: { id: 'u1', login: 'one' }, from: 'ou=a', to: 'ou=a2' }]);
    expect(r.directory.move).toEqual([]);
  });
});

describe('groupsToRead', () => {
  test('no assignment change: nothing to read', () => {
    expect(groupsToRead(live, [])).toEqual({ changed: [], deciding: [] });
  });
  test('an update or a reorder: the groups ranked above the lowest changed one', () => {
    expect(groupsToRead(live, [change('update', 'B', { priority: 1, ou: 'ou=b2' })])).toEqual({ changed: ['B'], deciding: ['A'] });
    expect(groupsToRead(live, [change('reorder', 'A', undefined, [['A', 0, 1], ['B', 1, 0]])])).toEqual({ changed: ['A', 'B'], deciding: [] });
  });
  test('a create or a delete: every other assigned group', () => {
    expect(groupsToRead(live, [change('delete', 'A')])).toEqual({ changed: ['A'], deciding: ['B', 'C', 'D'] });
  });
  test('the groups ranked above the lowest changed one, before or after, for any list and changes (ties and unknown priorities too)', () => {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
    const prio = fc.oneof(fc.nat(4), fc.constant(Number.NaN));
    const anyChange = fc.oneof(
      fc.tuple(fc.constantFrom<AssignmentChange['action']>('create', 'update', 'delete'), fc.constantFrom(...ids), fc.nat(4)).map(([act, g, p]) => change(act, g, act === 'delete' ? undefined : { priority: p, ou: 'ou=x' })),
      fc.array(fc.tuple(fc.constantFrom(...ids), fc.nat(4), fc.nat(4)), { minLength: 1, maxLength: 3 }).map((moves) => change('reorder', moves[0][0], undefined, moves)),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom(...ids), prio), { selector: ([g]) => g }), fc.array(anyChange, { maxLength: 3 }), (list, changes) => {
        const assigned = list.map(([g, p]) => a(g, p));
        // As it was worked out before: the index of the lowest changed group, then every group above it.
        const changed = new Set(changes.flatMap(groupsOfChange));
        const wholeList = changes.some((c) => c.action === 'create' || c.action === 'delete');
        const deciding = new Set<string>();
        for (const ranked of [assignmentsBefore(assigned), assignmentsAfter(assigned, changes)]) {
          const last = ranked.reduce((n, r, i) => (changed.has(r.groupId) ? i : n), -1);
          ranked.forEach((r, i) => {
            if ((wholeList || i < last) && !changed.has(r.groupId)) deciding.add(r.groupId);
          });
        }
        const expected = changed.size === 0 ? { changed: [], deciding: [] } : { changed: [...changed].sort(), deciding: [...deciding].sort() };
        expect(groupsToRead(assigned, changes)).toEqual(expected);
      }),
    );
  });
});

describe('readByUser', () => {
  const unknown = (): undefined => undefined;
  test('fewer affected users than deciding groups (a page each at least): per user; as many or more: per group', () => {
    expect(readByUser(2, ['A', 'B', 'C'], unknown, 200)).toBe(true);
    expect(readByUser(3, ['A', 'B', 'C'], unknown, 200)).toBe(false);
    expect(readByUser(4, ['A', 'B', 'C'], unknown, 200)).toBe(false);
    expect(readByUser(0, ['A'], unknown, 200)).toBe(true);
    expect(readByUser(0, [], unknown, 200)).toBe(false);
  });
  test('a deciding group whose known member count fills several pages counts for each page', () => {
    // A: 401 members = 3 pages, B: empty = 1 page: 4 calls against 3 users.
    const counts: Record<string, number> = { A: 401, B: 0 };
    expect(readByUser(3, ['A', 'B'], (g) => counts[g], 200)).toBe(true);
    expect(readByUser(4, ['A', 'B'], (g) => counts[g], 200)).toBe(false);
  });
});
