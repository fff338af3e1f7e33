/**
 * What a command gets from its caller, so tests can run commands in-process (docs/style.md §6):
 * working directory, environment, output streams, clock, and whether a person is at a terminal.
 */
export interface Writable {
  write(chunk: string): unknown;
}

export interface CliContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Writable;
  stderr: Writable;
  now: () => Date;
  /** True when stdin and stdout are a terminal (prompts, progress). */
  interactive: boolean;
  /** Colour on/off, decided once from --no-color, NO_COLOR and TTY. */
  color: boolean;
  /** Reads one line from the user (confirmation prompts); undefined when there is no terminal. */
  prompt?: (question: string) => Promise<string>;
  /** Aborted on SIGINT/SIGTERM so long operations can stop between requests. */
  signal?: AbortSignal;
  /** Registers what to print if the user interrupts a second time (the process then exits at once). */
  onQuit?: (report: () => string) => void;
  /**
   * Waits of the Okta client (rate-limit resets, retry back-off); default a real timer. Tests pass one
   * that records the wait and returns at once, moving `clock` on by it.
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Milliseconds since the epoch for the Okta client's timing (rate-limit windows, retry deadlines);
   * default Date.now. Separate from `now`, which stamps plans and stays fixed in tests.
   */
  clock?: () => number;
  /**
   * Closes stdout for good, so a reader waiting for end-of-file (a shell's `$(okta-ou sandbox &)`) gets
   * it while the command keeps running. Absent in tests and embeddings: there is nothing to close.
   */
  endStdout?: () => void;
}

/** Options every command accepts (docs/design.md §2). */
export interface GlobalOptions {
  mappings: string;
  /** True when --mappings was given (a saved plan's own folder is used otherwise). */
  mappingsGiven?: boolean;
  orgUrl?: string;
  verbose: boolean;
  color: boolean;
}
