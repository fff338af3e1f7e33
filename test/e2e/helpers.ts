/**
 * End-to-end helpers: a seeded local Okta, a temporary project folder with mappings/, and the CLI run
 * in-process against them (STYLE.md §7: seed → run → assert exit, requests and state).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../src/sandbox';
import type { OrgSeed } from '../../src/sandbox/types';
import { runCli, type CliResult } from '../support/cli';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export const TOKEN = 'e2e-test-token-00000000000000000000000000';

export async function seeded(org: OrgSeed): Promise<Sandbox> {
  return startSandbox({ org, token: TOKEN, seed: 1 });
}

const tempDirs: string[] = [];

/** A temporary project folder holding mappings/<name> for each entry; returns the folder (use as cwd). */
export function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-e2e-'));
  tempDirs.push(root);
  fs.mkdirSync(path.join(root, 'mappings'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, 'mappings', name), text);
  return root;
}

export function removeProjects(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function oktaEnv(sb: Sandbox): Record<string, string> {
  return { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token };
}

/** `okta-ou plan …` against the sandbox, from `cwd`. Clears the audit log first so it holds this run only. */
export async function plan(sb: Sandbox, cwd: string, args: string[] = []): Promise<CliResult> {
  sb.audit.length = 0;
  return runCli(['plan', ...args], { env: oktaEnv(sb), cwd });
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
