/**
 * Typed errors. Match on `code`, not `instanceof`. Only src/cli/main.ts catches and maps `exitCode`
 * (DESIGN.md §2: 1 error, 3 unsafe, 4 auth). Messages say what, where, and what to do; never a secret.
 */
import type { Finding } from './model/types';

export class OktaOuError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly hint?: string;
  constructor(code: string, message: string, opts: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = opts.exitCode ?? 1;
    this.hint = opts.hint;
  }
}

/** Bad command-line usage (unknown flag, missing argument). */
export class UsageError extends OktaOuError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, { exitCode: 1, hint });
  }
}

/** The desired state has error-level findings; they are carried so the CLI can print them. */
export class DesiredStateError extends OktaOuError {
  readonly findings: Finding[];
  constructor(message: string, findings: Finding[]) {
    super('DESIRED_STATE', message, { exitCode: 1 });
    this.findings = findings;
  }
}

export class UnsafePlanError extends OktaOuError {
  constructor(message: string, hint = 'review the plan, then re-run with --force if the change is intended') {
    super('UNSAFE_PLAN', message, { exitCode: 3, hint });
  }
}

export class StalePlanError extends OktaOuError {
  constructor(message: string, hint = 'run `okta-ou plan` again, review it, and apply the new plan') {
    super('STALE_PLAN', message, { exitCode: 1, hint });
  }
}

/** A bug in okta-ou, not in the user's input. */
export class InternalError extends OktaOuError {
  constructor(message: string, cause?: unknown) {
    super('INTERNAL', `internal error (this is a bug in okta-ou): ${message}`, {
      exitCode: 1,
      hint: 'please report it with the command you ran and the output of --verbose (tokens are never printed)',
      cause,
    });
  }
}

export function isOktaOuError(e: unknown): e is OktaOuError {
  return typeof e === 'object' && e !== null && typeof (e as OktaOuError).code === 'string' && typeof (e as OktaOuError).exitCode === 'number';
}
