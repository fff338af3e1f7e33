import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORG, startSandbox } from '../../src/sandbox';
import { checkOrgSeed, loadOrgSeed } from '../../src/sandbox/load-org';

const HINT_TAIL = 'the org file format is in src/sandbox/README.md "Org file" (schema: src/sandbox/org-seed.schema.json); without --org the sandbox serves the demo org';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'okta-ou-org-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('the demo org is a valid org seed (the object itself, not a copy, is served)', () => {
  expect(checkOrgSeed(DEMO_ORG, 'the demo org')).toBe(DEMO_ORG);
  expect(loadOrgSeed('demo')).toBe(DEMO_ORG);
});

test('a bad YAML org file: SANDBOX_ORG, exit 1, each bad place by path and line, what to do', () => {
  const path = file(
    'bad.yaml',
    [
      'users:',
      '  - { login: ada@example.com, firstName: Ada, lastName: Lovelace }',
      'groups:',
      '  - name: Eng',
      '    memebers: [ada@example.com]',
      'apps:',
      '  - label: corp.example.com',
      '    status: ENABLED',
      '    assignments:',
      '      - { group: Eng, priority: high }',
    ].join('\n'),
  );
  expect(() => loadOrgSeed(path)).toThrow(
    expect.objectContaining({
      code: 'SANDBOX_ORG',
      exitCode: 1,
      message:
        `org file ${path} is not a valid org: ` +
        'groups[0] (line 5, column 15) has unknown field "memebers" (a typo?); ' +
        'apps[0].status (line 8, column 13) must be one of "ACTIVE", "INACTIVE"; ' +
        'apps[0].assignments[0].priority (line 10, column 33) must be integer',
      hint: `fix the places named; ${HINT_TAIL}`,
    }),
  );
});

test('a JSON org file is checked the same way; a missing required field is named', async () => {
  const path = file('bad.json', JSON.stringify({ users: [{ login: 'ada@example.com', firstName: 'Ada' }], apps: [] }, null, 2));
  await expect(startSandbox({ org: path })).rejects.toMatchObject({
    code: 'SANDBOX_ORG',
    message: `org file ${path} is not a valid org: users[0] (line 3, column 5) must have required property 'lastName'`,
  });
  const list = file('list.yaml', '- login: ada@example.com\n');
  expect(() => loadOrgSeed(list)).toThrow(`org file ${list} is not a valid org: (top level) (line 1, column 1) must be object`);
});

test('an org object passed in code is checked too', () => {
  expect(() => loadOrgSeed({ groups: [{ name: 'Eng', type: 'SECURITY' }] } as never)).toThrow(
    'the org seed object is not a valid org: groups[0].type must be one of "OKTA_GROUP", "APP_GROUP", "BUILT_IN"',
  );
});

test('YAML syntax errors and unreadable files give the place and a hint', () => {
  const path = file('syntax.yaml', 'groups:\n  - name: [Eng\n');
  expect(() => loadOrgSeed(path)).toThrow(expect.objectContaining({ code: 'SANDBOX_ORG', hint: `fix the YAML/JSON syntax there; ${HINT_TAIL}` }));
  expect(() => loadOrgSeed(path)).toThrow(`cannot parse org file ${path}:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]`);
  const missing = join(dir, 'no-such.yaml');
  expect(() => loadOrgSeed(missing)).toThrow(
    expect.objectContaining({
      code: 'SANDBOX_ORG',
      exitCode: 1,
      hint: `check the path (relative paths start at the current directory) and that the file is readable; ${HINT_TAIL}`,
    }),
  );
});
