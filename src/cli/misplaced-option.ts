/**
 * A command's own option typed before the command (`okta-ou --format json plan`): the option's value
 * would be read as the command name ("unknown command json"). Pure.
 */
import type { OptionSpec } from './command';

/** The first `--option` before the command that is not a global one, and the command it belongs after. */
export function misplacedOption(argv: readonly string[], globals: OptionSpec, commandNames: readonly string[]): { option: string; command: string } | undefined {
  const at = argv.findIndex((a) => commandNames.includes(a));
  if (at < 0) return undefined;
  const option = argv.slice(0, at).find((a) => a.startsWith('--') && a !== '--' && !Object.hasOwn(globals, a.slice(2).split('=')[0]));
  return option === undefined ? undefined : { option: option.split('=')[0], command: argv[at] };
}
