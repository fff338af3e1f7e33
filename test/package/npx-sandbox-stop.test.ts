/**
 * `npx okta-ou sandbox` from a project that installed the packed tarball: npx (npm exec) runs okta-ou as
 * its child, so killing npx, even with SIGKILL, which npm cannot forward, must not leave the local Okta
 * serving with nobody to stop it. Every wait is bounded by an event (output seen, a pipe closed), never
 * by a duration that the test asserts on.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { installOffline, packTarball, userEnv, writeProject } from './offline-project';

let tmp: string;
let proj: string;

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-npx-')));
  proj = path.join(tmp, 'mappings-repo');
  fs.mkdirSync(proj, { recursive: true });
  writeProject(proj, (await packTarball(tmp)).tarball);
  await installOffline(proj);
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Resolves with the export lines once printed; rejects if npx ends first. */
function exportLines(npx: ChildProcessByStdio<null, Readable, Readable>): Promise<Record<string, string>> {
  let out = '';
  npx.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    npx.stdout.on('data', (s: string) => {
      out += s;
      if (/OKTA_CLIENT_TOKEN=\S+\n/.test(out)) resolve(Object.fromEntries([...out.matchAll(/^export (OKTA_CLIENT_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]])));
    });
    npx.on('exit', (code, signal) => reject(new Error(`npx okta-ou sandbox ended (${code ?? signal}) before printing its export lines; stdout: ${out}`)));
  });
}

/** Waits for `p`, failing with `why()` if it has not settled within `ms` (a bound, not a measurement). */
async function bounded<T>(p: Promise<T>, ms: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(why())), ms)));
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a TCP connection to the port is accepted (true) or refused (false). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? resolve(false) : reject(e)));
  });
}

test.each(['SIGKILL', 'SIGTERM'] as const)('killing the npx process with %s stops the local Okta it started: the port stops answering', async (signal) => {
  // Its own process group, so that whatever the test leaves running can be ended with it.
  const npx = spawn('npx', ['--no', '--', 'okta-ou', 'sandbox'], { cwd: proj, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let err = '';
  npx.stderr.setEncoding('utf8');
  npx.stderr.on('data', (s: string) => (err += s));
  // stderr is shared by npx and okta-ou: it closes once every process holding it has ended.
  const stderrClosed = new Promise<void>((resolve) => npx.stderr.on('close', () => resolve()));
  let port = 0;
  try {
    const vars = await exportLines(npx);
    port = Number(new URL(vars.OKTA_CLIENT_ORGURL).port);
    const res = await fetch(`${vars.OKTA_CLIENT_ORGURL}/api/v1/apps?limit=1`, { headers: { authorization: `SSWS ${vars.OKTA_CLIENT_TOKEN}`, accept: 'application/json' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();

    expect(npx.kill(signal)).toBe(true);
    // Bounded by the test's timeout: okta-ou notices its parent is gone (or gets the forwarded signal),
    // closes the server and exits, which closes the last end of the stderr pipe.
    await bounded(stderrClosed, 20_000, () => `okta-ou sandbox still runs after npx was killed with ${signal}; its stderr: ${err}`);
    expect(await answers(port)).toBe(false);
    expect(err).toContain('okta-ou sandbox: stopped\n');
    expect(err).not.toContain(vars.OKTA_CLIENT_TOKEN);
  } finally {
    try {
      process.kill(-(npx.pid as number), 'SIGKILL');
    } catch {
      // The group is gone: nothing left running.
    }
  }
}, 30_000);
