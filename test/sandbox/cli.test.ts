import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { sandboxCommand } from '../../src/cli/commands/sandbox';
import { fakeContext, runCli, type FakeContext } from '../support/cli';

const ROOT = join(__dirname, '..', '..');
const GLOBAL = { mappings: 'mappings', verbose: true, color: false };

/**
 * Resolves when `text` is on the command's stdout. Rejects, instead of polling for ever, when the command
 * ends (or throws) first, or after a generous bound (a hang, not a speed check).
 */
function stdoutShows(ctx: FakeContext, running: Promise<number>, text: string, boundMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearInterval(poll);
      clearTimeout(bound);
    };
    const poll = setInterval(() => {
      if (!ctx.out().includes(text)) return;
      stop();
      resolve();
    }, 5);
    const bound = setTimeout(() => {
      stop();
      reject(new Error(`no "${text}" on stdout after ${boundMs} ms; stdout: ${ctx.out()}; stderr: ${ctx.err()}`));
    }, boundMs);
    running.then(
      (code) => {
        stop();
        reject(new Error(`the command ended (exit ${code}) before printing "${text}"; stderr: ${ctx.err()}`));
      },
      (e: unknown) => {
        stop();
        reject(e as Error);
      },
    );
  });
}

test('okta-ou sandbox prints the two export lines on stdout, logs on stderr, serves until aborted', async () => {
  const abort = new AbortController();
  const ctx = fakeContext({ cwd: ROOT, signal: abort.signal });
  const running = sandboxCommand.run(ctx, GLOBAL, { port: '0' }, []);
  await stdoutShows(ctx, running, 'OKTA_CLIENT_TOKEN');
  const m = /^export OKTA_CLIENT_ORGURL=(http:\/\/127\.0\.0\.1:\d+)\nexport OKTA_CLIENT_TOKEN=(\S+)\n$/.exec(ctx.out());
  expect(m).not.toBeNull();
  const res = await request(`${m![1]}/api/v1/apps?filter=${encodeURIComponent('name eq "active_directory"')}`, { headers: { authorization: `SSWS ${m![2]}` } });
  const apps = (await res.body.json()) as Array<{ label: string }>;
  expect(apps.map((a) => a.label)).toEqual(['corp.example.com', 'emea.example.com']);
  abort.abort();
  expect(await running).toBe(0);
  expect(ctx.err()).toContain('serving the demo org');
  expect(ctx.err()).toMatch(/GET \/api\/v1\/apps 200/);
  expect(ctx.err()).not.toContain(m![2]);
});

test('okta-ou sandbox ends stdout right after the two export lines, so `eval "$(okta-ou sandbox &)"` returns', async () => {
  const abort = new AbortController();
  const base = fakeContext({ cwd: ROOT, signal: abort.signal });
  const endedWith: string[] = [];
  const ctx: FakeContext = { ...base, endStdout: () => void endedWith.push(base.out()) };
  const running = sandboxCommand.run(ctx, { ...GLOBAL, verbose: false }, {}, []);
  await stdoutShows(ctx, running, 'OKTA_CLIENT_TOKEN');
  expect(endedWith).toEqual([ctx.out()]);
  expect(endedWith[0]).toMatch(/^export OKTA_CLIENT_ORGURL=http:\/\/127\.0\.0\.1:\d+\nexport OKTA_CLIENT_TOKEN=\S+\n$/);
  abort.abort();
  expect(await running).toBe(0);
  expect(endedWith).toHaveLength(1);
});

test('okta-ou sandbox --org with a missing file fails with a clear error', async () => {
  const ctx = fakeContext({ cwd: ROOT });
  await expect(sandboxCommand.run(ctx, { ...GLOBAL, verbose: false }, { org: 'no/such/org.yaml' }, [])).rejects.toMatchObject({
    code: 'SANDBOX_ORG',
    exitCode: 1,
    message: expect.stringContaining(`cannot read org file ${join(ROOT, 'no', 'such', 'org.yaml')}: ENOENT`),
    hint: expect.stringContaining('check the path'),
  });
  expect(ctx.out()).toBe('');
});

test('okta-ou sandbox --org with an invalid org file: exit 1, the place and the fix on stderr, nothing served', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'okta-ou-sandbox-cli-'));
  try {
    writeFileSync(join(dir, 'org.yaml'), 'groups:\n  - name: Eng\n    type: SECURITY\n');
    const r = await runCli(['sandbox', '--org', 'org.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `error SANDBOX_ORG org file ${join(dir, 'org.yaml')} is not a valid org: groups[0].type (line 3, column 11) must be one of "OKTA_GROUP", "APP_GROUP", "BUILT_IN"\n` +
        '  hint: fix the places named; the org file format is in src/sandbox/README.md "Org file" (schema: src/sandbox/org-seed.schema.json); without --org the sandbox serves the demo org\n',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
