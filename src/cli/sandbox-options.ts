/**
 * Options of the commands that start the local Okta (`sandbox`, `demo`): `--rate-limits PROFILE` sets
 * Okta's last published org limits, and under `npx` the server stops with the process that started it.
 */
import { UsageError } from '../errors';
import { PUBLISHED_RATE_LIMITS } from '../sandbox/rate-limits';

export const RATE_LIMITS_HELP = `--rate-limits P  Okta's published per-minute limits for an org of kind P: ${Object.keys(PUBLISHED_RATE_LIMITS).join(' or ')}
                   (default: generous limits, so nothing waits)`;

/** `--rate-limits` as startSandbox options; none when not given. */
export function rateLimitsOption(value: unknown): { rateLimits?: Record<string, number>; concurrencyLimit?: number } {
  if (value === undefined) return {};
  const profile = Object.hasOwn(PUBLISHED_RATE_LIMITS, String(value)) ? PUBLISHED_RATE_LIMITS[String(value)] : undefined;
  if (!profile) throw new UsageError(`unknown --rate-limits "${String(value)}"`, `use ${Object.keys(PUBLISHED_RATE_LIMITS).join(' or ')} (Okta's last published org limits; docs/okta-api.md §8)`);
  return { rateLimits: profile.limits, concurrencyLimit: profile.concurrency };
}

/**
 * `npx okta-ou sandbox` runs okta-ou under a shell under npm: killing the npx process leaves okta-ou
 * running with its parent gone. Started that way (npm sets npm_command=exec), it stops when its parent
 * ends. Started from a shell directly, it keeps serving until it is stopped itself.
 */
export function stopWithParent(env: Record<string, string | undefined>, stop: () => void, ppid: () => number = () => process.ppid, everyMs = 1000): () => void {
  if (env.npm_command !== 'exec') return () => undefined;
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() !== parent) stop();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
