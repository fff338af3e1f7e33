/**
 * The CLI as people run it, end to end: a pasted `SSWS …` token works, a local Okta that is not running is
 * named at once, the sandbox's port in use is a usage error, and a plan an error kept incomplete does not
 * claim "No changes. Okta matches the mappings."
 */
import * as net from 'node:net';
import { project, runAgainst, useSandbox } from '../support/sandbox';
import { runCli } from '../support/cli';

const sb = useSandbox();

test('OKTA_CLIENT_TOKEN may carry the "SSWS " scheme, as copied from a header', async () => {
  const cwd = project();
  const plain = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
  const prefixed = await runAgainst(sb, cwd, ['plan', '--format', 'json'], { env: { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: `SSWS ${sb.token}` } });
  expect(prefixed.code).toBe(plain.code);
  expect(JSON.parse(prefixed.stdout).changes).toEqual(JSON.parse(plain.stdout).changes);
  expect(sb.audit.every((e) => e.status !== 401)).toBe(true);
});

test('a local Okta that is not running: one attempt, then "nothing is listening … is the local Okta running?"', async () => {
  // A port that was free a moment ago and is closed now.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const r = await runCli(['plan'], { cwd: project(), env: { OKTA_CLIENT_ORGURL: `http://127.0.0.1:${port}`, OKTA_CLIENT_TOKEN: 'x'.repeat(40) } });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    `error OKTA_NETWORK GET /api/v1/apps: nothing is listening on 127.0.0.1:${port} (connection refused)\n` +
      `  hint: is the local Okta running? Start it with \`okta-ou sandbox --port ${port}\` and load the two export lines it prints, or set OKTA_CLIENT_ORGURL to where it listens\n`,
  );
});

test('okta-ou sandbox on a port in use is a usage error (exit 1), not INTERNAL', async () => {
  const port = Number(new URL(sb.url).port);
  const r = await runCli(['sandbox', '--port', String(port)], { cwd: project(), env: {} });
  expect(r).toEqual({
    code: 1,
    stdout: '',
    stderr: `error USAGE port ${port} on 127.0.0.1 is already in use\n  hint: choose another --port, or leave --port out to get a free one (the export lines say which)\n`,
  });
});

test('an app that is not found: the plan says it is incomplete instead of "No changes. Okta matches the mappings."', async () => {
  const cwd = project({
    'corp.yaml': 'version: 1\ndirectories:\n  corp:\n    app: corp.exmaple.com\n    importOUs: ["OU=Employees,DC=corp,DC=example,DC=com"]\n',
  });
  const r = await runAgainst(sb, cwd, ['plan', '--no-color']);
  expect(r.code).toBe(1);
  expect(r.stdout).not.toContain('Okta matches the mappings');
  expect(r.stdout.trimEnd().split('\n').pop()).toBe('No changes found, but the plan is incomplete: 1 error, 0 warnings. Fix the errors and plan again.');
  const md = await runAgainst(sb, cwd, ['plan', '--format', 'markdown']);
  expect(md.stdout).toContain('**No changes found, but the plan is incomplete: 1 error, 0 warnings. Fix the errors and plan again.**');
});
