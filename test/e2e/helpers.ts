/**
 * End-to-end helpers: a seeded local Okta, a temporary project folder with mappings/, and the CLI run
 * in-process against them (docs/style.md §7: seed → run → assert exit, requests and state).
 */
import { runAgainst, type Sandbox } from '../support/sandbox';
import type { CliResult } from '../support/cli';

export { oktaEnv, oktaRequest, project, removeProjects, seeded, TOKEN, useSandbox, type Sandbox } from '../support/sandbox';

/**
 * `okta-ou plan …` against the sandbox, from `cwd`. Clears the audit log first so it holds this run only;
 * starts on a fresh rate-limit minute, with a fake clock (no real waits).
 */
export async function plan(sb: Sandbox, cwd: string, args: string[] = []): Promise<CliResult> {
  sb.audit.length = 0;
  return runAgainst(sb, cwd, ['plan', ...args]);
}

/** Every request recorded since the last `plan(…)` was a read. */
export function expectReadOnly(sb: Sandbox): void {
  const writes = sb.audit.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
  expect(writes).toEqual([]);
}

/** Calls per request path (ids replaced by `{id}`), e.g. `GET /api/v1/apps/{id}/groups`: 10. */
export function callsByPath(sb: Sandbox): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sb.audit) {
    const p = e.path.replace(/\/(0oa|00g|00u|prm|oty)[A-Za-z0-9]+/g, (_m, prefix: string) => `/{${prefix}}`);
    const key = `${e.method} ${p}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The directory block of a mapping file, for brevity in tests. */
export function mappingFile(directories: string): string {
  return `version: 1\ndirectories:\n${directories}`;
}
