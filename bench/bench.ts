/**
 * `npm run bench`: calls per rate-limit bucket and wall time for okta-ou `plan` and `apply` on a
 * two-domain org (1,000 assignments per domain by default; BENCH_ASSIGNMENTS=N to change), next to the
 * two ways people do it today on the same org in the same run, written with the official Node SDK:
 * a one-GET-per-pair reader (Terraform's singular okta_app_group_assignment) and a one-PUT-per-row writer
 * (Postman runner / SDK loop). Then the priority engine's figures (bench/priority-bench.ts) and the
 * sandbox's own figures (bench/sandbox-bench.ts).
 *
 * The local Okta runs with unlimited buckets, so wall times show client work and round trips; the
 * "at published limits" column is the least time the same calls take against Okta's last published
 * Workforce per-minute limits (docs/okta-api.md §8: /api/v1/apps* 100, /api/v1/groups 500, /api/v1 1,200).
 * Prints figures; asserts nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from '../src/cli/main';
import type { CliContext } from '../src/cli/context';
import { startSandbox } from '../src/sandbox';
import type { Plan } from '../src/model/types';
import { benchOrg, desiredRows, mappingFiles } from './bench-org';
import { readPerPair, sdkClient, writePerRow } from './naive-sdk';
import { engineFigures, engineTable } from './priority-bench';
import { BEFORE_V2 } from './priority-today';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const PER_DOMAIN = Number(process.env.BENCH_ASSIGNMENTS ?? 1000);
const BUCKETS = ['/api/v1/apps', '/api/v1/groups', '/api/v1'];
const PUBLISHED: Record<string, number> = { '/api/v1/apps': 100, '/api/v1/groups': 500, '/api/v1': 1200 };
const UNLIMITED = { '/api/v1/apps': 1e9, '/api/v1/groups': 1e9, '/api/v1': 1e9 };

interface Figure {
  who: string;
  phase: string;
  calls: Record<string, number>;
  ms: number;
  /** Peak JS heap above the starting point while the phase ran (the local Okta shares the process). */
  heapMb: number;
  note: string;
}

function callsSince(sb: Sandbox, from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sb.audit.slice(from)) {
    const b = sb.rateLimiter.bucketOf(e.path);
    out[b] = (out[b] ?? 0) + 1;
  }
  return out;
}

async function measure(sb: Sandbox, who: string, phase: string, fn: () => Promise<string>): Promise<Figure> {
  const from = sb.audit.length;
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = process.hrtime.bigint();
  const note = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const f = { who, phase, calls: callsSince(sb, from), ms, heapMb: (peak - base) / 2 ** 20, note };
  process.stderr.write(`  ${who} ${phase}: ${fmtMs(ms)}\n`);
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

function atPublished(calls: Record<string, number>): string {
  const minutes = Math.max(...Object.entries(calls).map(([b, n]) => n / (PUBLISHED[b] ?? 1200)));
  return minutes < 1 ? `${Math.ceil(minutes * 60)} s` : `${minutes.toFixed(1)} min`;
}

function table(figures: Figure[]): string {
  const head = ['tool', 'phase', ...BUCKETS, 'total', 'wall (local)', 'peak heap', 'at published limits', 'result'];
  const rows = figures.map((f) => [
    f.who,
    f.phase,
    ...BUCKETS.map((b) => String(f.calls[b] ?? 0)),
    String(Object.values(f.calls).reduce((a, b) => a + b, 0)),
    fmtMs(f.ms),
    `+${f.heapMb.toFixed(0)} MB`,
    `≥ ${atPublished(f.calls)}`,
    f.note,
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(width[i]) : c.padEnd(width[i]))).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const seed = benchOrg(PER_DOMAIN);
  const cwd = project();
  const figures: Figure[] = [];
  process.stderr.write(`okta-ou bench: 2 AD domains × ${PER_DOMAIN} group assignments\n`);

  // okta-ou: plan (read-only), then apply (which plans again, writes, and reads back) on the same org.
  let sb = await startSandbox({ org: seed, rateLimits: UNLIMITED });
  try {
    figures.push(
      await measure(sb, 'okta-ou', 'plan', async () => {
        const r = await cli(sb, cwd, ['plan', '--format', 'json']);
        if (r.code !== 0) throw new Error(`plan failed: ${r.stderr}`);
        const p = JSON.parse(r.stdout) as Plan;
        return `${p.changes.length} changes (${p.summary.create} create, ${p.summary.update} update, ${p.summary.delete} delete, ${p.summary.reorder} reorder)`;
      }),
    );
    figures.push(
      await measure(sb, 'okta-ou', 'apply', async () => {
        const r = await cli(sb, cwd, ['apply', '--auto-approve', '--force', '--format', 'json']);
        const res = JSON.parse(r.stdout) as { requests: { sent: number }; verified: boolean };
        if (r.code !== 0) throw new Error(`apply failed: ${r.stdout}${r.stderr}`);
        return `${res.requests.sent} writes, verified: ${res.verified}; changes left: ${await changesLeft(sb, cwd)}`;
      }),
    );
  } finally {
    await sb.close();
  }

  // Today's scripts, on a fresh copy of the same org.
  sb = await startSandbox({ org: seed, rateLimits: UNLIMITED });
  try {
    const rows = desiredRows(PER_DOMAIN, (app, group) => ({ appId: sb.org.findApp(app)!.id, groupId: sb.org.findGroup(group)!.id }));
    const client = sdkClient(sb.url, sb.token);
    figures.push(
      await measure(sb, 'SDK: GET per pair (Terraform-style)', 'plan', async () => {
        const r = await readPerPair(client, rows);
        return `${r.found} found, ${r.missing} missing; cannot see the ${PER_DOMAIN * 2 - r.found} live assignments it has no row for`;
      }),
    );
    figures.push(
      await measure(sb, 'SDK: PUT per row (Postman-style)', 'apply', async () => {
        const n = await writePerRow(client, rows);
        return `${n} writes, no deletes, no read-back; changes left: ${await changesLeft(sb, cwd)}`;
      }),
    );
  } finally {
    await sb.close();
  }
  fs.rmSync(cwd, { recursive: true, force: true });

  process.stdout.write(`\nokta-ou bench — two AD domains, ${PER_DOMAIN} group assignments each, same org and desired state for every tool\n\n`);
  process.stdout.write(`${table(figures)}\n\n`);
  process.stdout.write(
    'Calls are counted per Okta rate-limit bucket by the local Okta. "at published limits" = the least time those calls need at\n' +
      "Okta's last published Workforce limits (/api/v1/apps* 100/min, /api/v1/groups 500/min, /api/v1 1,200/min); okta-ou\n" +
      'also keeps to half of each bucket by default (--max-capacity). "changes left" = what `okta-ou plan` still finds afterwards.\n' +
      '"peak heap" = the most JS heap in use above the phase\'s start (sampled every 5 ms; the local Okta runs in the same process).\n',
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
