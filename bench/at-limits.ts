/**
 * The least time calls take at Okta's last published Workforce per-minute limits (docs/okta-api.md §8:
 * /api/v1/apps* 100, /api/v1/groups 500, /api/v1 1,200), at a share of each bucket (okta-ou keeps to 50 %
 * by default, --max-capacity). Buckets refill side by side, so within a phase the slowest bucket decides;
 * sequential phases (a plan's reads, then the writes and read-back that depend on them) add up.
 */
export const PUBLISHED: Record<string, number> = { '/api/v1/apps': 100, '/api/v1/groups': 500, '/api/v1': 1200 };

export type Calls = Record<string, number>;

export function minutesAt(phases: Calls[], share: number): number {
  return phases.reduce((sum, calls) => sum + Math.max(0, ...Object.entries(calls).map(([b, n]) => n / ((PUBLISHED[b] ?? 1200) * share))), 0);
}

export function fmtMinutes(minutes: number): string {
  return minutes < 1 ? `${Math.ceil(minutes * 60)} s` : `${minutes.toFixed(1)} min`;
}

/** Audit entries split into phases: the reads before the first write, then everything from it on. */
export function phasesOf(entries: ReadonlyArray<{ method: string; bucket: string }>): Calls[] {
  const firstWrite = entries.findIndex((e) => e.method !== 'GET');
  const parts = firstWrite <= 0 ? [entries] : [entries.slice(0, firstWrite), entries.slice(firstWrite)];
  return parts.map((part) => {
    const out: Calls = {};
    for (const e of part) out[e.bucket] = (out[e.bucket] ?? 0) + 1;
    return out;
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
