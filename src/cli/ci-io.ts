/**
 * Reading what an `okta-ou ci …` step is handed: files an earlier step wrote (a missing one is "not
 * there", not an error), exit codes and pull-request numbers as flags, and the GitHub Actions run.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CliContext } from './context';
import { OktaOuError, UsageError } from '../errors';
import { escapeData, escapeProperty } from '../render/github-annotations';

/** The file's text; undefined when no file is named (an empty value: a step that did not run) or it is not there. */
export async function readOptional(ctx: CliContext, file: string | undefined): Promise<string | undefined> {
  if (file === undefined || file === '') return undefined;
  try {
    return await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OktaOuError('CI_INPUT_UNREADABLE', `cannot read ${file}: ${(e as Error).message}`, {
      hint: 'check the path and its permissions: it is the file an earlier workflow step wrote (okta-ou plan --out, gh … > FILE)',
    });
  }
}

export function exitCodeOf(value: unknown, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) throw new UsageError('--exit-code is required', 'pass the exit code of `okta-ou plan --detailed-exitcode`');
    return undefined;
  }
  const s = String(value);
  if (!/^\d{1,3}$/.test(s))
    throw new UsageError(`--exit-code must be a number, got "${s}"`, 'pass the exit code of `okta-ou plan --detailed-exitcode` (0 to 4), e.g. --exit-code "$?" right after it');
  return Number(s);
}

/** `--pr N`; empty (no pull request found, e.g. `gh … --jq` printed nothing) is none. */
export function prNumberOf(value: unknown): number | undefined {
  if (value === undefined || String(value).trim() === '') return undefined;
  const s = String(value).trim();
  if (!/^[1-9]\d{0,9}$/.test(s)) throw new UsageError(`--pr must be a pull request number, got "${s}"`, 'pass the number of the merged pull request, or nothing when there is none');
  return Number(s);
}

/** On GitHub Actions, also raise an error annotation so the failure is visible on the run page. */
export function annotate(ctx: CliContext, title: string, message: string): void {
  if (ctx.env.GITHUB_ACTIONS === 'true') ctx.stderr.write(`::error title=${escapeProperty(title)}::${escapeData(message)}\n`);
}

export function runUrlFromEnv(ctx: CliContext): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = ctx.env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

/** `--org NAME`: letters, digits, `.`, `_`, `-` (it goes into a hidden HTML comment). */
export function orgOf(value: unknown): string | undefined {
  if (value === undefined || String(value) === '') return undefined;
  const s = String(value);
  if (!/^[A-Za-z0-9._-]+$/.test(s)) throw new UsageError(`--org must be letters, digits, ".", "_" or "-", got "${s}"`, 'use the short name of the Okta org, e.g. --org production');
  return s;
}
