/**
 * The local Okta as people use it: the org files `sandbox --help` shows exist and load; an org file can
 * declare an OAuth service app, so `plan` can be tried with the recommended auth (with DPoP) from the CLI;
 * `--rate-limits` serves Okta's published limits; started by npx, it stops when npx ends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'undici';
import { sandboxCommand } from '../../src/cli/commands/sandbox';
import { stopWithParent } from '../../src/cli/sandbox-options';
import { startSandbox } from '../../src/sandbox';
import { fakeContext, runCli } from '../support/cli';

const ROOT = path.join(__dirname, '..', '..');
const GLOBAL = { mappings: 'mappings', verbose: false, color: false };
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-sb-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('every org file `okta-ou sandbox --help` shows exists and loads', async () => {
  const help = await runCli(['sandbox', '--help'], { cwd: ROOT });
  const files = [...help.stdout.matchAll(/--org (\S+\.ya?ml)/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const sb = await startSandbox({ org: path.join(ROOT, f) });
    try {
      expect(sb.org.findApp('corp.example.com')).toBeDefined();
    } finally {
      await sb.close();
    }
  }
});

test('an org file declares an OAuth service app (DPoP): plan runs with OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = (k: typeof privateKey, type: 'pkcs8' | 'spki'): string => String(k.export({ format: 'pem', type }));
  const example = fs.readFileSync(path.join(ROOT, 'examples', 'sandbox-org.yaml'), 'utf8');
  const orgFile = path.join(tmp, 'org.yaml');
  const indented = pem(publicKey, 'spki').trim().split('\n').map((l) => `      ${l}`).join('\n');
  fs.writeFileSync(orgFile, `${example}\nserviceApps:\n  - clientId: 0oaLocalServiceApp\n    kid: k1\n    dpop: true\n    scopes: [okta.apps.read, okta.groups.read, okta.profileMappings.read, okta.userTypes.read, okta.schemas.read]\n    publicKeyPem: |\n${indented}\n`);
  const sb = await startSandbox({ org: orgFile });
  try {
    const cwd = path.join(tmp, 'project');
    fs.mkdirSync(path.join(cwd, 'mappings'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'mappings', 'corp.yaml'), path.join(cwd, 'mappings', 'corp.yaml'));
    const r = await runCli(['plan', '--format', 'json'], {
      cwd,
      clock: false,
      env: {
        OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey', OKTA_CLIENT_CLIENTID: '0oaLocalServiceApp',
        OKTA_CLIENT_KEYID: 'k1', OKTA_CLIENT_PRIVATEKEY: pem(privateKey, 'pkcs8'),
        OKTA_CLIENT_SCOPES: 'okta.apps.read okta.groups.read okta.profileMappings.read okta.userTypes.read okta.schemas.read',
      },
    });
    expect(r.stderr).not.toMatch(/OKTA_AUTH|invalid_client/);
    expect(JSON.parse(r.stdout).directories.map((d: { name: string }) => d.name)).toEqual(['corp']);
    expect(sb.audit.filter((e) => e.path.startsWith('/api/')).every((e) => e.status < 400)).toBe(true);
  } finally {
    await sb.close();
  }
});

test('--rate-limits workforce serves Okta\'s published limits; an unknown profile is a usage error', async () => {
  const abort = new AbortController();
  const ctx = fakeContext({ cwd: ROOT, signal: abort.signal });
  const running = sandboxCommand.run(ctx, GLOBAL, { port: '0', 'rate-limits': 'workforce' }, []);
  // Bounded (a hang, not a speed check): 10 s.
  for (let i = 0; i < 2000 && !ctx.out().includes('OKTA_CLIENT_TOKEN'); i++) await new Promise((r) => setTimeout(r, 5));
  const [, url, token] = /OKTA_CLIENT_ORGURL=(\S+)\nexport OKTA_CLIENT_TOKEN=(\S+)/.exec(ctx.out()) ?? [];
  const res = await request(`${url}/api/v1/apps`, { headers: { authorization: `SSWS ${token}` } });
  await res.body.text();
  expect([res.headers['x-rate-limit-limit'], (await request(`${url}/api/v1/groups`, { headers: { authorization: `SSWS ${token}` } })).headers['x-rate-limit-limit']]).toEqual(['100', '500']);
  abort.abort();
  expect(await running).toBe(0);
  const bad = await runCli(['sandbox', '--rate-limits', 'enterprise'], { cwd: ROOT });
  expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([1, 'error USAGE unknown --rate-limits "enterprise"']);
});

describe('stopWithParent', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('under npx (npm_command=exec): stops once the parent process is gone', () => {
    let ppid = 100;
    const stop = jest.fn();
    const unwatch = stopWithParent({ npm_command: 'exec' }, stop, { ppid: () => ppid, behindShell: () => undefined, alive: () => true }, 1000);
    jest.advanceTimersByTime(3000);
    expect(stop).not.toHaveBeenCalled();
    ppid = 1;
    jest.advanceTimersByTime(1000);
    expect(stop).toHaveBeenCalledTimes(1);
    unwatch();
  });

  test('under npx through `sh -c`: stops once npm behind the shell is gone, although the shell lives on', () => {
    const alive = new Set([100, 200]);
    const stop = jest.fn();
    const unwatch = stopWithParent({ npm_command: 'exec' }, stop, { ppid: () => 100, behindShell: (pid) => (pid === 100 ? 200 : undefined), alive: (pid) => alive.has(pid) }, 1000);
    jest.advanceTimersByTime(3000);
    expect(stop).not.toHaveBeenCalled();
    alive.delete(200);
    jest.advanceTimersByTime(5000);
    expect(stop).toHaveBeenCalledTimes(1);
    unwatch();
  });

  test('started from a shell: never watches', () => {
    let ppid = 100;
    const stop = jest.fn();
    stopWithParent({}, stop, { ppid: () => ppid, behindShell: () => undefined, alive: () => true }, 1000);
    ppid = 1;
    jest.advanceTimersByTime(5000);
    expect(stop).not.toHaveBeenCalled();
  });
});
