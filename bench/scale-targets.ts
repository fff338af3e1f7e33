/**
 * The scale targets, next to the figures okta-ou's first version had before the scale work (measured
 * through a counting proxy with 50 ms of injected latency, one AD app per size; printed as "before").
 * The bench prints each target with what it measured now; it asserts nothing (call counts are asserted
 * exactly by test/e2e/plan-scale.test.ts and the apply scale tests).
 */
import { mdTable } from './md-table';

/** What the bench measured for one single-app plan (or apply) row. */
export interface Measured {
  perApp: number;
  apps: number;
  changes: number;
  command: 'plan' | 'apply';
  cpuMs: number;
  rssMb: number;
  calls: Record<string, number>;
  /** Writes the apply sent (apply rows). */
  writes?: number;
}

interface Before {
  perApp: number;
  changes: number;
  command: 'plan' | 'apply';
  cpuS?: number;
  rssMb?: string;
  groupsCalls?: number;
  appsCalls?: number;
}

/** The first version's figures (ranges where runs differed). */
const BEFORE: Before[] = [
  { perApp: 10_000, changes: 0, command: 'plan', rssMb: '180' },
  { perApp: 50_000, changes: 0, command: 'plan', rssMb: '600' },
  { perApp: 100_000, changes: 0, command: 'plan', cpuS: 30, rssMb: '850–940' },
  { perApp: 100_000, changes: 200, command: 'plan', cpuS: 121, rssMb: '1,100–1,200', groupsCalls: 2003 },
  { perApp: 100_000, changes: 200, command: 'apply', appsCalls: 1203 },
];

const GROUPS = '/api/v1/groups';
const APPS = '/api/v1/apps';

interface Line {
  what: string;
  before: string;
  target: string;
  now: string;
  met: boolean;
}

const before = (m: Measured, pick: (b: Before) => string | number | undefined): string => {
  const b = BEFORE.find((x) => x.perApp === m.perApp && x.changes === m.changes && x.command === m.command);
  const v = b && pick(b);
  return v === undefined ? '–' : typeof v === 'number' ? v.toLocaleString('en') : v;
};

const size = (m: Measured): string => `${m.apps === 1 ? '' : `${m.apps} × `}${m.perApp.toLocaleString('en')}`;

/**
 * One line per target the rows can show: groups-bucket calls of a plan with changes (≤ 1.1 × the groups
 * it must count: every assigned name resolves from the app's own list here, and one page of members per
 * changed group gives both the count and who moves; plus the one AD-imported-groups read); `/api/v1/apps`
 * calls of an apply (≤ 2 × writes + ⌈N/200⌉); CPU of a plan at 100,000 (≤ 5 s without change, ≤ 10 s with
 * 200); peak RSS of a no-change plan at 100,000 (≤ 256 MB); CPU growth per doubling (≤ 2.2).
 */
function targetLines(rows: Measured[]): Line[] {
  const out: Line[] = [];
  for (const m of rows.filter((r) => r.apps === 1)) {
    if (m.command === 'plan' && m.changes > 0) {
      const limit = Math.floor(1.1 * m.changes) + m.apps;
      const now = m.calls[GROUPS] ?? 0;
      out.push({ what: `plan ${size(m)}, ${m.changes} changes: ${GROUPS} calls`, before: before(m, (b) => b.groupsCalls), target: `≤ ${limit.toLocaleString('en')}`, now: now.toLocaleString('en'), met: now <= limit });
    }
    if (m.command === 'apply' && m.writes !== undefined) {
      // The plan read apply makes afresh also looks the app up and reads its app users: 2 calls the formula leaves out.
      const limit = 2 * m.writes + Math.ceil(m.perApp / 200);
      const now = m.calls[APPS] ?? 0;
      out.push({ what: `apply ${size(m)}, ${m.writes} writes: ${APPS} calls`, before: before(m, (b) => b.appsCalls), target: `≤ ${limit.toLocaleString('en')} (+ 2)`, now: now.toLocaleString('en'), met: now <= limit + 2 });
    }
    if (m.command === 'plan' && m.perApp === 100_000) {
      const limitS = m.changes === 0 ? 5 : 10;
      out.push({ what: `plan ${size(m)}, ${m.changes} changes: CPU`, before: before(m, (b) => (b.cpuS === undefined ? undefined : `${b.cpuS} s`)), target: `≤ ${limitS} s`, now: `${(m.cpuMs / 1000).toFixed(1)} s`, met: m.cpuMs <= limitS * 1000 });
    }
    if (m.command === 'plan' && m.changes === 0) {
      const limit = m.perApp === 100_000 ? '≤ 256 MB' : '–';
      out.push({ what: `plan ${size(m)}, no change: peak RSS`, before: `${before(m, (b) => b.rssMb)}${before(m, (b) => b.rssMb) === '–' ? '' : ' MB'}`, target: limit, now: `${m.rssMb.toFixed(0)} MB`, met: m.perApp !== 100_000 || m.rssMb <= 256 });
    }
  }
  for (const changes of [...new Set(rows.map((r) => r.changes))]) {
    const single = rows.filter((r) => r.apps === 1 && r.command === 'plan' && r.changes === changes).sort((a, b) => a.perApp - b.perApp);
    const [first, last] = [single[0], single[single.length - 1]];
    if (!first || first === last) continue;
    const perDoubling = (last.cpuMs / first.cpuMs) ** (1 / Math.log2(last.perApp / first.perApp));
    out.push({ what: `plan ${size(first)} → ${size(last)}, ${changes} changes: CPU per doubling`, before: '–', target: '≤ ×2.2', now: `×${perDoubling.toFixed(2)}`, met: perDoubling <= 2.2 });
  }
  return out;
}

export function targetTable(rows: Measured[]): string {
  return mdTable(
    ['measure', 'before', 'target', 'now', 'met'],
    targetLines(rows).map((l) => [l.what, l.before, l.target, l.now, l.met ? 'yes' : 'NO']),
  );
}
