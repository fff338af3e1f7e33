import chalk from 'chalk';
import { isOktaOuError } from '../errors';
import { terminalSafe } from '../render/terminal-safe';

/** One error, compiler style, with the fix on the next line. Unknown errors are reported as bugs. */
export function formatError(e: unknown, opts: { color: boolean; verbose: boolean }): string {
  const c = new chalk.Instance({ level: opts.color ? 1 : 0 });
  // Messages may quote Okta data (group names, labels), and so may an unexpected error's message and
  // stack: never let it drive the terminal. Lines are kept: some messages list what moved, one item per
  // line, and a stack is one frame per line.
  const safe = (t: string): string => t.split('\n').map(terminalSafe).join('\n');
  if (isOktaOuError(e)) {
    let out = `${c.red('error')} ${e.code} ${safe(e.message)}\n`;
    if (e.hint) out += `  hint: ${safe(e.hint)}\n`;
    return out;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  let out = `${c.red('error')} INTERNAL unexpected error (this is a bug in okta-ou): ${safe(err.message)}\n`;
  out += '  hint: please report it with the command you ran; re-run with --verbose for the stack\n';
  if (opts.verbose && err.stack) out += `${safe(err.stack)}\n`;
  return out;
}
