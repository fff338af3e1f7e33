import type { CliContext, GlobalOptions } from './context';

/** The progress log of a command: one line on stderr per call with --verbose, nothing without. */
export function verboseLog(ctx: CliContext, global: GlobalOptions): (line: string) => void {
  return global.verbose ? (line) => void ctx.stderr.write(`${line}\n`) : () => undefined;
}
