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
  /** Runs while the confirmation prompt is open (e.g. another admin changes Okta meanwhile). */
  whilePrompting?: () => Promise<void>;
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
    prompt: answers
      ? async (q: string) => {
          stderr += q;
          await opts.whilePrompting?.();
          return answers.shift() ?? '';
        }
      : undefined,
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

/** An app's assignments right now, for replaying the audit log later. */
export function snapshot(sb: Sandbox, app: string): Array<{ groupId: string; priority: number; profile: Record<string, unknown> }> {
  return sb.org.assignmentsOf(app).map((a) => ({ groupId: a.groupId, priority: a.priority, profile: { ...a.profile } }));
}

/** Fault name marking a fault that lets the write commit before failing the reply (`after: true`). */
export const COMMITTED = 'committed';

/**
 * Replays the audit log's committed assignment writes of one app over `initial` and counts writes
 * that landed on a priority another assignment held at that moment (each would make Okta shift that
 * other assignment). Returns the count and the replayed priorities (to check the replay itself).
 */
export function replayCollisions(
  sb: Sandbox,
  app: string,
  initial: Array<{ groupId: string; priority: number }>,
  from = 0,
): { collisions: string[]; priorities: Record<string, number> } {
  const appId = sb.org.findApp(app)!.id;
  const state = new Map(initial.map((a) => [a.groupId, a.priority]));
  const collisions: string[] = [];
  const re = new RegExp(`^/api/v1/apps/${appId}/groups/([^/]+)$`);
  for (const e of sb.audit.slice(from)) {
    const m = re.exec(e.path);
    if (!m || e.method === 'GET') continue;
    const committed = (e.status >= 200 && e.status < 300) || e.fault === COMMITTED;
    if (!committed) continue;
    const g = m[1];
    if (e.method === 'DELETE') state.delete(g);
    else if (e.method === 'PUT') {
      const p = (e.body as { priority?: number }).priority;
      if (typeof p !== 'number') {
        collisions.push(`PUT ${g} without a priority`);
        continue;
      }
      for (const [other, q] of state) if (other !== g && q === p) collisions.push(`PUT ${g} priority ${p} held by ${other}`);
      state.set(g, p);
    } else if (e.method === 'PATCH') {
      for (const op of e.body as Array<{ path: string; value: unknown }>) {
        if (op.path === '/priority') collisions.push(`PATCH ${g} priority`);
      }
    }
  }
  return { collisions, priorities: Object.fromEntries(state) };
}

/** Sends one request to the sandbox directly, as another admin would (out-of-band change). */
export async function oktaRequest(sb: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: { authorization: `SSWS ${sb.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
