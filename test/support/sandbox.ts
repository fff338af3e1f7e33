/**
 * The local Okta and a project folder for end-to-end tests: a seeded sandbox, a temporary project with
 * mappings/, the connection environment, and out-of-band writes "as another admin" (docs/style.md §7).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type OrgSeed, type SandboxOptions } from '../../src/sandbox';
import { fakeClock, runCli, type CliResult, type FakeClock, type FakeContextOptions } from './cli';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The SSWS token every test sandbox accepts (tests assert it never shows up in output). */
export const TOKEN = 'okta-ou-test-token-000000000000000000000000';

/** A sandbox seeded with `org` (default the demo org), deterministic ids (seed 1). */
export async function seeded(org: OrgSeed | 'demo' = 'demo', opts: Omit<SandboxOptions, 'org'> = {}): Promise<Sandbox> {
  return startSandbox({ token: TOKEN, seed: 1, ...opts, org });
}

/** Like `seeded`, options first: `sandbox({ org: cycleOrg })`; the demo org by default. */
export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ org: 'demo', token: TOKEN, seed: 1, ...opts });
}

export function oktaEnv(sb: Sandbox): Record<string, string> {
  return { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token };
}

const REPO_MAPPINGS = path.join(__dirname, '..', '..', 'mappings');
const tempDirs: string[] = [];

/**
 * A temporary project folder whose mappings/ holds `files` (name → text), or a copy of the repo's
 * example mappings when `files` is omitted; returns the folder (use as cwd). Removed by removeProjects().
 */
export function project(files?: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-test-'));
  tempDirs.push(root);
  fs.mkdirSync(path.join(root, 'mappings'));
  const content = files ?? Object.fromEntries(fs.readdirSync(REPO_MAPPINGS).map((f) => [f, fs.readFileSync(path.join(REPO_MAPPINGS, f), 'utf8')]));
  for (const [name, text] of Object.entries(content)) fs.writeFileSync(path.join(root, 'mappings', name), text);
  return root;
}

export function removeProjects(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Sends one request to the sandbox directly, as another admin would (an out-of-band change). */
export async function oktaRequest(sb: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: { authorization: `SSWS ${sb.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A fake clock whose waits pass on the sandbox too: after one, its rate-limit windows start afresh. */
export function sandboxClock(sb: Sandbox): FakeClock {
  return fakeClock({ onSleep: () => sb.rateLimiter.resetAll() });
}

/**
 * `okta-ou …` in-process against the sandbox, from `cwd`. Starts on a fresh rate-limit minute (a
 * long-lived sandbox shared by several tests never makes one wait for another's window) and with a fake
 * clock (`sandboxClock`) unless `opts.clock` is given.
 */
export async function runAgainst(sb: Sandbox, cwd: string, argv: string[], opts: FakeContextOptions = {}): Promise<CliResult> {
  sb.rateLimiter.resetAll();
  return runCli(argv, { env: oktaEnv(sb), cwd, ...opts, clock: opts.clock ?? sandboxClock(sb) });
}

/**
 * Seeds a local Okta before a file's (or describe block's) tests and closes it, with the temporary
 * projects, after them. The returned object stands for that sandbox once the tests run.
 */
export function useSandbox(org: OrgSeed | 'demo' = 'demo', opts: Omit<SandboxOptions, 'org'> = {}): Sandbox {
  let current: Sandbox | undefined;
  beforeAll(async () => {
    current = await seeded(org, opts);
  });
  afterAll(async () => {
    await current?.close();
    removeProjects();
  });
  return new Proxy({} as Sandbox, {
    get(_target, prop) {
      if (!current) throw new Error('the sandbox is only there inside tests (useSandbox seeds it in beforeAll)');
      const value = Reflect.get(current, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}
