import { request } from 'undici';
import { sandboxCommand } from '../../src/cli/commands/sandbox';
import type { CliContext } from '../../src/cli/context';

test('okta-ou sandbox prints the two export lines on stdout, logs on stderr, serves until aborted', async () => {
  let out = '';
  let err = '';
  const abort = new AbortController();
  const ctx: CliContext = {
    cwd: process.cwd(), env: {}, now: () => new Date(), interactive: false, color: false, signal: abort.signal,
    stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) },
  };
  const running = sandboxCommand.run(ctx, { mappings: 'mappings', verbose: true, color: false }, { port: '0' }, []);
  while (!out.includes('OKTA_CLIENT_TOKEN')) await new Promise((r) => setTimeout(r, 10));
  const m = /^export OKTA_CLIENT_ORGURL=(http:\/\/127\.0\.0\.1:\d+)\nexport OKTA_CLIENT_TOKEN=(\S+)\n$/.exec(out);
  expect(m).not.toBeNull();
  const res = await request(`${m![1]}/api/v1/apps?filter=${encodeURIComponent('name eq "active_directory"')}`, { headers: { authorization: `SSWS ${m![2]}` } });
  const apps = (await res.body.json()) as Array<{ label: string }>;
  expect(apps.map((a) => a.label)).toEqual(['corp.example.com', 'emea.example.com']);
  abort.abort();
  expect(await running).toBe(0);
  expect(err).toContain('serving the demo org');
  expect(err).toMatch(/GET \/api\/v1\/apps 200/);
  expect(err).not.toContain(m![2]);
});

test('okta-ou sandbox --org with a missing file fails with a clear error', async () => {
  const ctx = { cwd: process.cwd(), env: {}, now: () => new Date(), interactive: false, color: false, stdout: { write: () => 0 }, stderr: { write: () => 0 } } as CliContext;
  await expect(sandboxCommand.run(ctx, { mappings: 'm', verbose: false, color: false }, { org: 'no/such/org.yaml' }, [])).rejects.toMatchObject({ code: 'SANDBOX_ORG' });
});
