/**
 * No credential ever reaches okta-ou's output: every command (validate, plan in each format, plan --out,
 * explain, doctor, apply, export, scopes) in every auth mode (SSWS, private key, private key with DPoP), verbose, their
 * stdout, stderr and the files they write are searched for the API token, the private key (PEM lines and
 * the JWK's private member), every client assertion, DPoP proof and access token that went over the wire,
 * and the key id. Also when the local Okta's token endpoint echoes the request back in its error bodies
 * (a scope it does not grant, a key id it does not know), and when the API token is refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { project, removeProjects, runAgainst, seeded, TOKEN, type Sandbox } from '../support/sandbox';

const KEY_ID = 'kidQ7zXw4Rt9';
const CLIENT_ID = '0oaSecretsTest0000001';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PEM = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
// The demo mappings list attributeMappings properties: plan also reads the schemas.
const READ = ['okta.apps.read', 'okta.groups.read', 'okta.profileMappings.read', 'okta.userTypes.read', 'okta.schemas.read'];
const ALL = [...READ, 'okta.users.read', 'okta.apps.manage', 'okta.profileMappings.manage'];

type Mode = 'SSWS' | 'PrivateKey' | 'PrivateKey+DPoP';

afterAll(() => removeProjects());

/** Every file under `dir`, concatenated. */
function filesUnder(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

async function runAll(sb: Sandbox, env: Record<string, string>, argvs: string[][]): Promise<{ text: string; codes: number[] }> {
  const cwd = project();
  const parts: string[] = [];
  const codes: number[] = [];
  for (const argv of argvs) {
    const r = await runAgainst(sb, cwd, argv, { env });
    codes.push(r.code);
    parts.push(r.stdout, r.stderr);
  }
  parts.push(filesUnder(cwd));
  return { text: parts.join('\n'), codes };
}

function secretsIn(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

const COMMANDS = [
  ['validate', '--verbose'],
  ['plan', '--verbose'],
  ['plan', '--format', 'json', '--verbose'],
  ['plan', '--format', 'markdown', '--out', 'out/plan.json', '--verbose'],
  ['explain', 'linus.torvalds@example.com', '--verbose'],
  ['doctor', '--verbose'],
  // --force: the demo mappings take users out of the AD app, which the safety rules hold back.
  ['apply', 'out/plan.json', '--force', '--verbose'],
  ['apply', '--auto-approve', '--force', '--format', 'json', '--verbose'],
  ['export', '--out', 'exported', '--verbose'],
  ['scopes', '--for', 'apply', '--list'],
];

describe.each<Mode>(['SSWS', 'PrivateKey', 'PrivateKey+DPoP'])('%s', (mode) => {
  let sb: Sandbox;
  const seen: string[] = [];
  beforeEach(async () => {
    sb = await seeded();
    seen.length = 0;
  });
  afterEach(async () => sb.close());

  function env(opts: { granted?: string[]; keyId?: string; echo?: boolean; token?: string } = {}): Record<string, string> {
    if (mode === 'SSWS') return { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: opts.token ?? TOKEN };
    sb.registerClient({
      clientId: CLIENT_ID, publicJwk: publicKey.export({ format: 'jwk' }), kid: KEY_ID, scopes: opts.granted ?? ALL,
      dpop: mode === 'PrivateKey+DPoP', echoInErrors: opts.echo, observe: (c) => seen.push(...c),
    });
    return {
      OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey', OKTA_CLIENT_CLIENTID: CLIENT_ID,
      OKTA_CLIENT_SCOPES: ALL.join(' '), OKTA_CLIENT_PRIVATEKEY: PEM, OKTA_CLIENT_KEYID: opts.keyId ?? KEY_ID,
    };
  }

  const secrets = (): string[] => [
    TOKEN,
    ...PEM.split('\n').filter((l) => l && !l.startsWith('-----')),
    String(privateKey.export({ format: 'jwk' }).d),
    KEY_ID,
    ...seen,
  ];

  test('every command, verbose: no credential in any output or file', async () => {
    const { text, codes } = await runAll(sb, env(), COMMANDS);
    expect(codes).toEqual(COMMANDS.map(() => 0));
    if (mode !== 'SSWS') expect(seen.length).toBeGreaterThanOrEqual(mode === 'PrivateKey' ? 2 : 3);
    expect(secretsIn(text, secrets())).toEqual([]);
  });

  test('refused credentials, with the token endpoint echoing the request back: no credential in the output', async () => {
    const runs = mode === 'SSWS'
      ? [await runAll(sb, env({ token: `${TOKEN}x` }), [['plan', '--verbose'], ['apply', '--auto-approve', '--verbose']])]
      : [
          await runAll(sb, env({ granted: READ, echo: true }), [['plan', '--verbose'], ['apply', '--auto-approve', '--verbose'], ['export', '--verbose']]),
          await runAll(sb, env({ keyId: `${KEY_ID}9`, echo: true }), [['plan', '--verbose']]),
        ];
    for (const r of runs) {
      expect(r.codes.every((c) => c === 4)).toBe(true);
      expect(secretsIn(r.text, [...secrets(), `${TOKEN}x`, `${KEY_ID}9`])).toEqual([]);
    }
    if (mode !== 'SSWS') {
      // The echo really happened: the refusal's description is shown, with the credentials redacted.
      expect(runs[0].text).toContain('[request: ');
      expect(runs[0].text).toContain('[REDACTED]');
    }
  });
});
