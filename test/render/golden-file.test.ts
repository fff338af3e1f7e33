import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectGolden } from './golden-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-golden-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'old\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

test('without UPDATE_GOLDEN: a match passes, a difference fails, a missing file says how to create it', () => {
  expect(() => expectGolden('a.txt', 'old\n', { dir, env: {} })).not.toThrow();
  expect(() => expectGolden('a.txt', 'new\n', { dir, env: {} })).toThrow(/toBe\(expected\)[\s\S]*- old[\s\S]*\+ new/);
  expect(() => expectGolden('b.txt', 'x', { dir, env: {} })).toThrow('golden file b.txt is missing; run with UPDATE_GOLDEN=1 and review it');
  expect(read('a.txt')).toBe('old\n');
});

test('UPDATE_GOLDEN=1 rewrites a different or missing file, then fails so the diff is reviewed', () => {
  const env = { UPDATE_GOLDEN: '1' };
  expect(() => expectGolden('a.txt', 'new\n', { dir, env })).toThrow('golden file updated, review the diff and re-run: a.txt');
  expect(read('a.txt')).toBe('new\n');
  expect(() => expectGolden('sub/b.txt', 'b\n', { dir, env })).toThrow('golden file updated, review the diff and re-run: sub/b.txt');
  expect(read('sub/b.txt')).toBe('b\n');
  // The re-run: the files now match and are checked.
  expect(() => expectGolden('a.txt', 'new\n', { dir, env })).not.toThrow();
  expect(() => expectGolden('a.txt', 'other\n', { dir, env: {} })).toThrow(/toBe\(expected\)[\s\S]*- new[\s\S]*\+ other/);
});

test('UPDATE_GOLDEN=1 is refused when CI is set, and nothing is written', () => {
  for (const CI of ['true', '1']) {
    expect(() => expectGolden('a.txt', 'new\n', { dir, env: { UPDATE_GOLDEN: '1', CI } })).toThrow(
      'UPDATE_GOLDEN=1 is refused when CI is set: update golden file a.txt locally, review the diff and commit it',
    );
  }
  expect(() => expectGolden('b.txt', 'b\n', { dir, env: { UPDATE_GOLDEN: '1', CI: 'true' } })).toThrow('refused when CI is set');
  expect(read('a.txt')).toBe('old\n');
  expect(fs.existsSync(path.join(dir, 'b.txt'))).toBe(false);
});
