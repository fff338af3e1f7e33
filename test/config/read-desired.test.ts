import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readDesired, SCHEMA_PATH, schema } from '../../src/config';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-read-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('reads *.yaml and *.yml recursively, sorted, skipping hidden folders; paths relative to cwd', async () => {
  const dir = path.join(tmp, 'm');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.hidden'));
  const file = (name: string) => `version: 1\ndirectories:\n  ${name}:\n    app: ${name}.example.com\n    importOUs: [DC=${name}]\n`;
  fs.writeFileSync(path.join(dir, 'sub', 'b.yml'), file('b'));
  fs.writeFileSync(path.join(dir, 'a.yaml'), file('a'));
  fs.writeFileSync(path.join(dir, '.hidden', 'c.yaml'), 'not: [valid');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
  const r = await readDesired('m', tmp);
  expect(r.files).toEqual(['m/a.yaml', 'm/sub/b.yml']);
  expect(r.findings).toEqual([]);
  expect(r.desired.directories.map((d) => [d.name, d.source.file])).toEqual([
    ['a', 'm/a.yaml'],
    ['b', 'm/sub/b.yml'],
  ]);
});

test('a folder without YAML gives one NO_MAPPINGS error finding', async () => {
  fs.mkdirSync(path.join(tmp, 'empty'));
  const r = await readDesired(path.join(tmp, 'empty'), tmp);
  expect(r.files).toEqual([]);
  expect(r.findings).toEqual([expect.objectContaining({ code: 'NO_MAPPINGS', severity: 'error', file: 'empty', message: 'no *.yaml or *.yml files in empty' })]);
});

test('a missing folder throws MAPPINGS_NOT_FOUND with a hint', async () => {
  await expect(readDesired('nope', tmp)).rejects.toMatchObject({ code: 'MAPPINGS_NOT_FOUND', exitCode: 1, message: 'the mappings folder nope does not exist' });
});

test('SCHEMA_PATH is the schema file the exported schema object was read from (the validator is checked by generated-validators.test.ts)', () => {
  expect(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(schema);
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
});

describe('symbolic links and unreadable files', () => {
  const file = (name: string) => `version: 1\ndirectories:\n  ${name}:\n    app: ${name}.example.com\n    importOUs: [DC=${name}]\n`;

  test('a link to a mapping file is read; a linked folder is entered once, and a link loop ends', async () => {
    const dir = path.join(tmp, 'links');
    const shared = path.join(tmp, 'shared');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.mkdirSync(shared);
    fs.writeFileSync(path.join(shared, 'corp.yaml'), file('corp'));
    fs.writeFileSync(path.join(dir, 'sub', 'emea.yaml'), file('emea'));
    fs.symlinkSync(path.join(shared, 'corp.yaml'), path.join(dir, 'corp.yaml'));
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    const r = await readDesired('links', tmp);
    expect(r.files).toEqual(['links/corp.yaml', 'links/sub/emea.yaml']);
    expect(r.findings).toEqual([]);
    expect(r.desired.directories.map((d) => [d.name, d.source.file])).toEqual([
      ['corp', 'links/corp.yaml'],
      ['emea', 'links/sub/emea.yaml'],
    ]);
  });

  test('a file that cannot be read (a dangling link) is a MAPPINGS_UNREADABLE error naming it, not an internal error', async () => {
    const dir = path.join(tmp, 'dangling');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.yaml'), file('a'));
    fs.symlinkSync(path.join(tmp, 'no-such-file.yaml'), path.join(dir, 'corp.yaml'));
    await expect(readDesired('dangling', tmp)).rejects.toMatchObject({
      code: 'MAPPINGS_UNREADABLE',
      exitCode: 1,
      message: 'cannot read dangling/corp.yaml: it does not exist (a broken symbolic link?)',
      hint: 'make the file readable by the user running okta-ou, fix or remove the link, or move it out of the mappings folder',
    });
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (asRoot ? test.skip : test)('a file without read permission is a MAPPINGS_UNREADABLE error (not run as root: root reads anything)', async () => {
    const dir = path.join(tmp, 'private');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'corp.yaml'), file('corp'));
    fs.chmodSync(path.join(dir, 'corp.yaml'), 0o000);
    await expect(readDesired('private', tmp)).rejects.toMatchObject({ code: 'MAPPINGS_UNREADABLE', message: 'cannot read private/corp.yaml: permission denied' });
  });
});
