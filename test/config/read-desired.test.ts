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

test('SCHEMA_PATH points at the schema the validator uses', () => {
  expect(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(schema);
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
});
