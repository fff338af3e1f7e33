/**
 * Golden-file comparison: `expectGolden(name, actual)` compares with test/golden/<name>. With
 * UPDATE_GOLDEN=1 a missing or different file is rewritten and the test still fails ("golden file
 * updated, review the diff and re-run"), so an update run never passes unchecked; a file that already
 * matches is simply checked. UPDATE_GOLDEN is refused when CI is set: golden files change only by a
 * person who reviews the diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GOLDEN_DIR = path.join(__dirname, '..', 'golden');

export interface GoldenOptions {
  /** Default test/golden. */
  dir?: string;
  /** Default process.env (UPDATE_GOLDEN, CI). */
  env?: Record<string, string | undefined>;
}

/** CI services set CI=true (GitHub Actions, GitLab, CircleCI…); an explicit CI=false or empty is off. */
function inCi(env: Record<string, string | undefined>): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI.toLowerCase() !== 'false' && env.CI !== '0';
}

export function expectGolden(name: string, actual: string, opts: GoldenOptions = {}): void {
  const env = opts.env ?? process.env;
  const file = path.join(opts.dir ?? GOLDEN_DIR, name);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (env.UPDATE_GOLDEN === '1') {
    if (inCi(env)) throw new Error(`UPDATE_GOLDEN=1 is refused when CI is set: update golden file ${name} locally, review the diff and commit it`);
    if (current !== actual) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, actual);
      throw new Error(`golden file updated, review the diff and re-run: ${name}`);
    }
  }
  if (current === undefined) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(current);
}
