/**
 * Runs the okta-ou CLI in-process (STYLE.md §6: commands take cwd, env, streams and clock from their
 * caller), capturing stdout and stderr. The environment is exactly `env`: ambient OKTA_CLIENT_* variables
 * never leak into a test.
 */
import { run } from '../../src/cli/main';
import type { CliContext } from '../../src/cli/context';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Fixed clock; default 2026-01-01T00:00:00Z. */
  now?: () => Date;
  /** Answers to confirmation prompts, in order (the context is then interactive). */
  answers?: string[];
}

export async function runCli(argv: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const answers = opts.answers ? [...opts.answers] : undefined;
  const ctx: CliContext = {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...(opts.env ?? {}) },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: opts.now ?? (() => new Date('2026-01-01T00:00:00Z')),
    interactive: answers !== undefined,
    color: false,
    prompt: answers ? async (q: string) => ((stderr += q), answers.shift() ?? '') : undefined,
  };
  const code = await run(argv, ctx);
  return { code, stdout, stderr };
}
