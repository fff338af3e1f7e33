import type { ParseArgsConfig } from 'node:util';
import type { CliContext, GlobalOptions } from './context';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** A command module: options → library call → exit code (docs/style.md §6). */
export interface Command {
  name: string;
  summary: string;
  /** Usage line and examples shown by --help. */
  usage: string;
  options: OptionSpec;
  /** Global options this command has no use for (→ why), refused rather than silently ignored. */
  withoutGlobals?: Record<string, string>;
  /** Allows positional arguments (e.g. apply PLANFILE). */
  positionals?: boolean;
  run(ctx: CliContext, global: GlobalOptions, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}
