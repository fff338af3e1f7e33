import fc from 'fast-check';
import { assignSlots, priorityBound } from '../../src/plan/assign-slots';

// live: [key, priority] of every live assignment; file: managed keys in file order (creates have no live entry).
const cases: Array<{ name: string; live: Array<[string, number]>; file: string[]; want: Record<string, number>; respaced?: string[] }> = [
  { name: 'already in order: nothing moves', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'B', 'C'], want: { A: 0, B: 1, C: 2 } },
  { name: 'a swap moves one group (the longest ordered run stays)', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'C', 'B'], want: { A: 0, C: 2, B: 4 } },
  { name: 'a create at the end leaves a free slot before it', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'B', 'C', 'X'], want: { A: 0, B: 1, C: 2, X: 4 } },
  {
    name: 'a create in a dense list re-spaces the whole list (once), leaving a free slot at the top and between neighbours',
    live: [['A', 0], ['B', 1], ['C', 2]],
    file: ['A', 'X', 'B', 'C'],
    want: { A: 1, X: 3, B: 5, C: 7 },
    respaced: ['A', 'B', 'C'],
  },
  { name: 'a create into a free gap is one write', live: [['A', 1], ['B', 3], ['C', 5]], file: ['A', 'X', 'B', 'C'], want: { A: 1, X: 2, B: 3, C: 5 } },
  { name: 'a move into a free gap is one write', live: [['A', 1], ['B', 3], ['C', 5]], file: ['C', 'A', 'B'], want: { C: 0, A: 1, B: 3 } },
  { name: 'unmanaged keep their slot and no managed group takes it', live: [['A', 0], ['U', 1], ['B', 2]], file: ['B', 'A'], want: { B: 2, A: 4 } },
  { name: 'duplicate live priorities are split', live: [['A', 0], ['B', 0]], file: ['A', 'B'], want: { A: 0, B: 2 } },
  { name: 'only creates, after unmanaged ones', live: [['U', 0], ['V', 1]], file: ['X', 'Y'], want: { X: 3, Y: 5 } },
  { name: 'an empty app leaves room at the top', live: [], file: ['X', 'Y'], want: { X: 1, Y: 3 } },
  { name: 'gaps are used', live: [['A', 3], ['B', 7]], file: ['B', 'A'], want: { B: 1, A: 3 } },
  // N's priority is unknown (NaN, PRIORITY_UNKNOWN): placed like a create, never poisoning a slot.
  { name: 'an unknown priority is no slot', live: [['A', 0], ['N', NaN], ['B', 1]], file: ['A', 'N', 'B'], want: { A: 1, N: 3, B: 5 }, respaced: ['A', 'B'] },
  { name: 'an unknown unmanaged priority is ignored', live: [['U', NaN], ['A', 0]], file: ['A', 'X'], want: { A: 0, X: 2 } },
  { name: 'a slot shared with an unmanaged group is not kept', live: [['A', 1], ['U', 1]], file: ['A'], want: { A: 2 } },
  { name: 'sparse priorities already in Okta are kept (a plan after apply changes nothing)', live: [['A', 500], ['B', 900]], file: ['A', 'B'], want: { A: 500, B: 900 } },
];

/** assignSlots, with each key's target priority as a map (the planner reads them in request order). */
function slots(live: Array<[string, number]>, file: string[]) {
  const prio = new Map(live);
  const got = assignSlots(
    file.map((key) => ({ key, current: prio.get(key) ?? null })),
    live.map(([, p]) => p),
  );
  return { ...got, targets: new Map(file.map((key, k) => [key, got.priorities[k]])) };
}

describe('assignSlots', () => {
  it.each(cases)('$name', ({ live, file, want, respaced }) => {
    const got = slots(live, file);
    expect(Object.fromEntries(got.targets)).toEqual(want);
    expect([...got.respaced].sort()).toEqual(respaced ?? []);
  });

  test('the bound is 2 × assignments + 16 (creates counted)', () => {
    expect(priorityBound(0)).toBe(16);
    expect(slots([['A', 0]], ['A', 'X']).bound).toBe(priorityBound(2));
  });

  test('inserting at the top of a dense list of 5,000 re-spaces it once; the next insert there costs one write', () => {
    const n = 5000;
    const live: Array<[string, number]> = Array.from({ length: n }, (_, i) => [`g${i}`, i]);
    const file = live.map(([k]) => k);
    const first = slots(live, ['X', ...file]);
    const after: Array<[string, number]> = [...first.targets];
    expect(Math.max(...after.map(([, p]) => p))).toBeLessThan(first.bound);
    const second = slots(after, ['Y', 'X', ...file]);
    const moved = [...second.targets].filter(([k, p]) => first.targets.get(k) !== p);
    expect(moved).toEqual([['Y', 0]]);
  });

  describe('a dense list of 300 (priorities 0..299, as the Admin Console leaves them)', () => {
    const n = 300;
    const dense = (): Array<[string, number]> => Array.from({ length: n }, (_, i) => [`g${i}`, i]);
    /** Plans `file` against `live`, "applies" it; returns the new live state and the writes. */
    const applyPlan = (live: Array<[string, number]>, file: string[]) => {
      const got = slots(live, file);
      const before = new Map(live);
      const writes = file.filter((k) => got.targets.get(k) !== before.get(k)).length;
      return { live: file.map((k): [string, number] => [k, got.targets.get(k) as number]), writes, got };
    };
    /** A small deterministic generator (Park–Miller), so every run checks the same sequence. */
    const rngOf = (seed: number) => () => (seed = (seed * 48271) % 2147483647) / 2147483647;

    /** The dense list with `new` inserted at `at`, planned and applied. */
    const firstInsert = (at: number) => {
      const file = dense().map(([k]) => k);
      file.splice(at, 0, 'new');
      return { file, ...applyPlan(dense(), file) };
    };

    test('the first insert anywhere but the end re-spaces the whole list once (≤ n + 1 writes, under the bound)', () => {
      for (let at = 0; at < n; at++) {
        const { writes, got, live } = firstInsert(at);
        expect(writes).toBeLessThanOrEqual(n + 1);
        expect(got.respaced.size).toBeGreaterThan(n / 2);
        expect(Math.max(...live.map(([, p]) => p))).toBeLessThan(got.bound);
      }
    });

    test('after that re-space, any single insert costs 1 write and any single move at most 2', () => {
      for (const at of [0, 150]) {
        const { file, live } = firstInsert(at);
        for (let pos = 0; pos <= file.length; pos++) {
          const next = [...file];
          next.splice(pos, 0, 'another');
          expect({ pos, writes: applyPlan(live, next).writes }).toEqual({ pos, writes: 1 });
        }
        const rng = rngOf(at + 7);
        for (let k = 0; k < file.length; k++) {
          const next = [...file];
          const [moved] = next.splice(k, 1);
          next.splice(Math.floor(rng() * (next.length + 1)), 0, moved);
          expect(applyPlan(live, next).writes).toBeLessThanOrEqual(2);
        }
      }
    });

    // Each insert fills a free slot, so one landing between two groups whose gaps were both filled by
    // earlier changes must shift a neighbour too (3 writes); no change re-spaces the list again.
    test('then 20 random inserts and moves, each planned and applied: never a re-space again (≤ 4 writes each, ≤ 2 in 99%, ≤ 40 in all), under the bound', () => {
      let over2 = 0;
      for (let at = 0; at < n; at += 7) {
        let { live, file } = firstInsert(at);
        const rng = rngOf(at + 1);
        let total = 0;
        for (let step = 0; step < 20; step++) {
          if (step % 2 === 0) file.splice(Math.floor(rng() * (file.length + 1)), 0, `ins${step}`);
          else {
            const [moved] = file.splice(Math.floor(rng() * file.length), 1);
            file.splice(Math.floor(rng() * (file.length + 1)), 0, moved);
          }
          const next = applyPlan(live, file);
          expect(next.writes).toBeLessThanOrEqual(4);
          if (next.writes > 2) over2++;
          total += next.writes;
          live = next.live;
          expect(Math.max(...live.map(([, p]) => p))).toBeLessThan(next.got.bound);
        }
        expect(total).toBeLessThanOrEqual(40);
        expect(applyPlan(live, file).writes).toBe(0);
      }
      expect(over2).toBeLessThan(9); // 1% of the 860 changes
    });

    test('a local fix never leaves the list dense: after an insert near the end, an insert near the top costs ≤ 2 writes', () => {
      const file = dense().map(([k]) => k);
      file.splice(n - 3, 0, 'late');
      const first = applyPlan(dense(), file);
      file.splice(5, 0, 'early');
      expect(applyPlan(first.live, file).writes).toBeLessThanOrEqual(2);
    });
  });

  /** A random app: managed groups (some new) in a random file order, unmanaged ones at random slots. */
  const arbApp = fc
    .record({
      roles: fc.array(fc.constantFrom('unmanaged', 'managed', 'new'), { minLength: 1, maxLength: 30 }),
      slots: fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { minLength: 30, maxLength: 30 }),
      keys: fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
    })
    .map(({ roles, slots: at, keys }) => {
      const live: Array<[string, number]> = [];
      const file: string[] = [];
      roles.forEach((role, i) => {
        if (role !== 'new') live.push([`g${i}`, at[i]]);
        if (role !== 'unmanaged') file.push(`g${i}`);
      });
      file.sort((a, b) => keys[Number(a.slice(1))] - keys[Number(b.slice(1))] || (a < b ? -1 : 1));
      return { live, file };
    });

  test('properties: file order, no unmanaged slot taken, new priorities under the bound, and a second plan changes nothing', () => {
    fc.assert(
      fc.property(arbApp, ({ live, file }) => {
        const got = slots(live, file);
        const current = new Map(live);
        const unmanaged = new Set(live.filter(([k]) => !file.includes(k)).map(([, p]) => p));
        const targets = file.map((k) => got.targets.get(k) as number);
        for (let i = 1; i < targets.length; i++) expect(targets[i]).toBeGreaterThan(targets[i - 1]);
        for (const k of file) {
          const t = got.targets.get(k) as number;
          expect(unmanaged.has(t)).toBe(false);
          if (t !== current.get(k)) expect(t).toBeLessThan(got.bound);
        }
        const after: Array<[string, number]> = [...live.filter(([k]) => !file.includes(k)), ...file.map((k): [string, number] => [k, got.targets.get(k) as number])];
        expect(Object.fromEntries(slots(after, file).targets)).toEqual(Object.fromEntries(got.targets));
      }),
      { numRuns: 500 },
    );
  });
});
