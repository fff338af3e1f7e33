/**
 * Runs a workflow or action step's `run:` script as the GitHub runner does (bash --noprofile --norc
 * -eo pipefail, the step's env, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_PATH as files under
 * RUNNER_TEMP), asynchronously, so a local Okta in the test's own process can answer it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';

export type Step = { name?: string; id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, unknown>; if?: string };

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  path: string;
}

/** Runs a step's script as the runner does: bash -e, its env, GITHUB_OUTPUT / _STEP_SUMMARY / _PATH files. */
export function runStep(s: Step, env: Record<string, string>, cwd: string, runnerTemp: string): Promise<Ran> {
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STEP_SUMMARY: 'summary', GITHUB_PATH: 'path' };
  for (const f of Object.values(files)) fs.writeFileSync(path.join(runnerTemp, f), '');
  const fileEnv = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(runnerTemp, f)]));
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], {
      cwd,
      env: { PATH: env.PATH ?? process.env.PATH!, HOME: os.homedir(), RUNNER_TEMP: runnerTemp, ...fileEnv, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const read = (f: string): string => fs.readFileSync(path.join(runnerTemp, f), 'utf8');
      const outputs = Object.fromEntries(read('output').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      resolve({ code: code ?? -1, stdout, stderr, outputs, summary: read('summary'), path: read('path') });
    });
  });
}
