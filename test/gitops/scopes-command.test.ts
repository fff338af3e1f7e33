import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { OKTA_SCOPES, renderScopesMarkdown, commandScopes } from '../../src/okta/command-scopes';

describe('okta-ou scopes', () => {
  test('--for plan --list prints the read scopes for OKTA_CLIENT_SCOPES', async () => {
    const r = await runCli(['scopes', '--for', 'plan', '--list']);
    // This repository's mappings/ list attributeMappings properties: plan checks them against the schemas.
    expect(r).toEqual({ code: 0, stdout: 'okta.apps.read okta.groups.read okta.profileMappings.read okta.userTypes.read okta.schemas.read\n', stderr: '' });
  });

  test('apply needs plan’s scopes plus the .manage ones, and no other write scope', () => {
    expect(commandScopes('apply')).toEqual([...commandScopes('plan'), 'okta.apps.manage', 'okta.profileMappings.manage']);
    expect(commandScopes('plan').every((s) => s.endsWith('.read'))).toBe(true);
  });

  test('without --for it prints every scope with its reason, and both lists', async () => {
    const r = await runCli(['scopes']);
    expect(r.code).toBe(0);
    const width = Math.max(...OKTA_SCOPES.map((s) => s.scope.length));
    for (const s of OKTA_SCOPES) expect(r.stdout).toContain(`${s.scope.padEnd(width)}  ${s.why}`);
    expect(r.stdout).toContain(`plan: OKTA_CLIENT_SCOPES="${commandScopes('plan', { attributeMappings: true }).join(' ')}"`);
    expect(r.stdout).toContain(`apply: OKTA_CLIENT_SCOPES="${commandScopes('apply', { attributeMappings: true }).join(' ')}"`);
    expect(r.stdout).toContain('(the mappings use attributeMappings properties: okta.schemas.read included)');
  });

  test('okta.schemas.read only when the mappings list attributeMappings properties', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-scopes-'));
    fs.mkdirSync(path.join(dir, 'mappings'));
    fs.writeFileSync(path.join(dir, 'mappings', 'corp.yaml'), 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: [OU=Staff,DC=corp,DC=example,DC=com]\n');
    const plain = await runCli(['scopes', '--for', 'plan', '--list'], { cwd: dir });
    expect(plain.stdout).toBe(`${commandScopes('plan').join(' ')}\n`);
    expect(plain.stdout).not.toContain('okta.schemas.read');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('okta.users.read is optional for plan: shown with its saving, in no list unless the mappings use adGroups', async () => {
    const optional = OKTA_SCOPES.filter((s) => s.optional);
    expect(optional.map((s) => [s.scope, s.use])).toEqual([['okta.users.read', 'plan']]);
    expect(commandScopes('plan')).not.toContain('okta.users.read');
    expect(commandScopes('apply')).not.toContain('okta.users.read');
    expect(commandScopes('plan', { adGroups: true })).toContain('okta.users.read');
    const r = await runCli(['scopes', '--for', 'plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/okta\.users\.read +optional: fewer reads for the impact of assignment changes on large apps\n/);
  });

  test('--for explain, which needs okta.users.read anyway, lists no optional block, and does not call it left out', async () => {
    const r = await runCli(['scopes', '--for', 'explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^explain \(all of these\):\n/);
    expect(r.stdout).not.toContain('optional');
    expect(r.stdout).toMatch(/^explain: OKTA_CLIENT_SCOPES=".*okta\.users\.read"$/m);
    expect(r.stdout).not.toContain('okta.users.read left out');
  });

  test.each(['apply', 'doctor'])('--for %s lists the optional scope after the needed ones, not among "all of these"', async (use) => {
    const r = await runCli(['scopes', '--for', use]);
    expect(r.code).toBe(0);
    const [needed, optional] = r.stdout.split('\noptional (saves calls when granted):\n');
    expect(needed).toMatch(new RegExp(`^${use} \\(all of these\\):\n`));
    expect(needed).not.toContain('optional:');
    expect(optional.split('\n\n')[0]).toMatch(/^ +okta\.users\.read +optional: fewer reads for the impact of assignment changes on large apps$/);
  });

  test('--for apply with adGroups in the mappings: okta.users.read is asked for, so it is not also shown as optional', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-scopes-'));
    fs.mkdirSync(path.join(dir, 'mappings'));
    fs.writeFileSync(
      path.join(dir, 'mappings', 'corp.yaml'),
      'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    adGroups:\n      - { group: "CN=Staff,DC=corp,DC=example,DC=com", members: { fromGroup: Staff } }\n',
    );
    const r = await runCli(['scopes', '--for', 'apply'], { cwd: dir });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^apply: OKTA_CLIENT_SCOPES=".*okta\.users\.read.*"$/m);
    expect(r.stdout).not.toContain('optional (saves calls when granted)');
  });

  test('--list without --for says what to add', async () => {
    expect(await runCli(['scopes', '--list'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error USAGE --list needs --for plan, apply, doctor or explain\n' +
        '  hint: e.g. okta-ou scopes --for plan --list (the list differs: apply also needs the .manage scopes)\n',
    });
  });

  test('rejects an unknown use', async () => {
    const r = await runCli(['scopes', '--for', 'delete']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown use "delete"');
  });

  test('the README shows the same scopes table as the command', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /<!-- okta-ou:scopes -->\n([\s\S]*?)<!-- \/okta-ou:scopes -->/.exec(doc)?.[1];
    expect(block).toBe(renderScopesMarkdown());
  });
});
