/**
 * The CLI entry: parse global options, dispatch to a command, and map errors to exit codes. This is the
 * only place that catches errors for the user and the only place that sets the exit code (docs/style.md §3).
 */
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { CliContext, GlobalOptions } from './context';
import type { Command, OptionSpec } from './command';
import { commands } from './commands';
import { EXIT, isOktaOuError, UsageError } from '../errors';
import { formatError } from './format-error';
import { checkOptionSpellings, hoistGlobals, misplacedOption } from './argv';
import { closest } from '../config/suggest';
import { VERSION } from '../version';

const globalOptions: OptionSpec = {
  mappings: { type: 'string' },
  'org-url': { type: 'string' },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** Options whose value is a path (an empty one is a mistake, never the current directory). */
const PATH_OPTIONS = ['mappings', 'out'];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `okta-ou ${VERSION} — Okta → Active Directory provisioning (group → OU) as code`,
    '',
    'Usage: okta-ou <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options (before or after the command):',
    '  --mappings DIR   folder of desired-state YAML (default: mappings)',
    '  --org-url URL    Okta org URL (default: $OKTA_CLIENT_ORGURL)',
    '  --no-color       no colour (also NO_COLOR)',
    '  --verbose, -v    say more on stderr (requests, retries, waits)',
    '  --help, -h       help for okta-ou or a command',
    '  --version        print the version',
    '',
    'Exit codes: 0 ok · 1 error · 2 changes present (plan --detailed-exitcode) · 3 unsafe · 4 auth failed',
    '',
    'Run `okta-ou <command> --help` for a command’s options and examples.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return `${c.usage.trimEnd()}\n`;
}

/** Runs the CLI with explicit arguments and context; returns the exit code. Never calls process.exit. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { name, args } = hoistGlobals(argv, globalOptions);
  if (name === undefined && args.includes('--version')) {
    ctx.stdout.write(`okta-ou ${VERSION}\n`);
    return EXIT.OK;
  }
  if (name === undefined || name === 'help') {
    ctx.stdout.write(mainHelp());
    return name !== undefined || args.includes('--help') || args.includes('-h') ? EXIT.OK : EXIT.ERROR;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const misplaced = misplacedOption(argv, globalOptions, commands.map((c) => c.name));
    if (misplaced) {
      const e = new UsageError(`${misplaced.option} is an option of ${misplaced.command}, not a global option, so it goes after the command`, `e.g. okta-ou ${misplaced.command} ${misplaced.option} …; only --mappings, --org-url, --no-color and --verbose may come first`);
      ctx.stderr.write(formatError(e, { color: ctx.color, verbose: false }));
      return e.exitCode;
    }
    const guess = closest(name, commands.map((c) => c.name));
    const e = new UsageError(`unknown command "${name}"`, `${guess ? `did you mean ${guess}? ` : ''}one of ${commands.map((c) => c.name).join(', ')}; see okta-ou --help`);
    ctx.stderr.write(formatError(e, { color: ctx.color, verbose: false }));
    return e.exitCode;
  }
  let parsed: ReturnType<typeof parseArgs>;
  const options: OptionSpec = { ...globalOptions, ...command.options };
  const without = Object.entries(command.withoutGlobals ?? {});
  for (const [g] of without) delete options[g];
  try {
    for (const [g, why] of without) {
      if (args.some((a) => a === `--${g}` || a.startsWith(`--${g}=`))) throw new UsageError(`${command.name} does not take --${g}`, why);
    }
    checkOptionSpellings(command.name, args, options);
    parsed = parseArgs({ args, options, allowPositionals: command.positionals ?? false, strict: true });
    // An empty path would resolve to the current directory: `--out ""` wrote over it, `--mappings ""` read it all.
    for (const k of PATH_OPTIONS) {
      if (parsed.values[k] === '') throw new UsageError(`--${k} is empty`, `give --${k} a path, or leave it out (see okta-ou ${command.name} --help)`);
    }
  } catch (e) {
    const usage = e instanceof UsageError ? e : new UsageError((e as Error).message, `see okta-ou ${command.name} --help`);
    ctx.stderr.write(formatError(usage, { color: ctx.color, verbose: false }));
    return usage.exitCode;
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    ctx.stdout.write(commandHelp(command));
    return EXIT.OK;
  }
  // `okta-ou <command> --version` prints the version, as --help prints help, and runs nothing.
  if (values.version) {
    ctx.stdout.write(`okta-ou ${VERSION}\n`);
    return EXIT.OK;
  }
  // https://no-color.org: any non-empty NO_COLOR turns colour off, whatever the terminal.
  const noColorEnv = ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '';
  const color = ctx.color && !values['no-color'] && !noColorEnv;
  const cmdCtx: CliContext = { ...ctx, color };
  const global: GlobalOptions = {
    mappings: path.resolve(ctx.cwd, (values.mappings as string | undefined) ?? 'mappings'),
    mappingsGiven: values.mappings !== undefined,
    orgUrl: values['org-url'] as string | undefined,
    verbose: Boolean(values.verbose),
    color,
  };
  try {
    return await command.run(cmdCtx, global, values, parsed.positionals);
  } catch (e) {
    cmdCtx.stderr.write(formatError(e, { color, verbose: global.verbose }));
    return isOktaOuError(e) ? e.exitCode : EXIT.ERROR;
  }
}

/**
 * Ends process.stdout and closes file descriptor 1: ending the stream alone leaves the descriptor open
 * (Node never closes stdio), so a shell reading `$(okta-ou sandbox &)` would wait for the server to stop.
 * /dev/null is opened straight after, taking the lowest free descriptor, 1, so no socket the server
 * accepts later can land on it. A terminal has no reader waiting for end-of-file: left alone.
 */
function endProcessStdout(): void {
  if (process.stdout.isTTY) return;
  process.stdout.on('error', () => undefined);
  process.stdout.end(() => {
    if (process.platform === 'win32') return;
    try {
      fs.closeSync(1);
      const fd = fs.openSync('/dev/null', 'w');
      if (fd !== 1) fs.closeSync(fd);
    } catch {
      // Already closed: nothing left to end.
    }
  });
}

/**
 * One line from the user. Ctrl-D (end of input) or Ctrl-C at the prompt answers "" (not "yes"), so the
 * caller cancels with exit 1; without this the prompt's end left nothing pending and the process exited 0.
 */
export function ask(question: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<string> {
  return new Promise<string>((resolve) => {
    const rl = readline.createInterface({ input, output });
    let answered = false;
    const done = (a: string): void => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(a);
    };
    rl.on('close', () => done(''));
    rl.on('SIGINT', () => done(''));
    rl.question(question, done);
  });
}

/** Process entry used by bin/okta-ou.js. */
export function runMain(): void {
  const env = process.env;
  // The prompt reads stdin and asks on stderr: `okta-ou apply | tee apply.log` can still be confirmed.
  const interactive = Boolean(process.stdin.isTTY);
  const color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '');
  const controller = new AbortController();
  let quitReport: (() => string) | undefined;
  const stop = (): void => {
    // A second Ctrl-C quits at once; still exit 1, the only code docs/design.md §2 has for an interruption.
    // What was written is already on stderr (apply prints each write as it is answered).
    if (controller.signal.aborted) {
      process.stderr.write(quitReport?.() ?? '\nstopped: the requests above are all that was sent; run `okta-ou plan` to see what is left\n');
      process.exit(EXIT.ERROR);
    }
    process.stderr.write('\nstopping after the current request… (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const ctx: CliContext = {
    cwd: process.cwd(),
    env,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    interactive,
    color,
    signal: controller.signal,
    onQuit: (report) => void (quitReport = report),
    endStdout: endProcessStdout,
    prompt: interactive ? (q: string) => ask(q, process.stdin, process.stderr) : undefined,
  };
  run(process.argv.slice(2), ctx).then(
    (code) => {
      process.exitCode = code;
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    },
    (e) => {
      process.stderr.write(formatError(e, { color: false, verbose: true }));
      process.exitCode = EXIT.ERROR;
    },
  );
}
