/**
 * --max-capacity is checked in one place (resolveConnection, src/okta/config.ts), before any Okta call and
 * before the connection settings, so its message does not depend on the environment.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { json, startFakeOkta, type FakeOkta } from '../okta/support/fake-okta';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const MAPPING = `version: 1
directories:
  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    groups:
      - group: Engineering
        ou: OU=Engineering,${EMP}
`;

describe('plan --max-capacity', () => {
  let cwd: string;
  let server: FakeOkta;
  let env: Record<string, string>;
  beforeAll(async () => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-max-capacity-'));
    fs.mkdirSync(path.join(cwd, 'mappings'));
    fs.writeFileSync(path.join(cwd, 'mappings', 'corp.yaml'), MAPPING);
    server = await startFakeOkta((req, res) => json(res, 500, { errorCode: 'E0000009', errorSummary: 'not expected in this test' }));
    env = { OKTA_CLIENT_ORGURL: server.url, OKTA_CLIENT_TOKEN: '00maxCapacityTOKEN0000000000' };
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('0.5 gives one message saying it means a percentage, with no Okta call', async () => {
    const r = await runCli(['plan', '--max-capacity', '0.5'], { env, cwd });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error OKTA_CONFIG --max-capacity 0.5 is out of range\n' +
        '  hint: give the share of each rate-limit bucket okta-ou may use as a percentage from 1 to 100 (default 50); ' +
        'for 50 % write --max-capacity 50\n',
    });
    expect(server.seen).toEqual([]);
  });

  it('gives the same message without any connection settings', async () => {
    const r = await runCli(['plan', '--max-capacity', '0.5'], { env: {}, cwd });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, 'error OKTA_CONFIG --max-capacity 0.5 is out of range']);
  });

  it.each([
    ['150', 'error OKTA_CONFIG --max-capacity 150 is out of range'],
    ['0', 'error OKTA_CONFIG --max-capacity 0 is out of range'],
    ['half', 'error OKTA_CONFIG --max-capacity is not a number'],
    ['%', 'error OKTA_CONFIG --max-capacity is not a number'],
  ])('%s is refused before any Okta call: %s', async (value, first) => {
    const r = await runCli(['plan', '--max-capacity', value], { env, cwd });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, first]);
    expect(server.seen).toEqual([]);
  });
});

test.each(['plan', 'export'])('okta-ou %s --help gives the real default of --max-capacity, 50 %%', async (command) => {
  const r = await runCli([command, '--help'], { env: {} });
  expect(r.stdout.split('\n').find((l) => l.includes('--max-capacity PCT '))).toMatch(/ use at most PCT % of each Okta rate-limit bucket \(default: 50 %\)/);
});
