/**
 * okta-ou run as its own process against the local Okta (which stays in the bench's process), so peak RSS
 * and CPU are okta-ou's alone (rusage-preload.ts reports them).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  maxRssMb: number;
  cpuMs: number;
}

const BIN = path.join(__dirname, 'cli-entry.js');
const PRELOAD = path.join(__dirname, 'rusage-preload.js');

export async function runOktaOu(org: { url: string; token: string }, cwd: string, argv: string[]): Promise<ChildRun> {
  const usage = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-bench-rusage-')), 'rusage.json');
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OKTA_CLIENT_ORGURL: org.url, OKTA_CLIENT_TOKEN: org.token, BENCH_RUSAGE_FILE: usage };
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-r', PRELOAD, BIN, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const u = JSON.parse(fs.readFileSync(usage, 'utf8')) as { maxRssKb: number; cpuMs: number };
  fs.rmSync(path.dirname(usage), { recursive: true, force: true });
  return { code, stdout, stderr, ms, maxRssMb: u.maxRssKb / 1024, cpuMs: u.cpuMs };
}
