/**
 * `npm run bench -- --scale`: okta-ou `plan` (its own process, the local Okta in the bench's) on one AD
 * app with 10,000 / 50,000 / 100,000 group assignments and on 5 apps × 2,000: a plan with no change and one
 * with 200 (the OUs of the 200 highest-ranked groups), each the median wall of BENCH_REPS runs (3). Prints
 * calls per bucket, the floor (the assignment pages, app users, mapping, app lookup), time at published
 * limits at 100 % and at okta-ou's default 50 %, CPU, peak RSS, and the growth per doubling of the size.
 * For the one-app sizes also `apply` of the saved 200-change plan (`plan --out`, then `apply PLANFILE`),
 * on a fresh local Okta per run (apply changes it); then each target beside what was measured (scale-targets.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type OrgSeed } from '../src/sandbox';
import { type Calls, fmtMinutes, median, minutesAt, phasesOf } from './at-limits';
import { type ChildRun, runOktaOu } from './child-cli';
import { mdTable } from './md-table';
import { targetTable } from './scale-targets';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const BUCKETS = ['/api/v1/apps', '/api/v1/groups', '/api/v1'];
const CHANGES = 200;
const PER_FILE = 20_000;
const pad = (i: number): string => String(i).padStart(6, '0');

interface Case {
  label: string;
  apps: number;
  perApp: number;
}

const CASES: Case[] = (process.env.BENCH_SCALE_SIZES ?? '10000,50000,100000')
  .split(',')
  .map((n) => ({ label: `1 × ${Number(n).toLocaleString('en')}`, apps: 1, perApp: Number(n) }))
  .concat([{ label: '5 × 2,000', apps: 5, perApp: 2000 }]);

const label = (a: number): string => `ad${a}.example.com`;
const dc = (a: number): string => `OU=Staff,DC=ad${a},DC=example,DC=com`;
const group = (a: number, i: number): string => `a${a}-g${pad(i)}`;

function seed(c: Case): OrgSeed {
  const apps = Array.from({ length: c.apps }, (_, a) => a);
  return {
    users: [],
    groups: apps.flatMap((a) => Array.from({ length: c.perApp }, (_, i) => ({ name: group(a, i) }))),
    apps: apps.map((a) => ({
      label: label(a),
      name: 'active_directory',
      namingContext: label(a),
      importOUs: [dc(a)],
      assignments: Array.from({ length: c.perApp }, (_, i) => ({ group: group(a, i), priority: i, profile: { organizationalUnit: `ou=g${i % 50},${dc(a).toLowerCase()}` } })),
      mapping: { properties: { firstName: { expression: 'user.firstName', pushStatus: 'PUSH' as const } } },
    })),
  };
}

/**
 * The files: the live state as is, or with the OUs of the first `changes` groups of the first app moved.
 * A directory's groups are split over files of {@link PER_FILE} (one mapping file is at most 4 MB).
 */
function project(c: Case, changes: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-bench-scale-'));
  fs.mkdirSync(path.join(root, 'mappings'));
  for (let a = 0; a < c.apps; a++) {
    for (let from = 0; from < c.perApp; from += PER_FILE) {
      const lines: string[] = [];
      for (let i = from; i < Math.min(c.perApp, from + PER_FILE); i++) {
        const ou = a === 0 && i < changes ? `OU=moved${i},${dc(a)}` : `OU=g${i % 50},${dc(a)}`;
        lines.push(`      - { group: ${group(a, i)}, ou: "${ou}" }`);
      }
      const settings =
        from === 0
          ? `    importOUs: ["${dc(a)}"]\n    assignments: { mode: authoritative }\n    attributeMappings:\n      properties:\n        firstName: user.firstName\n`
          : '';
      fs.writeFileSync(path.join(root, 'mappings', `ad${a}-${pad(from)}.yaml`), `version: 1\ndirectories:\n  ad${a}:\n    app: ${label(a)}\n${settings}    groups:\n${lines.join('\n')}\n`);
    }
  }
  return root;
}

interface Row {
  c: Case;
  command: 'plan' | 'apply';
  changes: number;
  calls: Calls;
  floor: number;
  /** apply: the write requests it sent. */
  writes?: number;
  ms: number;
  cpuMs: number;
  rssMb: number;
  min100: number;
  min50: number;
}

/**
 * The least a plan can read: per app the assignment pages, one page of app users, the mapping (list + GET),
 * the AD-imported groups (import-OU evidence) and the app user schema (the mapped properties are checked
 * against it); once the app lookup, the user types and the default user schema; plus, with changes, one
 * members page per changed group (who the change affects).
 */
function planFloor(c: Case, changes: number): number {
  return c.apps * (Math.ceil(c.perApp / 200) + 1 + 2 + 1 + 1) + 3 + changes;
}

/** A local Okta holding the case's org, with no rate limit (the calls are counted, not waited for). */
function startOrg(c: Case): ReturnType<typeof startSandbox> {
  return startSandbox({ org: seed(c), rateLimits: { '/api/v1/apps': 1e9, '/api/v1/groups': 1e9, '/api/v1': 1e9 } });
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The run's calls per bucket, in phases: the reads before its first write, then the rest (at-limits.ts). */
function phasesSince(sb: Sandbox, from: number): Calls[] {
  return phasesOf(sb.audit.slice(from).map((e) => ({ method: e.method, bucket: sb.rateLimiter.bucketOf(e.path) })));
}

/** The figures of a row from its runs (median) and the last run's phases. */
function figures(runs: ChildRun[], phases: Calls[]): Pick<Row, 'calls' | 'ms' | 'cpuMs' | 'rssMb' | 'min100' | 'min50'> {
  const calls: Calls = {};
  for (const p of phases) for (const [b, n] of Object.entries(p)) calls[b] = (calls[b] ?? 0) + n;
  return {
    calls,
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssMb: median(runs.map((r) => r.maxRssMb)),
    min100: minutesAt(phases, 1),
    min50: minutesAt(phases, 0.5),
  };
}

async function measure(c: Case, changes: number): Promise<Row> {
  const sb = await startOrg(c);
  const cwd = project(c, changes);
  try {
    const runs = [];
    let phases: Calls[] = [];
    for (let r = 0; r < REPS; r++) {
      const from = sb.audit.length;
      const run = await runOktaOu({ url: sb.url, token: sb.token }, cwd, ['plan', '--format', 'json']);
      if (run.code !== 0) throw new Error(`plan failed (${run.code}): ${run.stderr}`);
      const made = JSON.parse(run.stdout) as { changes: unknown[] };
      if (made.changes.length !== changes) throw new Error(`expected ${changes} changes, the plan has ${made.changes.length}`);
      phases = phasesSince(sb, from);
      runs.push(run);
    }
    const floor = planFloor(c, changes);
    return { c, command: 'plan', changes, floor, ...figures(runs, phases) };
  } finally {
    await sb.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * `apply` of the saved plan with {@link CHANGES} changes on a one-app case: each run on a fresh local Okta
 * (apply changes it), the plan saved by a `plan --out` that is not counted.
 */
async function measureApply(c: Case): Promise<Row> {
  const cwd = project(c, CHANGES);
  try {
    const runs = [];
    let phases: Calls[] = [];
    let writes = 0;
    for (let r = 0; r < REPS; r++) {
      const sb = await startOrg(c);
      try {
        const org = { url: sb.url, token: sb.token };
        const saved = await runOktaOu(org, cwd, ['plan', '--out', 'plan.json']);
        if (saved.code !== 0) throw new Error(`plan --out failed (${saved.code}): ${saved.stderr}`);
        const from = sb.audit.length;
        const run = await runOktaOu(org, cwd, ['apply', 'plan.json', '--format', 'json']);
        const result = JSON.parse(run.stdout || '{}') as { applied?: unknown[]; verified?: boolean };
        if (run.code !== 0 || result.applied?.length !== CHANGES || !result.verified) throw new Error(`apply failed (${run.code}): ${run.stderr.slice(-2000)}`);
        phases = phasesSince(sb, from);
        writes = sb.audit.slice(from).filter((e) => e.method !== 'GET').length;
        runs.push(run);
      } finally {
        await sb.close();
      }
    }
    // The floor: the saved plan's fresh read (as the plan's floor) and the writes.
    const floor = planFloor(c, CHANGES) + writes;
    return { c, command: 'apply', changes: CHANGES, floor, writes, ...figures(runs, phases) };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

function table(rows: Row[]): string {
  const head = ['assignments', 'command', 'changes', ...BUCKETS, 'total', 'floor', 'at limits 100 %', 'at 50 %', 'wall (median)', 'CPU', 'peak RSS'];
  const body = rows.map((r) => {
    const total = Object.values(r.calls).reduce((a, b) => a + b, 0);
    return [r.c.label, r.command, String(r.changes), ...BUCKETS.map((b) => String(r.calls[b] ?? 0)), String(total), String(r.floor), fmtMinutes(r.min100), fmtMinutes(r.min50), `${(r.ms / 1000).toFixed(1)} s`, `${(r.cpuMs / 1000).toFixed(1)} s`, `${r.rssMb.toFixed(0)} MB`];
  });
  return mdTable(head, body, (i) => i !== 1);
}

/** Growth from one single-app size to the next: CPU and RSS ratios, scaled to a doubling. */
function growth(rows: Row[]): string {
  const out: string[] = [];
  for (const changes of [0, CHANGES]) {
    const single = rows.filter((r) => r.c.apps === 1 && r.command === 'plan' && r.changes === changes);
    for (let i = 1; i < single.length; i++) {
      const [a, b] = [single[i - 1], single[i]];
      const doublings = Math.log2(b.c.perApp / a.c.perApp);
      const per = (x: number, y: number): string => (y / x) ** (1 / doublings) === Infinity ? '-' : ((y / x) ** (1 / doublings)).toFixed(2);
      const kbPer = ((b.rssMb - a.rssMb) * 1024) / (b.c.perApp - a.c.perApp);
      out.push(`${changes} changes, ${a.c.label} → ${b.c.label}: CPU ×${per(a.cpuMs, b.cpuMs)} per doubling, RSS ×${per(a.rssMb, b.rssMb)} per doubling (${kbPer.toFixed(2)} KB per added assignment)`);
    }
  }
  return out.join('\n');
}

export async function scaleBench(): Promise<void> {
  const rows: Row[] = [];
  for (const c of CASES) {
    for (const changes of [0, CHANGES]) {
      process.stderr.write(`  scale: ${c.label} assignments, ${changes} changes\n`);
      rows.push(await measure(c, changes));
    }
    if (c.apps === 1) {
      process.stderr.write(`  scale: ${c.label} assignments, apply of the ${CHANGES}-change plan\n`);
      rows.push(await measureApply(c));
    }
  }
  process.stdout.write(`\nokta-ou plan and apply at scale — okta-ou in its own process, median of ${REPS} runs\n\n${table(rows)}\n\n${growth(rows)}\n\n`);
  const measured = rows.map((r) => ({ ...r, perApp: r.c.perApp, apps: r.c.apps }));
  process.stdout.write(`The targets, next to the first version's figures ("before": a counting proxy, 50 ms latency):\n\n${targetTable(measured)}\n\n`);
  process.stdout.write(
    '"floor" = per app the assignment pages (200 each), one app-users page, the mapping (2 calls), the AD-imported groups and the\n' +
      'app user schema, plus the app lookup, the user types and the user schema, plus one members page per changed group (the\n' +
      'impact on people);\n' +
      'for apply (the saved plan read afresh, then written) also the writes.\n' +
      'The apply target (2 × writes + the assignment pages, + 2 for the app lookup and the app-user page) holds for OU updates:\n' +
      'profile-only PATCHes cannot shift another assignment, so the check before writing and the read-back each cost at most\n' +
      'the writes (a write carrying a priority re-lists the app).\n' +
      "CPU and peak RSS are the okta-ou process's own (process.resourceUsage at exit); wall includes starting Node.\n",
  );
}
