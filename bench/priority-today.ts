/**
 * The priority engine's figures before v2 (fewest writes, bounded priorities), measured with
 * bench/priority-bench.ts on main at eacbad1, for comparison. At 50,000 groups only the first insert
 * was measured: each plan took 13 s of CPU, and the quadratic slot maths made the rest impractical.
 */
import type { EngineFigures } from './priority-bench';

export const BEFORE_V2: EngineFigures[] = [
  { n: 200, insertTopFirst: 201, planCpuMs: 18.7, insertTopAfter: 202, moveOne: 202, reverse: 303, highestAfter20Inserts: 1720, writesFor20Inserts: 1521 },
  { n: 5000, insertTopFirst: 5001, planCpuMs: 468.6, insertTopAfter: 5002, moveOne: 5002, reverse: 7503, highestAfter20Inserts: 67255, writesFor20Inserts: 62256 },
  { n: 50000, insertTopFirst: 50001, planCpuMs: 13440.5, insertTopAfter: NaN, moveOne: NaN, reverse: NaN, highestAfter20Inserts: NaN, writesFor20Inserts: NaN },
];
