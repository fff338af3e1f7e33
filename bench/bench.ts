/**
 * `npm run bench`: calls per rate-limit bucket and wall time for okta-ou `plan` and `apply` on a
 * two-domain org (1,000 assignments per domain by default; BENCH_ASSIGNMENTS=N to change), next to the
 * ways people do it today on the same org in the same run, written with the official Node SDK: Terraform's
 * singular okta_app_group_assignment (a GET per pair), its plural okta_app_group_assignments (the list, and
 * on apply a PUT of every listed group), and a one-PUT-per-row writer (Postman runner / SDK loop). Every
 * row is the median wall of BENCH_REPS (3) runs, each on a fresh copy of the org; okta-ou runs in its own
 * process, so its peak RSS is its own. Then the priority engine's figures (bench/priority-bench.ts) and
 * the sandbox's own figures (bench/sandbox-bench.ts). `--scale`: bench/scale-bench.ts instead.
 *
 * The local Okta runs with unlimited buckets, so wall times show client work and round trips; the
 * "at published limits" columns are the least time the same calls take at Okta's last published limits,
 * at 100 % of each bucket and at okta-ou's default 50 % (bench/at-limits.ts). Prints figures; asserts nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from '../src/cli/main';
import type { CliContext } from '../src/cli/context';
import { startSandbox } from '../src/sandbox';
import type { Plan } from '../src/model/types';
import type { OrgSeed } from '../src/sandbox';
import { benchOrg, desiredRows, mappingFiles } from './bench-org';
import { readPerPair, readPlural, sdkClient, writePerRow, writePlural } from './naive-sdk';
import { fmtMinutes, median, minutesAt, phasesOf } from './at-limits';
import { runOktaOu } from './child-cli';
import { scaleBench } from './scale-bench';
import { engineFigures, engineTable } from './priority-bench';
import { BEFORE_V2 } from './priority-today';
import { mdTable } from './md-table';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const PER_DOMAIN = Number(process.env.BENCH_ASSIGNMENTS ?? 1000);
const BUCKETS = ['/api/v1/apps', '/api/v1/groups', '/api/v1'];
const REPS = Number(process.env.BENCH_REPS ?? 3);
const UNLIMITED = { '/api/v1/apps': 1e9, '/api/v1/groups': 1e9, '/api/v1': 1e9 };

interface Figure {
  who: string;
  phase: string;
  calls: Record<string, number>;
  /** Median wall of the runs. */
  ms: number;
  /** Least minutes at published limits, at 100 % and at 50 % of each bucket. */
  min100: number;
  min50: number;
  /** Peak RSS of the okta-ou process (its own process); undefined for the SDK scripts (in the bench's). */
  rssMb?: number;
  note: string;
}

interface Outcome {
  note: string;
  rssMb?: number;
  /** Said after the timed run, not timed or counted (e.g. what a plan still finds afterwards). */
  after?: () => Promise<string>;
}

/**
 * Runs `fn` BENCH_REPS times, each on a fresh copy of the org: calls from the last run (they are the same
 * every run), the median wall.
 */
async function measure(seed: OrgSeed, who: string, phase: string, fn: (sb: Sandbox) => Promise<Outcome>): Promise<Figure> {
  const walls: number[] = [];
  const rss: number[] = [];
  let last: Omit<Figure, 'ms' | 'rssMb'> | undefined;
  for (let r = 0; r < REPS; r++) {
    const sb = await startSandbox({ org: seed, rateLimits: UNLIMITED });
    try {
      const t0 = process.hrtime.bigint();
      const out = await fn(sb);
      walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (out.rssMb !== undefined) rss.push(out.rssMb);
      const phases = phasesOf(sb.audit.map((e) => ({ method: e.method, bucket: sb.rateLimiter.bucketOf(e.path) })));
      const calls: Record<string, number> = {};
      for (const p of phases) for (const [b, n] of Object.entries(p)) calls[b] = (calls[b] ?? 0) + n;
      const note = out.after ? `${out.note}; ${await out.after()}` : out.note;
      last = { who, phase, calls, min100: minutesAt(phases, 1), min50: minutesAt(phases, 0.5), note };
    } finally {
      await sb.close();
    }
  }
  const f: Figure = { ...last!, ms: median(walls), ...(rss.length > 0 ? { rssMb: median(rss) } : {}) };
  process.stderr.write(`  ${who} ${phase}: ${fmtMs(f.ms)}\n`);
  return f;
}

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-bench-'));
  fs.mkdirSync(path.join(root, 'mappings'));
  for (const [name, text] of Object.entries(mappingFiles(PER_DOMAIN))) fs.writeFileSync(path.join(root, 'mappings', name), text);
  return root;
}

async function cli(sb: Sandbox, cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    cwd,
    env: { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => new Date(),
    interactive: false,
    color: false,
  };
  const code = await run(argv, ctx);
  return { code, stdout, stderr };
}

/** Changes okta-ou still sees after a run (not measured). */
async function changesLeft(sb: Sandbox, cwd: string): Promise<number> {
  const from = sb.audit.length;
  const r = await cli(sb, cwd, ['plan', '--format', 'json']);
  sb.audit.splice(from);
  return (JSON.parse(r.stdout) as Plan).changes.length;
}

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

function table(figures: Figure[]): string {
  const head = ['tool', 'phase', ...BUCKETS, 'total', 'wall (local, median)', 'peak RSS', 'at limits 100 %', 'at 50 %', 'result'];
  const rows = figures.map((f) => [
    f.who,
    f.phase,
    ...BUCKETS.map((b) => String(f.calls[b] ?? 0)),
    String(Object.values(f.calls).reduce((a, b) => a + b, 0)),
    fmtMs(f.ms),
    f.rssMb === undefined ? '-' : `${f.rssMb.toFixed(0)} MB`,
    `≥ ${fmtMinutes(f.min100)}`,
    `≥ ${fmtMinutes(f.min50)}`,
    f.note,
  ]);
  return mdTable(head, rows, (i) => i >= 2 && i <= 9);
}

async function main(): Promise<void> {
  if (process.argv.includes('--scale')) return scaleBench();
  const seed = benchOrg(PER_DOMAIN);
  const cwd = project();
  const figures: Figure[] = [];
  process.stderr.write(`okta-ou bench: 2 AD domains × ${PER_DOMAIN} group assignments, ${REPS} runs per row\n`);
  const org = (sb: Sandbox): { url: string; token: string } => ({ url: sb.url, token: sb.token });
  const rowsOf = (sb: Sandbox) => desiredRows(PER_DOMAIN, (app, group) => ({ appId: sb.org.findApp(app)!.id, groupId: sb.org.findGroup(group)!.id }));
  const appIds = (sb: Sandbox): string[] => [...new Set(rowsOf(sb).map((r) => r.appId))];
  const left = (sb: Sandbox) => async (): Promise<string> => `changes left: ${await changesLeft(sb, cwd)}`;

  // okta-ou: plan (read-only), then apply (which plans, writes, and reads back), each in its own process.
  figures.push(
    await measure(seed, 'okta-ou', 'plan', async (sb) => {
      const r = await runOktaOu(org(sb), cwd, ['plan', '--format', 'json']);
      if (r.code !== 0) throw new Error(`plan failed: ${r.stderr}`);
      const p = JSON.parse(r.stdout) as Plan;
      return { note: `${p.changes.length} changes (${p.summary.create} create, ${p.summary.update} update, ${p.summary.delete} delete, ${p.summary.reorder} reorder)`, rssMb: r.maxRssMb };
    }),
  );
  figures.push(
    await measure(seed, 'okta-ou', 'apply', async (sb) => {
      const r = await runOktaOu(org(sb), cwd, ['apply', '--auto-approve', '--force', '--format', 'json']);
      if (r.code !== 0) throw new Error(`apply failed: ${r.stdout}${r.stderr}`);
      const res = JSON.parse(r.stdout) as { requests: { sent: number }; verified: boolean };
      return { note: `${res.requests.sent} writes, verified: ${res.verified}`, rssMb: r.maxRssMb, after: left(sb) };
    }),
  );

  // Today's ways, with the official SDK, each on a fresh copy of the same org.
  figures.push(
    await measure(seed, 'Terraform singular (GET per pair)', 'plan', async (sb) => {
      const r = await readPerPair(sdkClient(sb.url, sb.token), rowsOf(sb));
      return { note: `${r.found} found, ${r.missing} missing; cannot see the ${PER_DOMAIN * 2 - r.found} live assignments it has no row for` };
    }),
  );
  figures.push(
    await measure(seed, 'Terraform plural (list per app)', 'plan', async (sb) => {
      const live = await readPlural(sdkClient(sb.url, sb.token), appIds(sb));
      return { note: `${[...live.values()].reduce((n, g) => n + g.size, 0)} assignments listed` };
    }),
  );
  figures.push(
    await measure(seed, 'Terraform plural (list, PUT every group)', 'apply', async (sb) => {
      const n = await writePlural(sdkClient(sb.url, sb.token), rowsOf(sb));
      return { note: `${n} writes, changed or not; no read-back`, after: left(sb) };
    }),
  );
  figures.push(
    await measure(seed, 'SDK: PUT per row (Postman-style)', 'apply', async (sb) => {
      const n = await writePerRow(sdkClient(sb.url, sb.token), rowsOf(sb));
      return { note: `${n} writes, no deletes, no read-back`, after: left(sb) };
    }),
  );
  fs.rmSync(cwd, { recursive: true, force: true });

  process.stdout.write(`\nokta-ou bench — two AD domains, ${PER_DOMAIN} group assignments each, same org and desired state for every tool\n\n`);
  process.stdout.write(`${table(figures)}\n\n`);
  process.stdout.write(
    'Calls are counted per Okta rate-limit bucket by the local Okta. "at limits" = the least time those calls need at Okta\'s\n' +
      'last published Workforce limits (/api/v1/apps* 100/min, /api/v1/groups 500/min, /api/v1 1,200/min), at 100 % of each\n' +
      "bucket and at okta-ou's default 50 % (--max-capacity); an apply's reads before its first write and the rest are added as\n" +
      'sequential phases. "changes left" = what `okta-ou plan` still finds afterwards (not timed). "peak RSS" = the okta-ou\n' +
      "process's own (the local Okta runs in the bench's process); wall includes starting Node.\n",
  );

  // The priority engine: writes per change and planning CPU for 200 / 5,000 / 50,000 managed groups.
  if (process.env.BENCH_SKIP_ENGINE !== '1') {
    const sizes = (process.env.BENCH_ENGINE_SIZES ?? '200,5000,50000').split(',').map(Number);
    const now = sizes.map((n) => {
      process.stderr.write(`  priority engine: ${n} managed groups\n`);
      return engineFigures(n);
    });
    process.stdout.write(`\nPriority engine — one directory whose N managed groups Okta holds at priorities 0..N-1 in file order (as export finds them)\n\n`);
    process.stdout.write(`${engineTable(now, BEFORE_V2)}\n\n`);
    process.stdout.write(
      'Each change is planned and its requests applied to an in-memory copy, so each starts where the previous left off. "before" =\n' +
        'main before the v2 engine (bench/priority-today.ts; at 50,000 only the first insert was practical). Priorities written stay\n' +
        'below 2 × assignments + 16 (src/plan/assign-slots.ts); a reverse costs about 1.5 writes per group (cycles need parking).\n' +
        'The first change that needs room in the dense list re-spaces the whole list once (about N writes), wherever it lands.\n',
    );
  }

  // The people figures: impact reads and peak memory on an app with 50,000 users (compiled next to this file).
  const peopleBench = path.join(__dirname, 'people-bench.js');
  if (fs.existsSync(peopleBench)) spawnSync(process.execPath, ['--expose-gc', peopleBench], { stdio: 'inherit' });

  // The local Okta's own figures (owned by the sandbox; compiled next to this file).
  const sandboxBench = path.join(__dirname, 'sandbox-bench.js');
  if (fs.existsSync(sandboxBench) && process.env.BENCH_SKIP_SANDBOX !== '1') {
    process.stdout.write('\nLocal Okta (sandbox) figures:\n');
    spawnSync(process.execPath, [sandboxBench], { stdio: 'inherit' });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
