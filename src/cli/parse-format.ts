import { UsageError } from '../errors';

/**
 * The `--format` value (the first allowed one when absent), or a USAGE error naming the choices, worded
 * the same for every command.
 */
export function parseFormat<F extends string>(value: unknown, allowed: readonly [F, ...F[]]): F {
  if (value === undefined) return allowed[0];
  const format = String(value);
  if ((allowed as readonly string[]).includes(format)) return format as F;
  const choices = allowed.length === 2 ? allowed.join(' or ') : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new UsageError(`unknown format "${format}"`, `use --format ${choices}`);
}
