import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DesiredFileText, ParsedDesired } from '../../src/config';
import { readSimpleYaml } from '../../src/config/simple-yaml';

const root = path.resolve(__dirname, '../..');

/** parseDesired as the loader runs it, or with the simple reader declining every file (all through yaml). */
function parseAllWith(simpleReader: boolean, fileSets: DesiredFileText[][]): ParsedDesired[] {
  let results: ParsedDesired[] = [];
  jest.isolateModules(() => {
    if (!simpleReader) jest.doMock('../../src/config/simple-yaml', () => ({ ...jest.requireActual('../../src/config/simple-yaml'), readSimpleYaml: () => undefined }));
    const { parseDesired } = require('../../src/config') as typeof import('../../src/config');
    results = fileSets.map((files) => parseDesired(files));
  });
  jest.dontMock('../../src/config/simple-yaml');
  return results;
}

function parseWith(simpleReader: boolean, files: DesiredFileText[]): ParsedDesired {
  return parseAllWith(simpleReader, [files])[0];
}

/** Every folder of mapping files in the repository (each bad-input fixture is one). */
function mappingFolders(): Array<{ dir: string; files: DesiredFileText[] }> {
  const out: Array<{ dir: string; files: DesiredFileText[] }> = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && e.name !== 'sandbox-org.yaml')
      .map((e) => ({ path: path.relative(root, path.join(dir, e.name)), text: fs.readFileSync(path.join(dir, e.name), 'utf8') }));
    if (files.length > 0) out.push({ dir: path.relative(root, dir), files });
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  for (const d of ['mappings', 'examples', 'test/fixtures']) walk(path.join(root, d));
  return out;
}

test('every mapping folder of the repository loads the same with the simple reader as through yaml alone', () => {
  const folders = mappingFolders();
  const simpleRead = folders.filter((f) => f.files.some((x) => readSimpleYaml(x.text) !== undefined));
  expect(simpleRead.length).toBeGreaterThan(folders.length / 2);
  const withReader = parseAllWith(true, folders.map((f) => f.files));
  const viaYaml = parseAllWith(false, folders.map((f) => f.files));
  folders.forEach(({ dir }, i) => expect({ dir, parsed: withReader[i] }).toEqual({ dir, parsed: viaYaml[i] }));
});

test('a directory split across a file the simple reader reads and one it leaves to yaml merges with the positions of both', () => {
  const simple = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=Staff,DC=corp,DC=example,DC=com"]\n    groups:\n      - { group: Eng, ou: "OU=Eng,OU=Staff,DC=corp,DC=example,DC=com" }\n';
  // An anchor and an alias: outside the simple subset.
  const viaYaml = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    groups:\n      - { group: Ops, ou: &ops "OU=Ops,OU=Staff,DC=corp,DC=example,DC=com" }\n      - { group: Ops2, ou: *ops }\n';
  expect(readSimpleYaml(simple)).toBeDefined();
  expect(readSimpleYaml(viaYaml)).toBeUndefined();
  const files = [
    { path: 'm/a.yaml', text: simple },
    { path: 'm/b.yaml', text: viaYaml },
  ];
  const { desired, findings } = parseWith(true, files);
  expect(findings).toEqual([]);
  const at = (file: string, line: number, column: number) => ({ file, line, column });
  expect(desired.directories[0].groups.map((g) => [g.group, g.ou, g.source, g.ouSource])).toEqual([
    ['Eng', 'OU=Eng,OU=Staff,DC=corp,DC=example,DC=com', at('m/a.yaml', 7, 9), at('m/a.yaml', 7, 27)],
    ['Ops', 'OU=Ops,OU=Staff,DC=corp,DC=example,DC=com', at('m/b.yaml', 6, 9), at('m/b.yaml', 6, 32)],
    ['Ops2', 'OU=Ops,OU=Staff,DC=corp,DC=example,DC=com', at('m/b.yaml', 7, 9), at('m/b.yaml', 7, 28)],
  ]);
  expect(parseWith(false, files)).toEqual({ desired, findings });
});

test('a file the simple reader reads but the schema refuses is reported through yaml, with "did you mean"', () => {
  const text = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=Staff,DC=corp,DC=example,DC=com"]\n    groups:\n      - { group: Eng, organizationalUnit: "OU=Eng" }\n';
  expect(readSimpleYaml(text)).toBeDefined();
  const { desired, findings } = parseWith(true, [{ path: 'm/a.yaml', text }]);
  expect(desired.directories).toEqual([]);
  expect(findings.map((f) => [f.code, f.line, f.column, f.message, f.hint])).toEqual([
    ['SCHEMA', 7, 9, 'directories.corp.groups[0] is missing the required key "ou"', 'add "ou:"'],
    ['SCHEMA', 7, 23, 'unknown key "organizationalUnit" in directories.corp.groups[0]', 'did you mean "ou"? (allowed keys here: group, ou, profile)'],
  ]);
});

test('yaml reads a file with a copy of process.env in its place, and the real one is back after, even when yaml throws', () => {
  const yaml = require('yaml') as typeof import('yaml');
  const { parseDesired } = require('../../src/config') as typeof import('../../src/config');
  const env = process.env;
  const seen: Array<{ copy: boolean; same: boolean }> = [];
  const record = (): number => seen.push({ copy: process.env !== env, same: JSON.stringify(process.env) === JSON.stringify(env) });
  const actual = yaml.parseDocument;
  const parseDocument = jest.spyOn(yaml, 'parseDocument');
  const file = { path: 'm/a.yaml', text: 'a: &x 1\n' }; // an anchor: outside the simple subset
  try {
    parseDocument.mockImplementationOnce((...args) => {
      record();
      return actual(...args);
    });
    expect(parseDesired([file]).findings.map((f) => f.code)).toEqual(['SCHEMA', 'SCHEMA', 'SCHEMA']);
    expect(process.env).toBe(env);
    parseDocument.mockImplementationOnce(() => {
      record();
      throw new Error('yaml failed');
    });
    expect(() => parseDesired([file])).toThrow('yaml failed');
    expect(process.env).toBe(env);
  } finally {
    parseDocument.mockRestore();
  }
  expect(seen).toEqual([
    { copy: true, same: true },
    { copy: true, same: true },
  ]);
});

test('the loader reads a schema-valid file of the subset without yaml, and only the other file of a split directory with it', () => {
  const yaml = require('yaml') as typeof import('yaml');
  const { parseDesired } = require('../../src/config') as typeof import('../../src/config');
  const parseDocument = jest.spyOn(yaml, 'parseDocument');
  try {
    const simple = { path: 'mappings/corp.yaml', text: fs.readFileSync(path.join(root, 'mappings/corp.yaml'), 'utf8') };
    expect(readSimpleYaml(simple.text)).toBeDefined();
    expect(parseDesired([simple]).findings).toEqual([]);
    expect(parseDocument).not.toHaveBeenCalled();
    const other = { path: 'mappings/zz.yaml', text: 'version: 1\ndirectories:\n  zz:\n    app: &a zz.example.com\n' }; // an anchor: left to yaml
    parseDesired([simple, other]);
    expect(parseDocument).toHaveBeenCalledTimes(1);
  } finally {
    parseDocument.mockRestore();
  }
});
