/**
 * Golden-file comparison: `expectGolden(name, actual)` compares with test/golden/<name>; with
 * UPDATE_GOLDEN=1 it rewrites the file instead (review the diff before committing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GOLDEN_DIR = path.join(__dirname, '..', 'golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
