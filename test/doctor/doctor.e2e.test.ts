/**
 * `okta-ou doctor` against the local Okta over real HTTP: a healthy org is all ✓ (exit 0); an app
 * missing, an AD agent down, a scope not granted, OU values in mixed case and shared priorities give ✗
 * and ! lines (exit 1); refused credentials exit 4; and doctor never writes.
 */
import type { AppSeed, OrgSeed } from '../../src/sandbox/types';
import { commandScopes } from '../../src/okta/command-scopes';
import { runCli, type CliResult } from '../support/cli';
import { serviceAppEnv } from '../support/service-app';
import { mappingFile, oktaEnv, oktaRequest, project, removeProjects, seeded, type Sandbox } from '../e2e/helpers';

const ENG_OU = 'ou=engineering,ou=employees,dc=corp,dc=example,dc=com';

function org(overrides: Pick<AppSeed, 'agents' | 'assignments'> = {}): OrgSeed {
  return {
    users: [
      { login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { login: 'bob@example.com', firstName: 'Bob', lastName: 'Smith' },
    ],
    groups: [
      { name: 'Engineering', members: ['ada@example.com'] },
      { name: 'Sales', members: ['bob@example.com'] },
      { name: 'Support', members: [] },
    ],
    apps: [
      {
        label: 'corp.example.com',
        namingContext: 'corp.example.com',
        importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
        agents: overrides.agents ?? [{ name: 'DC1-CORP' }, { name: 'DC2-CORP' }],
        assignments: overrides.assignments ?? [
          { group: 'Engineering', priority: 0, profile: { organizationalUnit: ENG_OU } },
          { group: 'Sales', priority: 1, profile: { organizationalUnit: 'ou=sales,ou=employees,dc=corp,dc=example,dc=com' } },
        ],
      },
    ],
  };
}

const corpFile = mappingFile(`  corp:
    app: corp.example.com
    importOUs: ['OU=Employees,DC=corp,DC=example,DC=com']
    groups:
      - group: Engineering
        ou: OU=Engineering, OU=Employees, DC=corp, DC=example, DC=com
      - group: Sales
        ou: OU=Sales,OU=Employees,DC=corp,DC=example,DC=com
`);

const marks = (r: CliResult): string[] => r.stdout.split('\n').filter((l) => /^[✓!✗] /.test(l));
const line = (r: CliResult, text: string): string | undefined => marks(r).find((l) => l.includes(text));

/** Every request doctor sent was a read or a token request, and it sent some. */
function expectNoWrites(sb: Sandbox): void {
  expect(sb.audit.length).toBeGreaterThan(0);
  expect(sb.audit.filter((e) => e.method !== 'GET' && e.path !== '/oauth2/v1/token').map((e) => `${e.method} ${e.path}`)).toEqual([]);
}

describe('okta-ou doctor', () => {
  let sb: Sandbox;
  afterEach(async () => sb?.close());
  afterAll(() => removeProjects());

  test('a healthy org, OAuth service app granted the apply and doctor scopes: every line ✓, exit 0, no writes', async () => {
    sb = await seeded(org());
    const env = serviceAppEnv(sb, [...commandScopes('apply'), 'okta.agentPools.read', 'okta.users.read']);
    const res = await runCli(['doctor'], { env, cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(marks(res).filter((l) => !l.startsWith('✓ '))).toEqual([]);
    expect(marks(res)).toEqual([
      `✓ connected to ${sb.url} with the OAuth service app ${env.OKTA_CLIENT_CLIENTID}`,
      `✓ the service app is granted every scope plan needs (${commandScopes('plan').join(' ')})`,
      '✓ the service app is granted the scopes apply needs too (okta.apps.manage okta.profileMappings.manage)',
      '✓ mappings: 1 directory (corp)',
      expect.stringMatching(/^✓ corp: AD app "corp\.example\.com" found \(0oa\w+, corp\.example\.com\)$/),
      '✓ corp: 2 AD agents connected (DC1-CORP, DC2-CORP)',
      '✓ corp: all 2 organizationalUnit values Okta stores are in lower case, as okta-ou writes them',
      '✓ corp: 2 of 2 groups in the files have the same OU in Okta after DN normalisation (2 spelled exactly as okta-ou writes them)',
      '✓ corp: 2 assignments on priorities 0–1 (0 first; new groups go after the last), no duplicates',
      '✓ group search is case-sensitive in this org: "eNGINEERING" does not find "Engineering"',
      expect.stringMatching(/^✓ rate-limit headroom this minute: \/api\/v1 \d+\/1200, \/api\/v1\/apps \d+\/600, \/api\/v1\/groups \d+\/500, \/oauth2\/v1\/token \d+\/600 left \(okta-ou uses at most 50 % of each\)$/),
    ]);
    expect(res.stdout).toContain('\n11 ✓, 0 !, 0 ✗\n');
    expectNoWrites(sb);
    // One token request for every scope at once (three with DPoP), then one for the reads doctor makes.
    expect(sb.audit.filter((e) => e.path === '/oauth2/v1/token').length).toBe(6);
  });

  test('SSWS: scopes do not apply; healthy org exits 0', async () => {
    sb = await seeded(org());
    const res = await runCli(['doctor'], { env: oktaEnv(sb), cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.code).toBe(0);
    expect(line(res, 'scopes do not apply')).toBe('✓ scopes do not apply to an SSWS API token: it acts with all the rights of the admin who created it');
    expect(res.stdout).not.toContain(sb.token);
    expectNoWrites(sb);
  });

  test('an app missing, an agent down, a scope not granted, mixed-case OUs and shared priorities: ✗ and ! lines, exit 1, no writes', async () => {
    sb = await seeded(
      org({
        agents: [{ name: 'DC1-CORP', operationalStatus: 'DISRUPTED', lastConnectionMinutesAgo: 90 }],
        assignments: [
          { group: 'Engineering', priority: 0, profile: { organizationalUnit: 'OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com' } },
          { group: 'Sales', priority: 1, profile: { organizationalUnit: 'ou=sales,ou=employees,dc=corp,dc=example,dc=com' } },
          { group: 'Support', priority: 1, profile: { organizationalUnit: 'ou=support,ou=employees,dc=corp,dc=example,dc=com' } },
        ],
      }),
    );
    const emeaFile = mappingFile(`  emea:
    app: emea.example.com
    importOUs: ['OU=Staff,DC=emea,DC=example,DC=com']
`);
    const granted = [...commandScopes('plan').filter((s) => s !== 'okta.groups.read'), 'okta.agentPools.read'];
    const res = await runCli(['doctor'], { env: serviceAppEnv(sb, granted), cwd: project({ 'corp.yaml': corpFile, 'emea.yaml': emeaFile }) });
    expect(res.code).toBe(1);
    expect(marks(res)).toEqual([
      expect.stringMatching(/^✓ connected to /),
      '✗ the service app is not granted okta.groups.read, which plan needs',
      '! the service app is not granted okta.apps.manage, okta.profileMappings.manage: it can plan but not apply',
      '✓ mappings: 2 directories (corp, emea)',
      expect.stringMatching(/^✓ corp: AD app "corp\.example\.com" found/),
      expect.stringMatching(/^✗ corp: no AD agent connected \(DC1-CORP DISRUPTED, last connected \d{4}-\d\d-\d\dT[\d:.]+Z\)$/),
      '! corp: 1 of 3 organizationalUnit values Okta stores are not in lower case: "OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com"',
      '✓ corp: 2 of 2 groups in the files have the same OU in Okta after DN normalisation (1 spelled exactly as okta-ou writes them)',
      '! corp: 3 assignments on priorities 0–1 (0 first; new groups go after the last); 1 priority is shared: "1: Sales, Support"',
      '✗ emea: no app "emea.example.com" in the org',
      '! group search case: not checked: the service app is not granted okta.groups.read',
      expect.stringMatching(/^✓ rate-limit headroom this minute: /),
    ]);
    expect(res.stdout).toContain('hint: grant okta.groups.read under Admin Console > Applications > Applications > the service app > Okta API Scopes');
    expect(res.stdout).toContain('hint: nothing reaches AD until one is: start the Okta AD agent service');
    expect(res.stdout).toContain('Lower case comes from a third-party guide');
    expect(res.stdout).toContain('\n5 ✓, 4 !, 3 ✗: fix the ✗ lines and run okta-ou doctor again\n');
    expectNoWrites(sb);
    // Okta refused a token for all eight scopes at once, so each was asked for alone: the four not granted
    // (okta.users.read, explain's, among them) are refused at once, the four granted take three requests
    // each (DPoP); then one token to read with.
    expect(sb.audit.filter((e) => e.path === '/oauth2/v1/token').length).toBe(1 + 4 + 4 * 3 + 3);
    expect(sb.audit.some((e) => e.path.startsWith('/api/v1/groups'))).toBe(false);
  });

  test('one agent of two down and a rate-limit bucket another client has mostly used: ! lines, exit 0', async () => {
    sb = await seeded(org({ agents: [{ name: 'DC1-CORP' }, { name: 'DC2-CORP', operationalStatus: 'INACTIVE' }] }), { rateLimits: { '/api/v1/apps': 20 } });
    for (let i = 0; i < 12; i++) expect((await oktaRequest(sb, 'GET', '/api/v1/apps')).status).toBe(200);
    sb.audit.length = 0;
    const res = await runCli(['doctor'], { env: oktaEnv(sb), cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.code).toBe(0);
    expect(line(res, 'AD agents connected')).toMatch(/^! corp: 1 of 2 AD agents connected \(DC2-CORP INACTIVE, last connected [\dT:.Z-]+\)$/);
    expect(line(res, 'rate-limit')).toMatch(/^! rate-limit headroom this minute: .*\/api\/v1\/apps [0-7]\/20.*; less than okta-ou's 50 % share is left in \/api\/v1\/apps$/);
    expectNoWrites(sb);
  });

  test('the demo org and the example mappings: the OUs that differ from the files are shown', async () => {
    sb = await seeded('demo');
    const res = await runCli(['doctor'], { env: oktaEnv(sb), cwd: project() });
    expect(res.code).toBe(0);
    expect(line(res, 'mappings:')).toBe('✓ mappings: 2 directories (corp, emea)');
    expect(line(res, 'emea: 1 of 3 groups')).toBe(
      '✓ emea: 1 of 3 groups in the files have the same OU in Okta after DN normalisation (1 spelled exactly as okta-ou writes them); ' +
        '1 differ: "EMEA Partners" (Okta: "ou=partners,dc=emea,dc=example,dc=com", files: "OU=External,OU=Partners,DC=emea,DC=example,DC=com"); 1 not assigned yet',
    );
    expectNoWrites(sb);
  });

  test('okta-ou --help lists doctor; okta-ou scopes --for doctor lists its scopes', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/\n {2}doctor +check the org before the first plan/);
    // This repository's mappings/ list attributeMappings properties (okta.schemas.read).
    expect((await runCli(['scopes', '--for', 'doctor', '--list'])).stdout).toBe(`${[...commandScopes('plan', { attributeMappings: true }), 'okta.agentPools.read'].join(' ')}\n`);
  });

  test('OKTA_CLIENT_SCOPES asking for a scope not granted is a ✗ line', async () => {
    sb = await seeded(org());
    const env = { ...serviceAppEnv(sb, [...commandScopes('plan'), 'okta.agentPools.read']), OKTA_CLIENT_SCOPES: 'okta.apps.read okta.apps.manage' };
    const res = await runCli(['doctor'], { env, cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.code).toBe(1);
    expect(line(res, 'OKTA_CLIENT_SCOPES')).toBe('✗ OKTA_CLIENT_SCOPES asks for okta.apps.manage, which the service app is not granted: every command would be refused a token');
    expect(line(res, 'AD agents connected')).toBe('✓ corp: 2 AD agents connected (DC1-CORP, DC2-CORP)');
    expectNoWrites(sb);
  });

  test('a rejected SSWS token: ✗ connection line, exit 4, nothing else read', async () => {
    sb = await seeded(org());
    const res = await runCli(['doctor'], { env: { ...oktaEnv(sb), OKTA_CLIENT_TOKEN: 'not-the-token-000000000' }, cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.code).toBe(4);
    expect(marks(res)).toEqual([expect.stringMatching(new RegExp(`^✗ cannot use ${sb.url.replace(/\./g, '\\.')}: GET /api/v1/apps → 401 E0000011`)), '✓ mappings: 1 directory (corp)']);
    expect(res.stdout).not.toContain('not-the-token');
    expect(sb.audit.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/v1/apps']);
  });

  test('an unknown OAuth client: ✗ connection line, exit 4', async () => {
    sb = await seeded(org());
    const env = { ...serviceAppEnv(sb, commandScopes('plan')), OKTA_CLIENT_CLIENTID: '0oaUNKNOWNCLIENT' };
    const res = await runCli(['doctor'], { env, cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.code).toBe(4);
    expect(line(res, 'cannot use')).toMatch(/^✗ cannot use .*invalid_client/);
    expect(res.stdout).not.toContain('PRIVATE KEY');
    expect(sb.audit.every((e) => e.path === '/oauth2/v1/token')).toBe(true);
  });

  test('--format json: the checks with sorted keys, the exit code and a summary', async () => {
    sb = await seeded(org());
    const res = await runCli(['doctor', '--format', 'json'], { env: oktaEnv(sb), cwd: project({ 'corp.yaml': corpFile }) });
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { orgUrl: string; exitCode: number; summary: Record<string, number>; checks: Array<{ check: string; status: string; directory?: string }> };
    expect(out.orgUrl).toBe(sb.url);
    expect(out.exitCode).toBe(0);
    expect(out.summary).toEqual({ fail: 0, ok: 10, warn: 0 });
    expect(out.checks.map((c) => c.check)).toEqual(['connection', 'scopes', 'mappings', 'app', 'agents', 'ou-case', 'ou-files', 'priorities', 'group-search', 'rate-limits']);
    expect(out.checks.find((c) => c.check === 'agents')).toMatchObject({ status: 'ok', directory: 'corp' });
    expectNoWrites(sb);
  });

  test('mappings with an error finding: a ! line pointing at validate', async () => {
    sb = await seeded(org());
    const res = await runCli(['doctor'], { env: oktaEnv(sb), cwd: project({ 'corp.yaml': corpFile.replace('OU=Sales,OU=Employees', 'OU=Sales,OU=Elsewhere') }) });
    expect(res.code).toBe(0);
    expect(line(res, 'mappings:')).toBe('! mappings: 1 directory (corp), with 1 error finding (okta-ou validate shows them)');
  });

  test('mappings that cannot be read: a ✗ line, the org checks still run', async () => {
    sb = await seeded(org());
    const res = await runCli(['doctor'], { env: oktaEnv(sb), cwd: project({ 'corp.yaml': 'version: 1\ndirectories: [\n' }) });
    expect(res.code).toBe(1);
    expect(line(res, 'mappings')).toBe('✗ mappings: the mappings cannot be read (1 error); the app checks are skipped');
    expect(line(res, 'connected to')).toBeDefined();
    expect(line(res, 'group search is case-sensitive')).toBeDefined();
  });
});
