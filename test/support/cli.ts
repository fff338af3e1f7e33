/**
 * Runs the okta-ou CLI in-process (docs/style.md §6: commands take cwd, env, streams and clock from their
 * caller), capturing stdout and stderr. The environment is exactly `env`: ambient OKTA_CLIENT_* variables
 * never leak into a test. The Okta client's waits use a fake clock (no real back-off or rate-limit
 * waits) unless `clock: false`.
 */
import { run } from '../../src/cli/main';
import type { CliContext } from '../../src/cli/context';
import { fakeClock, type FakeClock } from './fake-clock';

export { fakeClock, type FakeClock } from './fake-clock';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeContextOptions {
  env?: Record<string, string | undefined>;
  /** Default process.cwd(). */
  cwd?: string;
  /** Fixed clock for plan timestamps; default 2026-01-01T00:00:00Z. */
  now?: () => Date;
  /** Answers to confirmation prompts, in order (the context is then interactive). */
  answers?: string[];
  /** Interactive (progress on stderr) even without prompt answers. */
  interactive?: boolean;
  /** Colour on (as on a colour terminal); default off. */
  color?: boolean;
  /** Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
  /** Receives what a second Ctrl-C would print before quitting. */
  onQuit?: (report: () => string) => void;
  /** Runs while a confirmation prompt is open (e.g. another admin changes Okta meanwhile). */
  whilePrompting?: () => Promise<void>;
  /**
   * The Okta client's sleep and clock: default a fresh fake clock (waits recorded, returned at once);
   * pass one to read its `waits`, or false for real timers.
   */
  clock?: FakeClock | false;
}

/** A CLI context with captured output (`out()`, `err()`); see FakeContextOptions for the defaults. */
export interface FakeContext extends CliContext {
  out(): string;
  err(): string;
}

export function fakeContext(opts: FakeContextOptions = {}): FakeContext {
  let out = '';
  let err = '';
  const answers = opts.answers ? [...opts.answers] : undefined;
  const clock = opts.clock === false ? undefined : (opts.clock ?? fakeClock());
  return {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...(opts.env ?? {}) },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    now: opts.now ?? (() => new Date('2026-01-01T00:00:00Z')),
    interactive: answers !== undefined || opts.interactive === true,
    color: opts.color ?? false,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onQuit ? { onQuit: opts.onQuit } : {}),
    ...(answers
      ? {
          prompt: async (q: string) => {
            err += q;
            await opts.whilePrompting?.();
            return answers.shift() ?? '';
          },
        }
      : {}),
    ...(clock ? { sleep: clock.sleep, clock: clock.now } : {}),
    out: () => out,
    err: () => err,
  };
}

export async function runCli(argv: string[], opts: FakeContextOptions = {}): Promise<CliResult> {
  const ctx = fakeContext(opts);
  const code = await run(argv, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

/** Kept for callers of the earlier name. */
export type RunCliOptions = FakeContextOptions;

/** stderr without apply's per-write progress lines (`apply: [3/7] PUT …`), which it prints in CI too. */
export function besidesProgress(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('apply: ['));
}
