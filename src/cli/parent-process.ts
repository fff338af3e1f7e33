/**
 * Which process started okta-ou, for `npx okta-ou sandbox`: npm runs a package's bin through `sh -c`,
 * and the shell may stay between npm and okta-ou. Killing npx with SIGKILL then leaves the shell alive
 * (only reparented), so okta-ou's own parent never changes: npm, behind the shell, is what to watch.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ksh', 'ash', 'busybox']);

/** A process's parent id and short name: /proc on Linux, `ps` elsewhere; undefined when unknown. */
function describe(pid: number): { ppid: number; name: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ")".
    const close = stat.lastIndexOf(')');
    return { name: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) };
  } catch {
    // No /proc (macOS): ask ps.
  }
  try {
    const [ppid, ...name] = execFileSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/);
    return { ppid: Number(ppid), name: (name.join(' ').split('/').pop() ?? '').replace(/^-/, '') };
  } catch {
    return undefined;
  }
}

/** The process behind the parent when the parent is a shell (npm behind `sh -c`); else undefined. */
export function behindShell(parent: number): number | undefined {
  const p = describe(parent);
  return p && SHELLS.has(p.name) && Number.isInteger(p.ppid) && p.ppid > 1 ? p.ppid : undefined;
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
