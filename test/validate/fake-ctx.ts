import type { CliContext } from '../../src/cli/context';

/** An in-process CLI context: captured output, no TTY, fixed clock, empty environment. */
export function fakeCtx(cwd: string, opts: { color?: boolean; env?: Record<string, string> } = {}): CliContext & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: opts.env ?? {},
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    now: () => new Date('2026-01-01T00:00:00Z'),
    interactive: false,
    color: opts.color ?? false,
    out: () => out,
    err: () => err,
  };
}
