import fc from 'fast-check';
import { scheduleAssignments, type Schedule, type SlotIntent, type SlotLive } from '../../src/plan/schedule';
import { FakeApp, type ShiftModel } from '../apply/support/fake-assignments';
import { assignSlots } from '../../src/plan/assign-slots';
import { InternalError } from '../../src/errors';

const ou = (name: string): Record<string, unknown> => ({ organizationalUnit: `ou=${name},dc=corp,dc=example,dc=com` });

function intent(groupId: string, target: number, profile: Record<string, unknown> = {}): SlotIntent {
  return { groupId, name: groupId, target, profile, changeIds: [`c/${groupId}`] };
}

function execute(app: FakeApp, s: Schedule, deletes: string[]): void {
  for (const w of s.writes) {
    if (w.method === 'put') app.put(w.groupId, w.priority, w.profile);
    else app.patch(w.groupId, (w.patchKeys ?? []).map((k) => ({ op: 'replace', path: `/profile/${k}`, value: w.profile[k] })));
  }
  for (const d of deletes) app.delete(d);
  for (const w of s.settle) app.put(w.groupId, w.priority, w.profile);
}

const priorities = (app: FakeApp): Record<string, number> =>
  Object.fromEntries([...app.state].map(([g, a]) => [g, a.priority]));

describe('scheduleAssignments', () => {
  test('a slot two live assignments share stays taken while either holds it: a create for it waits for the delete', () => {
    // A (deleted) and B share priority 0; B moves away, C is created for 0. Writing C at 0 before A's delete
    // would make Okta shift A: C is parked and settles at 0 after the delete.
    const live: SlotLive[] = [
      { groupId: 'A', priority: 0, profile: {} },
      { groupId: 'B', priority: 0, profile: {} },
    ];
    const s = scheduleAssignments({ live, intents: [intent('B', 2), intent('C', 0, ou('c'))], deletes: ['A'], bound: 8 });
    expect(s.writes.map((w) => `${w.groupId}@${w.priority}`)).toEqual(['B@2', 'C@7']);
    expect(s.settle.map((w) => `${w.groupId}@${w.priority}`)).toEqual(['C@0']);
  });

  test('a swap of two groups parks one at the bottom, then writes both to their slots', () => {
    const live: SlotLive[] = [
      { groupId: 'A', priority: 0, profile: ou('a') },
      { groupId: 'B', priority: 1, profile: ou('b') },
      { groupId: 'U', priority: 2, profile: ou('u') },
    ];
    const s = scheduleAssignments({ live, intents: [intent('A', 1), intent('B', 0)], deletes: [] });
    expect(s.writes.map((w) => [w.groupId, w.priority, w.parking])).toEqual([
      ['A', 3, true],
      ['B', 0, false],
      ['A', 1, false],
    ]);
    expect(s.settle).toEqual([]);
    expect(s.final).toEqual({ A: 1, B: 0, U: 2 });
  });

  test('an assignment Okta returned without a priority (NaN) holds no slot and never makes a park slot NaN', () => {
    const live: SlotLive[] = [
      { groupId: 'A', priority: 0, profile: ou('a') },
      { groupId: 'B', priority: 1, profile: ou('b') },
      { groupId: 'X', priority: Number.NaN, profile: ou('x') },
    ];
    const s = scheduleAssignments({ live, intents: [intent('A', 1), intent('B', 0)], deletes: [] });
    expect(s.writes.map((w) => [w.groupId, w.priority, w.parking])).toEqual([
      ['A', 2, true],
      ['B', 0, false],
      ['A', 1, false],
    ]);
  });

  test('creates and moves go highest priority first when their slots are free', () => {
    const live: SlotLive[] = [
      { groupId: 'Eng', priority: 0, profile: ou('eng') },
      { groupId: 'Con', priority: 1, profile: ou('con') },
      { groupId: 'Sales', priority: 2, profile: ou('sales') },
      { groupId: 'vpn', priority: 3, profile: ou('vpn') },
      { groupId: 'Fin', priority: 4, profile: ou('fin') },
    ];
    // Sales above Contractors, two creates, Finance deleted, legacy-vpn (ignored) keeps 3.
    const intents = [intent('Sales', 1), intent('Mkt', 2, ou('mkt')), intent('RnD', 4, ou('rnd')), intent('Con', 5)];
    const s = scheduleAssignments({ live, intents, deletes: ['Fin'] });
    expect(s.writes.map((w) => [w.groupId, w.priority, w.parking])).toEqual([
      ['Con', 5, false],
      ['Sales', 1, false],
      ['Mkt', 2, false],
      // RnD's slot 4 is Finance's until Finance is deleted: created at the bottom meanwhile.
      ['RnD', 6, true],
    ]);
    expect(s.settle.map((w) => [w.groupId, w.priority])).toEqual([['RnD', 4]]);
    expect(s.final).toEqual({ Eng: 0, Sales: 1, Mkt: 2, vpn: 3, RnD: 4, Con: 5 });
  });

  test('a move whose slot waits for a delete is not parked when nobody needs its current slot', () => {
    const live: SlotLive[] = [
      { groupId: 'A', priority: 0, profile: {} },
      { groupId: 'D', priority: 1, profile: {} },
    ];
    const s = scheduleAssignments({ live, intents: [intent('A', 1)], deletes: ['D'] });
    expect(s.writes).toEqual([]);
    expect(s.settle.map((w) => [w.groupId, w.priority])).toEqual([['A', 1]]);
  });

  test('an in-place OU change is a JSON Patch of that key only (no priority sent)', () => {
    const live: SlotLive[] = [{ groupId: 'A', priority: 3, profile: { ...ou('old'), custom: 'keep' } }];
    const s = scheduleAssignments({ live, intents: [intent('A', 3, ou('new'))], deletes: [] });
    expect(s.writes).toEqual([
      {
        groupId: 'A',
        name: 'A',
        method: 'patch',
        priority: 3,
        profile: { ...ou('new'), custom: 'keep' },
        patchKeys: ['organizationalUnit'],
        changeIds: ['c/A'],
        parking: false,
      },
    ]);
  });

  test('a PUT keeps live profile keys the file does not manage', () => {
    const live: SlotLive[] = [{ groupId: 'A', priority: 3, profile: { ...ou('old'), custom: 'keep' } }];
    const s = scheduleAssignments({ live, intents: [intent('A', 1, ou('new'))], deletes: [] });
    expect(s.writes.map((w) => [w.method, w.priority, w.profile])).toEqual([['put', 1, { ...ou('new'), custom: 'keep' }]]);
  });

  test('nothing to write when live already matches', () => {
    const live: SlotLive[] = [{ groupId: 'A', priority: 0, profile: ou('a') }];
    const s = scheduleAssignments({ live, intents: [intent('A', 0, ou('a'))], deletes: [] });
    expect(s).toEqual({ writes: [], settle: [], final: { A: 0 } });
  });

  test('refuses before any write when a slot is held by a group the plan does not move', () => {
    const live: SlotLive[] = [
      { groupId: 'A', priority: 0, profile: {} },
      { groupId: 'U', priority: 1, profile: {} },
    ];
    expect(() => scheduleAssignments({ live, intents: [intent('A', 1)], deletes: [] })).toThrow(
      expect.objectContaining({ code: 'PRIORITY_CONFLICT' }),
    );
  });

  test('the refusal names the holder (not its id), the directory, and says what to do', () => {
    const live: SlotLive[] = [
      { groupId: 'A', priority: 0, profile: {} },
      { groupId: '00gU', priority: 1, profile: {} },
    ];
    let err: { message: string; hint?: string } | undefined;
    try {
      scheduleAssignments({ live, intents: [intent('A', 1)], deletes: [], nameOf: (id) => ({ '00gU': 'Legacy' })[id], directory: 'corp' });
    } catch (e) {
      err = e as { message: string; hint?: string };
    }
    expect(err?.message).toMatch(/^corp: cannot give .* priority 1: it is held by "Legacy", which this plan does not move/);
    expect(err?.hint).toContain('list the holding group in the file');
    expect(err?.hint).not.toContain('re-run');
  });

  test.each([
    ['a group with two planned priorities', { intents: [intent('A', 0), intent('A', 1)], deletes: [] }, 'group A has two planned priorities'],
    ['a group both written and deleted', { intents: [intent('A', 0)], deletes: ['A'] }, 'group A is both written and deleted'],
  ])('an inconsistent input (%s) is an internal error that asks for a bug report', (_name, input, what) => {
    const live: SlotLive[] = [{ groupId: 'A', priority: 0, profile: {} }];
    let thrown: unknown;
    try {
      scheduleAssignments({ live, ...input });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InternalError);
    expect(thrown).toMatchObject({
      code: 'INTERNAL',
      exitCode: 1,
      message: `internal error (this is a bug in okta-ou): ${what}`,
      hint: 'please report it with the command you ran and the output of --verbose (tokens are never printed)',
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Properties over random orgs and random desired orders.

  interface Case {
    live: SlotLive[];
    intents: SlotIntent[];
    deletes: string[];
    unmanaged: string[];
  }

  /** A random app: unmanaged (fixed), managed (moved/updated), deleted, and new groups; a random desired order. */
  const arbCase: fc.Arbitrary<Case> = fc
    .record({
      roles: fc.array(fc.constantFrom('unmanaged', 'managed', 'deleted', 'new'), { minLength: 1, maxLength: 14 }),
      slots: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 14, maxLength: 14 }),
      order: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
      targetPool: fc.uniqueArray(fc.integer({ min: 0, max: 45 }), { minLength: 30, maxLength: 30 }),
      ouChange: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    })
    .map(({ roles, slots, order, targetPool, ouChange }) => {
      const live: SlotLive[] = [];
      const unmanaged: string[] = [];
      const deletes: string[] = [];
      const desired: string[] = [];
      roles.forEach((role, i) => {
        const g = `g${i}`;
        if (role !== 'new') live.push({ groupId: g, priority: slots[i], profile: { ...ou(g), extra: i } });
        if (role === 'unmanaged') unmanaged.push(g);
        if (role === 'deleted') deletes.push(g);
        if (role === 'managed' || role === 'new') desired.push(g);
      });
      // Random desired order; planned priorities: increasing, never an unmanaged group's slot.
      const shuffled = desired.map((g, i) => ({ g, k: order[i] })).sort((a, b) => a.k - b.k || (a.g < b.g ? -1 : 1));
      const taken = new Set(live.filter((a) => unmanaged.includes(a.groupId)).map((a) => a.priority));
      const targets = targetPool.filter((p) => !taken.has(p)).slice(0, shuffled.length).sort((a, b) => a - b);
      const intents = shuffled.map(({ g }, i) =>
        intent(g, targets[i], ouChange[Number(g.slice(1))] ? ou(`${g}-new`) : ou(g)),
      );
      return { live, intents, deletes, unmanaged };
    });

  test.each<ShiftModel>(['swap', 'cascade', 'dragdrop'])(
    'every managed group ends at its planned priority, nothing else moves, no write lands on a held slot (%s shifts)',
    (model) => {
      fc.assert(
        fc.property(arbCase, ({ live, intents, deletes, unmanaged }) => {
          const s = scheduleAssignments({ live, intents, deletes });
          const app = new FakeApp(model, live);
          execute(app, s, deletes);
          expect(app.collisions).toBe(0);
          const expected: Record<string, number> = {};
          for (const g of unmanaged) expected[g] = live.find((a) => a.groupId === g)!.priority;
          for (const i of intents) expected[i.groupId] = i.target;
          expect(priorities(app)).toEqual(expected);
          expect(s.final).toEqual(expected);
          for (const i of intents) {
            const before = live.find((a) => a.groupId === i.groupId)?.profile ?? {};
            expect(app.state.get(i.groupId)!.profile).toEqual({ ...before, ...i.profile });
          }
          for (const g of unmanaged) expect(app.state.get(g)!.profile).toEqual(live.find((a) => a.groupId === g)!.profile);
          // At most one extra (parking) write per managed group, plus its own write.
          expect(s.writes.length + s.settle.length).toBeLessThanOrEqual(2 * intents.length);
        }),
        { numRuns: 400 },
      );
    },
  );

  test('the schedule does not depend on the order of the inputs', () => {
    fc.assert(
      fc.property(arbCase, fc.integer(), ({ live, intents, deletes }, seed) => {
        const rotate = <T>(xs: T[]): T[] => (xs.length === 0 ? xs : [...xs.slice(seed % xs.length), ...xs.slice(0, seed % xs.length)]);
        const a = scheduleAssignments({ live, intents, deletes });
        const b = scheduleAssignments({ live: rotate([...live].reverse()), intents: rotate(intents), deletes: [...deletes].reverse() });
        expect(b.writes).toEqual(a.writes);
        expect(b.settle).toEqual(a.settle);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the fake shift models (sanity: they do shift, so the zero-collision property is meaningful)', () => {
  test.each<ShiftModel>(['swap', 'cascade', 'dragdrop'])('%s: a naive PUT onto a held slot moves the holder', (model) => {
    const app = new FakeApp(model, [
      { groupId: 'A', priority: 1, profile: {} },
      { groupId: 'B', priority: 2, profile: {} },
    ]);
    app.put('A', 2, {});
    expect(app.collisions).toBe(1);
    // The recorded 2023 sequence: A=1, B=2; PUT A priority 2 → A=2, and B moved (to 1 in Okta).
    expect(app.state.get('A')!.priority).toBe(2);
    expect(app.state.get('B')!.priority).not.toBe(2);
  });
});

describe('with the planner’s own slot assignment (src/plan/assign-slots.ts)', () => {
  test.each<ShiftModel>(['swap', 'cascade', 'dragdrop'])('random org and file order: converges with no collision (%s)', (model) => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('unmanaged', 'managed', 'deleted', 'new'), { minLength: 1, maxLength: 16 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
        (roles, slots, keys) => {
          const live: SlotLive[] = [];
          const deletes: string[] = [];
          const fileOrder: string[] = [];
          roles.forEach((role, i) => {
            const g = `g${i}`;
            if (role !== 'new') live.push({ groupId: g, priority: slots[i], profile: ou(g) });
            if (role === 'deleted') deletes.push(g);
            if (role === 'managed' || role === 'new') fileOrder.push(g);
          });
          fileOrder.sort((a, b) => keys[Number(a.slice(1))] - keys[Number(b.slice(1))] || (a < b ? -1 : 1));
          const current = new Map(live.map((a) => [a.groupId, a.priority]));
          const targets = assignSlots(
            fileOrder.map((g) => ({ key: g, current: current.get(g) ?? null })),
            live.map((a) => a.priority),
          );
          const intents = fileOrder.map((g, k) => intent(g, targets.priorities[k], ou(`${g}-x`)));
          const s = scheduleAssignments({ live, intents, deletes });
          const app = new FakeApp(model, live);
          execute(app, s, deletes);
          expect(app.collisions).toBe(0);
          const final = priorities(app);
          for (const i of intents) expect(final[i.groupId]).toBe(i.target);
          for (const a of live) if (!deletes.includes(a.groupId) && !fileOrder.includes(a.groupId)) expect(final[a.groupId]).toBe(a.priority);
          // The file order is the managed groups' priority order.
          const managed = [...fileOrder].sort((a, b) => final[a] - final[b]);
          expect(managed).toEqual(fileOrder);
        },
      ),
      { numRuns: 300 },
    );
  });
});
