import { DEFAULT_SAFETY, parseDesired, schema } from '../../src/config';
import type { DesiredState } from '../../src/model/types';

const corp = `version: 1
directories:
  corp:
    app: corp.example.com
    importOUs:
      - OU=Employees,DC=corp,DC=example,DC=com
    groups:
      - group: Engineering
        ou: OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com
        profile: { description: eng }
    attributeMappings:
      properties:
        department: user.department
        title: { expression: user.title, push: createOnly }
`;

test('builds the desired state with defaults and positions', () => {
  const { desired, findings } = parseDesired([{ path: 'm/corp.yaml', text: corp }]);
  expect(findings).toEqual([]);
  const at = (line: number, column: number) => ({ file: 'm/corp.yaml', line, column });
  const expected: DesiredState = {
    directories: [
      {
        name: 'corp',
        app: 'corp.example.com',
        importOUs: [{ dn: 'OU=Employees,DC=corp,DC=example,DC=com', source: at(6, 9) }],
        ouCase: 'lower',
        assignments: { mode: 'additive', ignore: [] },
        groups: [
          {
            group: 'Engineering',
            ou: 'OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com',
            profile: { description: 'eng' },
            index: 0,
            source: at(8, 9),
            ouSource: at(9, 13),
            profileSources: { description: at(10, 20) },
          },
        ],
        attributeMappings: {
          prune: false,
          properties: {
            department: { expression: 'user.department', pushStatus: 'PUSH', source: at(13, 9) },
            title: { expression: 'user.title', pushStatus: 'DONT_PUSH', source: at(14, 9) },
          },
          source: at(11, 5),
        },
        safety: { ...DEFAULT_SAFETY },
        source: at(3, 3),
        fieldSources: { app: at(4, 10), importOUs: at(5, 5), groups: at(7, 5), attributeMappings: at(11, 5) },
      },
    ],
  };
  expect(desired).toEqual(expected);
});

test('a directory split across files: groups concatenate in path order, settings merge, explicit settings win over defaults', () => {
  const b = `version: 1
directories:
  corp:
    app: corp.example.com
    ouCase: preserve
    assignments: { mode: authoritative, ignore: [Everyone] }
    safety: { maxChangeShare: 0.5, minExisting: 3 }
    groups:
      - group: Sales
        ou: OU=Sales,OU=Employees,DC=corp,DC=example,DC=com
`;
  // given out of order: files are merged sorted by path
  const { desired, findings } = parseDesired([
    { path: 'b.yaml', text: b },
    { path: 'a.yaml', text: corp },
  ]);
  expect(findings).toEqual([]);
  const d = desired.directories[0];
  expect(d.groups.map((g) => [g.group, g.index, g.source.file])).toEqual([
    ['Engineering', 0, 'a.yaml'],
    ['Sales', 1, 'b.yaml'],
  ]);
  expect([d.ouCase, d.assignments, d.safety]).toEqual(['preserve', { mode: 'authoritative', ignore: ['Everyone'] }, { ...DEFAULT_SAFETY, maxChangeShare: 0.5, minExisting: 3 }]);
});

test('conflicts are reported at both places, each pointing at the other', () => {
  const other = corp.replace('version: 1\n', 'version: 1\n').replace('    importOUs:', '    namingContext: DC=corp,DC=example,DC=com\n    importOUs:');
  const third = `version: 1
directories:
  corp:
    app: corp.example.com
    namingContext: corp.example.org
`;
  const { findings } = parseDesired([
    { path: 'a.yaml', text: other.replace(/    groups:[\s\S]*/, '') },
    { path: 'b.yaml', text: third },
  ]);
  expect(findings).toEqual([
    expect.objectContaining({ code: 'DIRECTORY_CONFLICT', file: 'a.yaml', line: 5, column: 20, related: [{ file: 'b.yaml', line: 5, column: 20 }] }),
    expect.objectContaining({ code: 'DIRECTORY_CONFLICT', file: 'b.yaml', line: 5, column: 20, related: [{ file: 'a.yaml', line: 5, column: 20 }] }),
  ]);
});

test('the same naming context spelt as a domain and as a DN is no conflict', () => {
  const a = corp.replace('    importOUs:', '    namingContext: DC=Corp, DC=example,DC=com\n    importOUs:');
  const b = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    namingContext: corp.example.com\n';
  expect(parseDesired([{ path: 'a.yaml', text: a }, { path: 'b.yaml', text: b }]).findings).toEqual([]);
});

test('a schema error leaves that directory out of the merge but keeps the others', () => {
  const text = `${corp}  emea:
    app: emea.example.com
    importOus: ['OU=Staff,DC=emea,DC=example,DC=com']
`;
  const { desired, findings } = parseDesired([{ path: 'x.yaml', text }]);
  expect(desired.directories.map((d) => d.name)).toEqual(['corp']);
  expect(findings).toEqual([
    {
      code: 'SCHEMA',
      severity: 'error',
      message: 'unknown key "importOus" in directories.emea',
      hint: 'did you mean "importOUs"? (allowed keys here: app, namingContext, importOUs, updateOUOnGroupChange, ouCase, assignments, groups, attributeMappings, adGroups, safety)',
      directory: 'emea',
      file: 'x.yaml',
      line: 17,
      column: 5,
    },
  ]);
});

test('schema messages are plain words with a fix', () => {
  const text = `version: 1
directories:
  corp:
    app: 12
    importOUs: OU=Employees,DC=corp
    assignments: { mode: Additive }
    attributeMappings:
      properties:
        title: { expresion: user.title }
`;
  const { findings } = parseDesired([{ path: 'x.yaml', text }]);
  expect(findings.map((f) => `${f.line}:${f.column} ${f.message} | ${f.hint}`)).toEqual([
    '4:10 directories.corp.app must be text, found the number 12 | write the value as text (quote it if it looks like a number or a boolean)',
    '5:16 directories.corp.importOUs must be a list, found the text "OU=Employees,DC=corp" | write a list: one "- item" per line, or [a, b]',
    '6:26 directories.corp.assignments.mode must be one of "additive", "authoritative", found the text "Additive" | did you mean "additive"?',
    '9:9 directories.corp.attributeMappings.properties.title is missing the required key "expression" | add "expression:"',
    '9:18 unknown key "expresion" in directories.corp.attributeMappings.properties.title | did you mean "expression"? (allowed keys here: expression, push)',
  ]);
});

test('YAML problems: every duplicate key, and the first syntax error only', () => {
  const text = 'version: 1\nversion: 1\ndirectories:\n  corp: {\n  x: [\n';
  const { findings, desired } = parseDesired([{ path: 'y.yaml', text }]);
  expect(desired.directories).toEqual([]);
  expect(findings.map((f) => [f.code, f.line, f.column])).toEqual([
    ['DUPLICATE_KEY', 2, 1],
    ['YAML_SYNTAX', 5, 3],
  ]);
});

test('a profile value nested thousands deep is a YAML error inside it, not a crash', () => {
  for (const depth of [1000, 10000]) {
    const line = `      - { group: Eng, ou: "OU=Eng,DC=corp", profile: { x: ${'['.repeat(depth)}${']'.repeat(depth)} } }`;
    const text = `version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["DC=corp"]\n    groups:\n${line}\n`;
    const { findings, desired } = parseDesired([{ path: 'deep.yaml', text }]);
    expect(desired.directories).toEqual([]);
    // yaml gives up where its stack runs out: somewhere in the brackets, depending on the stack.
    expect(findings.map((f) => ({ ...f, column: line.indexOf('[[') < f.column! && f.column! <= line.indexOf(']]') + 1 }))).toEqual([
      {
        code: 'YAML_SYNTAX',
        severity: 'error',
        file: 'deep.yaml',
        line: 7,
        column: true,
        message: 'the YAML is nested too deeply to be read',
        hint: 'mapping files nest a few levels: look for "[" or "{" repeated or never closed',
      },
    ]);
  }
});

test('the loader reads every directory key the schema allows (types and schema agree)', () => {
  const keys = Object.keys((schema.$defs as Record<string, { properties: Record<string, unknown> }>).directory.properties);
  const text = `version: 1
directories:
  corp:
    app: corp.example.com
    namingContext: corp.example.com
    importOUs: ['OU=Employees,DC=corp,DC=example,DC=com']
    updateOUOnGroupChange: false
    ouCase: preserve
    assignments: { mode: authoritative, ignore: [x] }
    groups: []
    attributeMappings: { prune: true, properties: {} }
    safety: { maxChangeShare: 0.1, minExisting: 1 }
    adGroups: [{ group: VPN Users, members: { users: [ada] }, mode: authoritative }]
`;
  const { desired, findings } = parseDesired([{ path: 'all.yaml', text }]);
  expect(findings).toEqual([]);
  const d = desired.directories[0];
  expect(Object.keys(d.fieldSources).filter((k) => !k.includes('.')).sort()).toEqual([...keys].sort());
  expect(d).toMatchObject({
    namingContext: 'corp.example.com',
    updateOUOnGroupChange: false,
    ouCase: 'preserve',
    assignments: { mode: 'authoritative', ignore: ['x'] },
    attributeMappings: { prune: true, properties: {} },
    safety: { maxChangeShare: 0.1, minExisting: 1 },
    adGroups: [{ group: 'VPN Users', members: { users: ['ada'] }, mode: 'authoritative', attribute: 'member', groupSource: { file: 'all.yaml', line: 13, column: 25 } }],
  });
});

test('unknown keys people reach for get the key they mean', () => {
  const text = `version: 1
directories:
  corp:
    application: corp.example.com
    importOUs: [DC=corp]
    groups:
      - name: Engineering
        organizationalUnit: OU=Eng,DC=corp
        priority: 1
`;
  const hints = parseDesired([{ path: 'x.yaml', text }]).findings.filter((f) => f.message.startsWith('unknown key')).map((f) => f.hint);
  expect(hints).toEqual([
    expect.stringMatching(/^did you mean "app"\?/),
    expect.stringMatching(/^did you mean "group"\?/),
    expect.stringMatching(/^did you mean "ou"\?/),
    'priority is the order of the groups list (first = highest): move the entry instead',
  ]);
});

test('a schema error in one part of a split directory leaves out every part of it, in every file', () => {
  const a = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: [OU=Employees,DC=corp,DC=example,DC=com]\n    assignments: {mode: authoritative, ignroe: [Everyone]}\n';
  const b = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    groups:\n      - {group: Engineering, ou: "OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com"}\n  emea:\n    app: emea.example.com\n    importOUs: [OU=Staff,DC=emea,DC=example,DC=com]\n';
  const { desired, findings } = parseDesired([{ path: 'b.yaml', text: b }, { path: 'a.yaml', text: a }]);
  expect(desired.directories.map((d) => d.name)).toEqual(['emea']);
  expect(findings.map((f) => [f.code, f.file, f.line, f.column, f.message])).toEqual([['SCHEMA', 'a.yaml', 6, 40, 'unknown key "ignroe" in directories.corp.assignments']]);
});

test('a file broken at the top level leaves out the directories it names from the other files too', () => {
  const a = 'directories:\n  corp:\n    app: corp.example.com\n';
  const b = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n  emea:\n    app: emea.example.com\n    importOUs: [OU=Staff,DC=emea,DC=example,DC=com]\n';
  const { desired, findings } = parseDesired([{ path: 'a.yaml', text: a }, { path: 'b.yaml', text: b }]);
  expect(desired.directories.map((d) => d.name)).toEqual(['emea']);
  expect(findings.map((f) => [f.code, f.file, f.line])).toEqual([['SCHEMA', 'a.yaml', 1]]);
});

test('importOUs of a split directory are a union: the same OU in two files (any DN spelling) is kept once, at its first place', () => {
  const a = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=Employees,DC=corp,DC=example,DC=com"]\n';
  const b = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs:\n      - ou=employees, dc=corp,dc=example,dc=com\n      - OU=Contractors,DC=corp,DC=example,DC=com\n';
  const { desired, findings } = parseDesired([{ path: 'b.yaml', text: b }, { path: 'a.yaml', text: a }]);
  expect(findings).toEqual([]);
  expect(desired.directories[0].importOUs).toEqual([
    { dn: 'OU=Employees,DC=corp,DC=example,DC=com', source: { file: 'a.yaml', line: 5, column: 17 } },
    { dn: 'OU=Contractors,DC=corp,DC=example,DC=com', source: { file: 'b.yaml', line: 7, column: 9 } },
  ]);
});

test('a file with a YAML error leaves out the directories it names from the other files too, as far as it can be read', () => {
  const a = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=Employees,DC=corp,DC=example,DC=com"]\n    app: again\n';
  const b = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n  emea:\n    app: emea.example.com\n    importOUs: [OU=Staff,DC=emea,DC=example,DC=com]\n';
  const { desired, findings } = parseDesired([{ path: 'a.yaml', text: a }, { path: 'b.yaml', text: b }]);
  expect(desired.directories.map((d) => d.name)).toEqual(['emea']);
  expect(findings.map((f) => [f.code, f.file, f.line])).toEqual([['DUPLICATE_KEY', 'a.yaml', 6]]);
});

test('mapping properties named "__proto__" or "constructor" are read as properties', () => {
  const t = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=E,DC=corp,DC=example,DC=com"]\n    attributeMappings:\n      properties:\n        __proto__: user.x\n        constructor: user.y\n';
  const { desired, findings } = parseDesired([{ path: 'a.yaml', text: t }]);
  expect(findings).toEqual([]);
  const props = desired.directories[0].attributeMappings!.properties;
  expect(Object.keys(props)).toEqual(['__proto__', 'constructor']);
  expect(Object.entries(props).map(([k, p]) => [k, p.expression, p.pushStatus])).toEqual([
    ['__proto__', 'user.x', 'PUSH'],
    ['constructor', 'user.y', 'PUSH'],
  ]);
});

test('the separate and user safety thresholds are read, defaulted, and checked by the schema', () => {
  const withSafety = (safety: string): string => `${corp}    safety: { ${safety} }\n`;
  const ok = parseDesired([{ path: 'm/corp.yaml', text: withSafety('maxUpdateShare: 0.5, maxDeleteShare: 0.1, maxUsersLosingAppShare: 0.01, maxUsersMovingShare: 0.4') }]);
  expect(ok.findings).toEqual([]);
  expect(ok.desired.directories[0].safety).toEqual({ ...DEFAULT_SAFETY, maxUpdateShare: 0.5, maxDeleteShare: 0.1, maxUsersLosingAppShare: 0.01, maxUsersMovingShare: 0.4 });
  const bad = parseDesired([{ path: 'm/corp.yaml', text: withSafety('maxUsersLosingAppShare: 1.5') }]);
  expect(bad.findings.map((f) => [f.code, f.line])).toEqual([['SCHEMA', 15]]);
});
