/**
 * `okta-ou validate --format github`: one workflow command per finding, on the file, line and column,
 * escaped by GitHub's workflow-command rules so nothing from a file can start a command of its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { project, removeProjects } from '../e2e/helpers';
import { corpMappings } from '../support/corp-org';
import { escapeData, escapeProperty, renderGithubAnnotations } from '../../src/render/github-annotations';

afterAll(() => removeProjects());


test('a mistake is annotated at its file:line:col, with the hint, and exit 1', async () => {
  const cwd = project({ 'corp.yaml': corpMappings([['Engineering', 'VPN,OU=Legacy']]).replace(',OU=Employees,DC=corp,DC=example,DC=com', ',DC=corp,DC=example,DC=com') });
  const r = await runCli(['validate', '--format', 'github'], { cwd });
  expect(r.code).toBe(1);
  expect(r.stdout.split('\n')).toEqual([
    expect.stringMatching(/^::error file=mappings\/corp\.yaml,line=8,col=13,title=OU_NOT_IMPORT_OU::group "Engineering" targets .*%0Ahint: /),
    '',
  ]);
  expect(r.stderr).toBe('1 error, 0 warnings in 1 file\n');
});

test('clean files print no annotation and exit 0', async () => {
  const cwd = project({ 'corp.yaml': corpMappings([['Engineering', 'Eng']]) });
  const r = await runCli(['validate', '--format', 'github'], { cwd });
  expect([r.code, r.stdout]).toEqual([0, '']);
});

test('a file name and a message cannot break out of the command (GitHub’s escaping rules)', async () => {
  const cwd = project({});
  fs.writeFileSync(path.join(cwd, 'mappings', 'a,b:c.yaml'), 'version: 1\ndirectories: {corp: {app: x, bogus: "50%\\n::error::forged"}}\n');
  const r = await runCli(['validate', '--format', 'github'], { cwd });
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toMatch(/^::error file=mappings\/a%2Cb%3Ac\.yaml,line=\d+,col=\d+,title=SCHEMA::/);
  expect(lines.filter((l) => l.startsWith('::error::'))).toEqual([]);
});

test('escaping: data keeps : and , but not %, CR, LF; properties escape all five', () => {
  expect(escapeData('50% a:b,c\r\nd')).toBe('50%25 a:b,c%0D%0Ad');
  expect(escapeProperty('50% a:b,c\r\nd')).toBe('50%25 a%3Ab%2Cc%0D%0Ad');
});

test('live findings (no file) name their place in the title; info is a notice, warning a warning', () => {
  const out = renderGithubAnnotations([
    { code: 'USER_SCOPE_ASSIGNMENT', severity: 'info', message: 'one user', directory: 'corp' },
    { code: 'GROUP_NOT_FOUND', severity: 'warning', message: 'no group "x"', directory: 'corp', object: { type: 'group', id: 'x' } },
  ]);
  expect(out).toBe('::warning title=GROUP_NOT_FOUND (corp group x)::no group "x"\n::notice title=USER_SCOPE_ASSIGNMENT (corp)::one user\n');
});
