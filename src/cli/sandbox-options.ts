/**
 * Options of the commands that start the local Okta (`sandbox`, `demo`): `--rate-limits PROFILE` sets
 * Okta's last published org limits, and under `npx` the server stops with the process that started it.
 */
import { UsageError } from '../errors';
import { PUBLISHED_RATE_LIMITS } from '../sandbox/rate-limits';
import { behindShell, isAlive } from './parent-process';

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
 * `npx okta-ou sandbox` runs okta-ou under npm, usually through a shell (`sh -c`): killing the npx
 * process leaves okta-ou running with nobody to stop it. Started that way (npm sets npm_command=exec),
 * it stops when its parent ends or, when that parent is a shell, when the process behind the shell (npm)
 * ends. Started from a shell directly, it keeps serving until it is stopped itself.
 */
export interface ParentProbe {
  ppid: () => number;
  /** The process behind `pid` when `pid` is a shell; undefined otherwise. */
  behindShell: (pid: number) => number | undefined;
  alive: (pid: number) => boolean;
}

const processProbe: ParentProbe = { ppid: () => process.ppid, behindShell, alive: isAlive };

export function stopWithParent(env: Record<string, string | undefined>, stop: () => void, probe: ParentProbe = processProbe, everyMs = 1000): () => void {
  if (env.npm_command !== 'exec') return () => undefined;
  const parent = probe.ppid();
  const npm = probe.behindShell(parent);
  const timer = setInterval(() => {
    if (probe.ppid() !== parent || (npm !== undefined && !probe.alive(npm))) {
      clearInterval(timer);
      stop();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
