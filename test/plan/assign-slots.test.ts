import { assignSlots } from '../../src/plan/assign-slots';

// live: [key, priority] of every live assignment; file: managed keys in file order (creates have no live entry).
const cases: Array<{ name: string; live: Array<[string, number]>; file: string[]; want: Record<string, number> }> = [
  { name: 'already in order', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'B', 'C'], want: { A: 0, B: 1, C: 2 } },
  { name: 'swap reuses the slots', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'C', 'B'], want: { A: 0, C: 1, B: 2 } },
  { name: 'create at the end takes a fresh slot', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'B', 'C', 'X'], want: { A: 0, B: 1, C: 2, X: 3 } },
  { name: 'create in the middle moves the rest to fresh slots', live: [['A', 0], ['B', 1], ['C', 2]], file: ['A', 'X', 'B', 'C'], want: { A: 0, X: 3, B: 4, C: 5 } },
  { name: 'unmanaged keep their slot', live: [['A', 0], ['U', 1], ['B', 2]], file: ['B', 'A'], want: { B: 0, A: 2 } },
  { name: 'duplicate live priorities are split', live: [['A', 0], ['B', 0]], file: ['A', 'B'], want: { A: 0, B: 1 } },
  { name: 'only creates, after unmanaged ones', live: [['U', 0], ['V', 1]], file: ['X', 'Y'], want: { X: 2, Y: 3 } },
  { name: 'empty app starts at 0', live: [], file: ['X', 'Y'], want: { X: 0, Y: 1 } },
  { name: 'gaps are kept', live: [['A', 3], ['B', 7]], file: ['B', 'A'], want: { B: 3, A: 7 } },
  // N's priority is unknown (NaN, PRIORITY_UNKNOWN): placed like a create, never poisoning a slot.
  { name: 'an unknown priority is no slot', live: [['A', 0], ['N', NaN], ['B', 1]], file: ['A', 'N', 'B'], want: { A: 0, N: 2, B: 3 } },
  { name: 'an unknown unmanaged priority is ignored', live: [['U', NaN], ['A', 0]], file: ['A', 'X'], want: { A: 0, X: 1 } },
];

describe('assignSlots', () => {
  it.each(cases)('$name', ({ live, file, want }) => {
    const prio = new Map(live);
    const got = assignSlots(
      file.map((key) => ({ key, current: prio.get(key) ?? null })),
      live.map(([, p]) => p),
    );
    expect(Object.fromEntries(got)).toEqual(want);
  });
});
