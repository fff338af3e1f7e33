/**
 * The bad-input corpus: each folder under test/fixtures/bad is one real mistake (some are correct input
 * that looks suspicious and must give nothing). `expected.json` lists exactly the findings `validate`
 * must report, at file:line:col (an empty list for correct input that looks suspicious). Plus: the
 * example mappings/ and the README example give none.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDesired, readDesired } from '../../src/config';
import { runLints } from '../../src/plan/lints';
import { sortFindings } from '../../src/render/findings';
import type { Finding } from '../../src/model/types';

const repo = path.resolve(__dirname, '../..');
const badRoot = path.join(repo, 'test/fixtures/bad');

interface Expected {
  description: string;
  findings: Array<Pick<Finding, 'code' | 'severity' | 'file' | 'line' | 'column'>>;
}

async function validateDir(dir: string, cwd: string): Promise<Finding[]> {
  const r = await readDesired(dir, cwd);
  return sortFindings([...r.findings, ...runLints({ desired: r.desired })]);
}

const cases = fs
  .readdirSync(badRoot, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

test('the corpus has at least 25 distinct mistakes', () => {
  const withFindings = cases.filter((c) => (JSON.parse(fs.readFileSync(path.join(badRoot, c, 'expected.json'), 'utf8')) as Expected).findings.length > 0);
  expect(withFindings.length).toBeGreaterThanOrEqual(25);
});

describe.each(cases)('%s', (name) => {
  const dir = path.join(badRoot, name);
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;

  test(`${expected.description}: exactly the expected findings`, async () => {
    const findings = await validateDir(dir, dir);
    expect(findings.map((f) => ({ code: f.code, severity: f.severity, file: f.file, line: f.line, column: f.column }))).toEqual(expected.findings);
    // Every finding says what and what to do.
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.hint?.length ?? 0).toBeGreaterThan(5);
    }
  });
});

test('the example mappings/ give no findings at all', async () => {
  const findings = await validateDir(path.join(repo, 'mappings'), repo);
  expect(findings).toEqual([]);
});

test('every example file carries the yaml-language-server schema line, pointing at the schema', () => {
  const files = fs.readdirSync(path.join(repo, 'mappings'));
  expect(files.filter((f) => /\.ya?ml$/.test(f)).length).toBeGreaterThan(0);
  for (const f of files) {
    const text = fs.readFileSync(path.join(repo, 'mappings', f), 'utf8');
    const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    expect(m).not.toBeNull();
    expect(fs.existsSync(path.resolve(repo, 'mappings', m![1]))).toBe(true);
  }
});

test('the README example is valid and gives no findings', () => {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes('version: 1'));
  expect(blocks.length).toBe(1);
  const { desired, findings } = parseDesired([{ path: 'README.md', text: blocks[0] }]);
  expect([...findings, ...runLints({ desired })]).toEqual([]);
  expect(desired.directories[0].groups.map((g) => g.group)).toEqual(['Engineering', 'R&D, Berlin']);
});
