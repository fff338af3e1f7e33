/**
 * Apply end-to-end harness: a local Okta (demo org unless given), a temporary project with mappings/
 * (test/support/sandbox.ts), the CLI run in-process with an abort signal (Ctrl-C) and optional prompt
 * answers, and views of the sandbox's state and audit log for assertions.
 */
import type { FakeClock } from '../../support/cli';
import { runAgainst, type Sandbox } from '../../support/sandbox';

export { oktaRequest, project, removeProjects, sandbox, TOKEN, type Sandbox } from '../../support/sandbox';

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
  /** The Okta client's fake clock (to read its waits); default a fresh one. */
  clock?: FakeClock;
  /** Receives what a second Ctrl-C would print before quitting. */
  onQuit?: (report: () => string) => void;
}

/** `okta-ou …` against the sandbox from `cwd` (fresh rate-limit minute, fake clock: no real waits). */
export async function cli(sb: Sandbox, cwd: string, argv: string[], opts: RunOptions = {}): Promise<Run> {
  return runAgainst(sb, cwd, argv, opts);
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
