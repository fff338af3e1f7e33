/**
 * The scopes `okta-ou scopes` and the README (Use it in CI) tell admins to grant are enough, and no more than needed:
 * plan and apply run as an OAuth service app (private_key_jwt, DPoP) holding exactly those scopes against
 * the local Okta, which enforces each endpoint's scope; one scope fewer fails with exit 4 naming it.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { OrgSeed } from '../../src/sandbox/types';
import { commandScopes } from '../../src/okta/command-scopes';
import { runCli } from '../support/cli';
import { mappingFile, project, removeProjects, seeded, type Sandbox } from '../e2e/helpers';

const org: OrgSeed = {
  users: [
    { login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
    { login: 'bob@example.com', firstName: 'Bob', lastName: 'Smith' },
  ],
  groups: [
    { name: 'Engineering', members: ['ada@example.com', 'bob@example.com'] },
    { name: 'Sales', members: [] },
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
      updateOUOnGroupChange: true,
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: 'ou=old,ou=employees,dc=corp,dc=example,dc=com' } }],
      mapping: { properties: { department: { expression: 'user.department', pushStatus: 'PUSH' } } },
      // An individual assignment makes plan read group members too (USER_SCOPE_ASSIGNMENT).
      users: [{ user: 'bob@example.com', scope: 'USER' }],
    },
  ],
};

const files = {
  'corp.yaml': mappingFile(`  corp:
    app: corp.example.com
    importOUs: ['OU=Employees,DC=corp,DC=example,DC=com']
    groups:
      - group: Engineering
        ou: OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com
      - group: Sales
        ou: OU=Sales,OU=Employees,DC=corp,DC=example,DC=com
    attributeMappings:
      properties:
        title: user.title
`),
};

// The files list attributeMappings properties, which plan checks against the schemas (okta.schemas.read).
const WITH_MAPPINGS = { attributeMappings: true };

describe('least-privilege OAuth scopes', () => {
  let sb: Sandbox;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  function oauthEnv(clientId: string, scopes: string[]): Record<string, string> {
    sb.registerClient({ clientId, publicJwk: publicKey.export({ format: 'jwk' }), kid: 'k1', scopes, dpop: true });
    return {
      OKTA_CLIENT_ORGURL: sb.url,
      OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey',
      OKTA_CLIENT_CLIENTID: clientId,
      OKTA_CLIENT_SCOPES: scopes.join(' '),
      OKTA_CLIENT_PRIVATEKEY: pem,
      OKTA_CLIENT_KEYID: 'k1',
    };
  }

  // A fresh org per test: the first test applies, and the others must plan against the seeded org.
  beforeEach(async () => {
    sb = await seeded(org);
  });
  afterEach(async () => sb.close());
  afterAll(() => removeProjects());

  test('plan works with the plan scopes; apply works with the apply scopes', async () => {
    const cwd = project(files);
    const plan = await runCli(['plan', '--detailed-exitcode', '--verbose'], { env: oauthEnv('0oaPLAN', commandScopes('plan', WITH_MAPPINGS)), cwd });
    expect(plan.stderr).not.toContain('BEGIN PRIVATE KEY');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('USER_SCOPE_ASSIGNMENT');

    const apply = await runCli(['apply', '--auto-approve'], { env: oauthEnv('0oaAPPLY', commandScopes('apply', WITH_MAPPINGS)), cwd });
    expect(apply.code).toBe(0);
    const again = await runCli(['plan', '--detailed-exitcode'], { env: oauthEnv('0oaPLAN2', commandScopes('plan', WITH_MAPPINGS)), cwd });
    expect(again.stdout).toContain('No changes');
    expect(again.code).toBe(0);
  });

  test.each(commandScopes('plan', WITH_MAPPINGS))('plan without %s fails with exit 4 and names the scope', async (missing) => {
    const cwd = project(files);
    const scopes = commandScopes('plan', WITH_MAPPINGS).filter((s) => s !== missing);
    const res = await runCli(['plan'], { env: oauthEnv(`0oaNO${missing.replace(/\W/g, '')}`, scopes), cwd });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain(missing);
  });

  test('explain works with the explain scopes; without okta.users.read it fails with exit 4 naming it', async () => {
    const cwd = project(files);
    const ok = await runCli(['explain', 'ada@example.com', '--format', 'json'], { env: oauthEnv('0oaEXPLAIN', commandScopes('explain', WITH_MAPPINGS)), cwd });
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(ok.stdout).directories.map((d: { directory: string; now: { name: string } | null }) => [d.directory, d.now?.name])).toEqual([['corp', 'Engineering']]);
    const refused = await runCli(['explain', 'ada@example.com'], { env: oauthEnv('0oaEXPLAINPLAN', commandScopes('plan', WITH_MAPPINGS)), cwd });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('okta.users.read');
  });

  test('apply asking only for the plan scopes refuses before any write with exit 4, naming the missing ones', async () => {
    const cwd = project(files);
    const res = await runCli(['apply', '--auto-approve'], { env: oauthEnv('0oaREADONLY', commandScopes('plan', WITH_MAPPINGS)), cwd });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('error OKTA_SCOPES_MISSING the changes need the OAuth scope(s) okta.apps.manage, okta.profileMappings.manage');
    expect(sb.audit.filter((e) => e.method !== 'GET' && !e.path.startsWith('/oauth2'))).toEqual([]);
  });

  test('a scope asked for but not granted: the first write is refused (exit 4), nothing else is sent', async () => {
    // The mapping as it is live: the only write is an assignment PUT (okta.apps.manage).
    const cwd = project({ 'corp.yaml': files['corp.yaml'].replace('title: user.title', 'department: user.department') });
    const env = oauthEnv('0oaNOTGRANTED', commandScopes('plan', WITH_MAPPINGS));
    env.OKTA_CLIENT_SCOPES = commandScopes('apply', WITH_MAPPINGS).join(' ');
    const res = await runCli(['apply', '--auto-approve'], { env, cwd });
    expect(res.code).toBe(4);
    expect(res.stderr + res.stdout).toContain('okta.apps.manage');
    expect(sb.audit.filter((e) => e.method !== 'GET' && e.status < 400 && !e.path.startsWith('/oauth2'))).toEqual([]);
  });
});
