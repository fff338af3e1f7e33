/**
 * The shipped build compiles only src/ into dist/; bench/ (which imports Okta's SDK, a devDependency)
 * compiles on its own into dist-bench/, which the package does not ship.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
interface TsConfig {
  include: string[];
  compilerOptions: { outDir: string };
}
const json = <T>(f: string): T => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as T;

test('dist/ is built from src/ only, bench/ into its own folder outside the files allow-list', () => {
  const build = json<TsConfig>('tsconfig.build.json');
  const bench = json<TsConfig>('tsconfig.bench.json');
  const pkg = json<{ scripts: Record<string, string>; files: string[] }>('package.json');
  expect(build.include).toEqual(['src']);
  expect(build.compilerOptions.outDir).toBe('dist');
  expect(bench.include).toContain('bench');
  expect(bench.compilerOptions.outDir).toBe('dist-bench');
  expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
  expect(pkg.scripts.bench).toBe('npm run build:bench && node dist-bench/bench/bench.js');
  expect(pkg.files.filter((f) => f.startsWith('dist'))).toEqual(['dist/src/', 'dist/schemas/']);
  expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toContain('dist-bench/');
});
