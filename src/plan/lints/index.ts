import type { Finding } from '../../model/types';
import type { Lint, LintContext } from './types';
import { staticLints } from './static';
import { liveLints } from './live';

export const lints: Lint[] = [...staticLints, ...liveLints];

/** Runs every lint that the context can feed: static ones always, live ones when `ctx.live` is given. */
export function runLints(ctx: LintContext): Finding[] {
  return lints.filter((l) => l.needs === 'desired' || ctx.live !== undefined).flatMap((l) => l.check(ctx));
}
