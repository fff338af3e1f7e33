/**
 * The command line as people type it, before node:util's parseArgs sees it (pure):
 * - global options may come before the command (`okta-ou --mappings m plan`), as after it;
 * - Terraform's single-dash spellings (`-out`, `-auto-approve`, `-detailed-exitcode`) are refused with
 *   "did you mean --out?" instead of being read as short flags (`-out` would be `-o ut`);
 * - an unknown option gets the closest one the command takes.
 * Only `-h` and `-v` are short options (the main help documents them).
 */
import type { OptionSpec } from './command';
import { UsageError } from '../errors';
import { closest } from '../config/suggest';

/** `format` of `--format=json` or `--format`. */
const optionName = (arg: string): string => arg.slice(2).split('=')[0];

/**
 * A command's own option typed before the command (`okta-ou --format json plan`), whose value would be
 * read as the command name ("unknown command json"): the first such `--option`, and the command it
 * belongs after.
 */
export function misplacedOption(argv: readonly string[], globals: OptionSpec, commandNames: readonly string[]): { option: string; command: string } | undefined {
  const at = argv.findIndex((a) => commandNames.includes(a));
  if (at < 0) return undefined;
  const option = argv.slice(0, at).find((a) => a.startsWith('--') && a !== '--' && !Object.hasOwn(globals, optionName(a)));
  return option === undefined ? undefined : { option: `--${optionName(option)}`, command: argv[at] };
}

/** Splits off the command name, moving global options given before it (and their values) after it. */
export function hoistGlobals(argv: readonly string[], globals: OptionSpec): { name: string | undefined; args: string[] } {
  const before: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '-' && argv[i] !== '--') {
    const arg = argv[i++];
    before.push(arg);
    const key = arg.startsWith('--') ? optionName(arg) : undefined;
    const spec = key === undefined ? undefined : globals[key];
    if (spec?.type === 'string' && !arg.includes('=') && i < argv.length) before.push(argv[i++]);
  }
  return { name: argv[i], args: [...before, ...argv.slice(i + 1)] };
}

/**
 * Refuses, with the likely intended spelling, any option `options` does not know: single-dash words and
 * unknown `--names`. Values of string options and everything after `--` are left alone.
 */
export function checkOptionSpellings(command: string, args: readonly string[], options: OptionSpec): void {
  const names = Object.keys(options);
  const hint = (wanted: string | undefined): string =>
    wanted ? `did you mean --${wanted}? (see okta-ou ${command} --help)` : `see okta-ou ${command} --help for its options`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return;
    if (arg.startsWith('--')) {
      const name = optionName(arg);
      const spec = options[name];
      if (spec === undefined) throw new UsageError(`unknown option --${name} for ${command}`, hint(closest(name, names)));
      if (spec.type === 'string' && !arg.includes('=')) i++;
    } else if (arg.startsWith('-') && arg !== '-') {
      if (arg.length > 2) {
        const name = arg.slice(1).split('=')[0];
        const value = arg.includes('=') ? arg.slice(arg.indexOf('=')) : '';
        if (Object.hasOwn(options, name)) throw new UsageError(`unknown option ${arg} (one dash) for ${command}`, `did you mean --${name}${value}? okta-ou's options take two dashes`);
        throw new UsageError(`unknown option ${arg} for ${command}`, hint(closest(name, names)));
      }
      const spec = Object.values(options).find((o) => o.short === arg[1]);
      if (!spec) throw new UsageError(`unknown option ${arg} for ${command}`, hint(undefined));
      if (spec.type === 'string') i++;
    }
  }
}
