import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { fakeCtx } from './fake-ctx';

const repo = path.resolve(__dirname, '../..');
const bad = path.join(repo, 'test/fixtures/bad');
const ESC = '\u001b[';

test('the example mappings: exit 0, nothing on stdout, an ok summary on stderr', async () => {
  const ctx = fakeCtx(repo);
  expect(await run(['validate'], ctx)).toBe(0);
  expect(ctx.out()).toBe('');
  expect(ctx.err()).toBe('ok: 0 errors, 0 warnings in 2 files\n');
});

test('error findings: exit 1, compiler-style lines with hints, a summary', async () => {
  const ctx = fakeCtx(path.join(bad, 'ou-not-import-ou'));
  expect(await run(['validate', '--mappings', '.'], ctx)).toBe(1);
  expect(ctx.out()).toBe(
    'corp.yaml:14:13: error OU_NOT_IMPORT_OU group "legacy-vpn" targets OU=VPN,OU=Legacy,DC=corp,DC=example,DC=com, which is not under an import OU; Okta would fail its users with "Target OU is not an import OU"\n' +
      '  hint: use an OU under OU=Employees,DC=corp,DC=example,DC=com or OU=Contractors,DC=corp,DC=example,DC=com, or add its parent to importOUs (and to "User OUs connected to Okta" in the AD integration)\n' +
      '  see: corp.yaml:7:5\n',
  );
  expect(ctx.err()).toBe('1 error, 0 warnings in 1 file\n');
});

test('--mappings is resolved against cwd and shown relative to it', async () => {
  const ctx = fakeCtx(repo);
  expect(await run(['validate', '--mappings', 'test/fixtures/bad/split-directory-conflict'], ctx)).toBe(1);
  expect(ctx.out().split('\n').filter((l) => !l.startsWith('  '))).toEqual([
    expect.stringMatching(/^test\/fixtures\/bad\/split-directory-conflict\/corp-a\.yaml:6:20: error DIRECTORY_CONFLICT /),
    expect.stringMatching(/^test\/fixtures\/bad\/split-directory-conflict\/corp-b\.yaml:6:20: error DIRECTORY_CONFLICT /),
    '',
  ]);
  expect(ctx.err()).toBe('2 errors, 0 warnings in 2 files\n');
});

test('--format json: sorted keys, files, findings in file:line:col order, summary; exit code as text', async () => {
  const ctx = fakeCtx(path.join(bad, 'bad-dn-syntax'));
  expect(await run(['validate', '--mappings', '.', '--format', 'json'], ctx)).toBe(1);
  const out = JSON.parse(ctx.out()) as { files: string[]; findings: Array<Record<string, unknown>>; summary: unknown };
  expect(Object.keys(out)).toEqual(['files', 'findings', 'summary']);
  expect(out.files).toEqual(['corp.yaml']);
  expect(out.summary).toEqual({ errors: 2, infos: 0, warnings: 0 });
  expect(out.findings.map((f) => [f.code, f.line, f.column])).toEqual([
    ['INVALID_DN', 12, 13],
    ['INVALID_DN', 14, 13],
  ]);
  for (const f of out.findings) expect(Object.keys(f)).toEqual([...Object.keys(f)].sort());
  expect(ctx.err()).toBe('');

  const good = fakeCtx(repo);
  expect(await run(['validate', '--format', 'json'], good)).toBe(0);
  expect(JSON.parse(good.out())).toEqual({ files: ['mappings/corp.yaml', 'mappings/emea.yaml'], findings: [], summary: { errors: 0, infos: 0, warnings: 0 } });
});

test('colour only when the context says so, and never with --no-color', async () => {
  const dir = path.join(bad, 'dn-mapped');
  const plain = fakeCtx(dir, { color: false });
  await run(['validate', '--mappings', '.'], plain);
  expect(plain.out()).not.toContain(ESC);
  expect(plain.err()).not.toContain(ESC);

  const coloured = fakeCtx(dir, { color: true });
  await run(['validate', '--mappings', '.'], coloured);
  expect(coloured.out()).toContain(`${ESC}31merror`);

  const off = fakeCtx(dir, { color: true });
  await run(['validate', '--mappings', '.', '--no-color'], off);
  expect(off.out()).toBe(plain.out());
});

test('a missing folder or one without YAML files: exit 1 with a clear message', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-validate-'));
  try {
    const missing = fakeCtx(tmp);
    expect(await run(['validate'], missing)).toBe(1);
    expect(missing.err()).toBe('error MAPPINGS_NOT_FOUND the mappings folder mappings does not exist\n  hint: run okta-ou from your repository root, or point at the folder with --mappings DIR\n');

    fs.mkdirSync(path.join(tmp, 'mappings'));
    const empty = fakeCtx(tmp);
    expect(await run(['validate'], empty)).toBe(1);
    expect(empty.out()).toMatch(/^mappings: error NO_MAPPINGS no \*\.yaml or \*\.yml files in mappings\n  hint: /);
    expect(empty.err()).toBe('1 error, 0 warnings in 0 files\n');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('an unknown format is a usage error', async () => {
  const ctx = fakeCtx(repo);
  expect(await run(['validate', '--format', 'xml'], ctx)).toBe(1);
  expect(ctx.err()).toContain('error USAGE unknown format "xml"');
});
