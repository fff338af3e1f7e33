/**
 * Without OKTA_CLIENT_SCOPES an OAuth service app (private_key_jwt, DPoP) asks the local Okta for
 * exactly the scopes the command needs (`okta-ou scopes --for …`): a service app granted just those works.
 */
import { commandScopes, type ScopeUse } from '../../src/okta/command-scopes';
import { corpMappings, corpOrg } from '../support/corp-org';
import { runCli } from '../support/cli';
import { serviceAppEnv } from '../support/service-app';
import { project, removeProjects, useSandbox } from '../e2e/helpers';

const files = { 'corp.yaml': corpMappings([['Engineering', 'Engineering']]) };

describe('OAuth scopes when OKTA_CLIENT_SCOPES is not set', () => {
  const sb = useSandbox(corpOrg({ Engineering: ['ada@example.com'] }));
  const env = (granted: string[]): Record<string, string> => serviceAppEnv(sb, granted);
  afterAll(() => removeProjects());

  test.each<[string[], ScopeUse]>([
    [['plan', '--verbose'], 'plan'],
    [['apply', '--auto-approve', '--verbose'], 'apply'],
  ])('okta-ou %j asks for the %s scopes and nothing else', async (argv, use) => {
    const res = await runCli(argv, { env: env(commandScopes(use)), cwd: project(files) });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`OKTA_CLIENT_SCOPES is not set: asking for the scopes ${use} needs (okta-ou scopes --for ${use})`);
    expect(res.stderr).toContain(`for scopes ${commandScopes(use).join(' ')}\n`);
    expect(res.stderr).not.toContain('BEGIN PRIVATE KEY');
  });

  test('apply asks for its write scopes too: a plan-only service app gets no token (exit 4), nothing is written', async () => {
    const before = sb.audit.length;
    const res = await runCli(['apply', '--auto-approve'], { env: env(commandScopes('plan')), cwd: project(files) });
    expect(res.code).toBe(4);
    expect(res.stderr).toContain('invalid_scope');
    expect(sb.audit.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(['POST /oauth2/v1/token']);
  });

  test('OKTA_CLIENT_SCOPES, when set, is what is asked for', async () => {
    const e = { ...env(commandScopes('plan')), OKTA_CLIENT_SCOPES: 'okta.apps.read' };
    const res = await runCli(['plan', '--verbose'], { env: e, cwd: project(files) });
    expect(res.code).toBe(4);
    expect(res.stderr).not.toContain('OKTA_CLIENT_SCOPES is not set');
    expect(res.stderr).toContain('for scopes okta.apps.read\n');
    expect(res.stderr).toMatch(/error OKTA_AUTH .* → 403 E0000006/);
  });
});
