/**
 * Apply end-to-end harness: a local Okta (demo org unless given), a temporary project with mappings/,
 * and the CLI run in-process with an abort signal (Ctrl-C) and optional prompt answers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../src/cli/main';
import type { CliContext } from '../../../src/cli/context';
import { startSandbox, type SandboxOptions } from '../../../src/sandbox';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export const TOKEN = 'apply-test-token-000000000000000000000000000';
const REPO_MAPPINGS = path.join(__dirname, '..', '..', '..', 'mappings');

export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ org: 'demo', token: TOKEN, seed: 1, ...opts });
}

const dirs: string[] = [];

/** A temp project whose mappings/ holds the given files, or a copy of the repo's example mappings. */
export function project(files?: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-apply-'));
  dirs.push(root);
  fs.mkdirSync(path.join(root, 'mappings'));
  const content = files ?? Object.fromEntries(fs.readdirSync(REPO_MAPPINGS).map((f) => [f, fs.readFileSync(path.join(REPO_MAPPINGS, f), 'utf8')]));
  for (const [name, text] of Object.entries(content)) fs.writeFileSync(path.join(root, 'mappings', name), text);
  return root;
}

export function removeProjects(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  answers?: string[];
  signal?: AbortSignal;
  /** Interactive context (progress on stderr) without prompt answers. */
  interactive?: boolean;
}

export async function cli(sb: Sandbox, cwd: string, argv: string[], opts: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const answers = opts.answers ? [...opts.answers] : undefined;
  const ctx: CliContext = {
    cwd,
    env: { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => new Date('2026-01-01T00:00:00Z'),
    interactive: answers !== undefined || opts.interactive === true,
    color: false,
    signal: opts.signal,
    prompt: answers ? async (q: string) => ((stderr += q), answers.shift() ?? '') : undefined,
  };
  const code = await run(argv, ctx);
  return { code, stdout, stderr };
}

/** The app's assignments as `name → { priority, ou }`, for whole-value assertions. */
export function assignments(sb: Sandbox, app: string): Record<string, { priority: number; ou: unknown; profile: Record<string, unknown> }> {
  const out: Record<string, { priority: number; ou: unknown; profile: Record<string, unknown> }> = {};
  for (const a of sb.org.assignmentsOf(app)) {
    const name = sb.org.findGroup(a.groupId)?.profile.name ?? a.groupId;
    out[name] = { priority: a.priority, ou: a.profile.organizationalUnit, profile: { ...a.profile } };
  }
  return out;
}

/** Group names of an app in priority order (highest first). */
export function order(sb: Sandbox, app: string): string[] {
  return sb.org.assignmentsOf(app).map((a) => sb.org.findGroup(a.groupId)?.profile.name ?? a.groupId);
}

export const writes = (sb: Sandbox) => sb.audit.filter((e) => e.method !== 'GET');
