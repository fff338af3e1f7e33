/**
 * Typed errors. Match on `code`, not `instanceof`. Only src/cli/main.ts catches and maps `exitCode`
 * (docs/design.md §2: 1 error, 3 unsafe, 4 auth). Messages say what, where, and what to do; never a secret.
 */
import type { Finding } from './model/types';

/** Process exit codes, the only ones okta-ou uses (docs/design.md §2). An interruption is an error (1). */
export const EXIT = { OK: 0, ERROR: 1, CHANGES: 2, UNSAFE: 3, AUTH: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class OktaOuError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly hint?: string;
  constructor(code: string, message: string, opts: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = opts.exitCode ?? EXIT.ERROR;
    this.hint = opts.hint;
  }
}

/** Bad command-line usage (unknown flag, missing argument). */
export class UsageError extends OktaOuError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, { exitCode: EXIT.ERROR, hint });
  }
}

/** The desired state has error-level findings; they are carried so the CLI can print them. */
export class DesiredStateError extends OktaOuError {
  readonly findings: Finding[];
  constructor(message: string, findings: Finding[]) {
    super('DESIRED_STATE', message, { exitCode: EXIT.ERROR });
    this.findings = findings;
  }
}

export class UnsafePlanError extends OktaOuError {
  constructor(message: string, hint = 'review the plan, then re-run with --force if the change is intended') {
    super('UNSAFE_PLAN', message, { exitCode: EXIT.UNSAFE, hint });
  }
}

export class StalePlanError extends OktaOuError {
  constructor(message: string, hint = 'run `okta-ou plan` again, review it, and apply the new plan') {
    super('STALE_PLAN', message, { exitCode: EXIT.ERROR, hint });
  }
}

/** A bug in okta-ou, not in the user's input. */
export class InternalError extends OktaOuError {
  constructor(message: string, cause?: unknown) {
    super('INTERNAL', `internal error (this is a bug in okta-ou): ${message}`, {
      exitCode: EXIT.ERROR,
      hint: 'please report it with the command you ran and the output of --verbose (tokens are never printed)',
      cause,
    });
  }
}

export function isOktaOuError(e: unknown): e is OktaOuError {
  return typeof e === 'object' && e !== null && typeof (e as OktaOuError).code === 'string' && typeof (e as OktaOuError).exitCode === 'number';
}
