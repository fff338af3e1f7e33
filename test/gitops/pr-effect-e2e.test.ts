/**
 * `plan --base-mappings`: an org with drift (someone moved Engineering's OU by hand) and a pull request
 * that changes something else (Sales' OU). Against the local Okta over HTTP, the comment tells the pull
 * request's change from the drift, from one read of Okta.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanJson } from '../../src/render/json';
import { callsByPath, expectReadOnly, plan, project, useSandbox } from '../e2e/helpers';
import { corpMappings, corpOrg } from '../support/corp-org';

// Drift: the files say OU=Engineering; an admin moved it in the Admin Console.
const org = corpOrg({ Engineering: ['ada@example.com'], Sales: ['bob@example.com'] }, [
  ['Engineering', 'moved by hand'],
  ['Sales', 'Sales'],
]);

const corp = (salesOu: string): string => corpMappings([
  ['Engineering', 'Engineering'],
  ['Sales', salesOu],
]);

describe('plan --base-mappings: this pull request vs drift already there', () => {
  const sb = useSandbox(org);

  function headAndBase(): string {
    const cwd = project({ 'corp.yaml': corp('Sales Team') });
    fs.mkdirSync(path.join(cwd, 'base', 'mappings'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'base', 'mappings', 'corp.yaml'), corp('Sales'));
    return cwd;
  }

  test('the comment lists the pull request’s change apart from the drift, from one read of Okta', async () => {
    const cwd = headAndBase();
    const alone = await plan(sb, cwd, ['--format', 'markdown', '--out', 'alone.json']);
    const readsAlone = callsByPath(sb);
    const res = await plan(sb, cwd, ['--format', 'markdown', '--detailed-exitcode', '--base-mappings', 'base/mappings', '--out', 'plan.json']);
    expect(res.code).toBe(2);
    expectReadOnly(sb);
    // One read: the same calls as planning the head alone, none for the base.
    expect(callsByPath(sb)).toEqual(readsAlone);

    const md = res.stdout;
    const section = md.slice(md.indexOf('### What this pull request changes'), md.indexOf('### Drift already there'));
    const drift = md.slice(md.indexOf('### Drift already there'), md.indexOf('**Plan:'));
    expect(section).toContain('**1 change from this pull request:**');
    expect(section).toContain('update &quot;Sales&quot;');
    expect(section).not.toContain('Engineering');
    expect(drift).toContain('**1 change of drift already there on the base branch');
    expect(drift).toContain('update &quot;Engineering&quot;');
    expect(drift).not.toContain('Sales');
    // The rest of the comment is the head's plan as without --base-mappings.
    expect(md.replace(/### What this pull request changes[\s\S]*?(?=\*\*Plan:)/, '')).toBe(alone.stdout);
    const saved = parsePlanJson(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8'));
    expect(saved.changes.map((c) => c.id)).toEqual(parsePlanJson(fs.readFileSync(path.join(cwd, 'alone.json'), 'utf8')).changes.map((c) => c.id));
    expect(saved.fingerprint).toBe(parsePlanJson(fs.readFileSync(path.join(cwd, 'alone.json'), 'utf8')).fingerprint);
  });

  test('a pull request that changes nothing shows only the drift; text output says the same', async () => {
    const cwd = project({ 'corp.yaml': corp('Sales') });
    fs.mkdirSync(path.join(cwd, 'base'));
    fs.cpSync(path.join(cwd, 'mappings'), path.join(cwd, 'base', 'mappings'), { recursive: true });
    const res = await plan(sb, cwd, ['--base-mappings', 'base/mappings']);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').slice(0, 3)).toEqual([
      'This pull request changes nothing in Okta.',
      '1 change of drift already there on the base branch (not caused by this pull request; merging applies it too):',
      '  ~ corp: update "Engineering"',
    ]);
  });

  test('a base branch without mappings (the first pull request): every change is the pull request’s', async () => {
    const cwd = headAndBase();
    const res = await plan(sb, cwd, ['--format', 'markdown', '--base-mappings', 'no-such-folder']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('**2 changes from this pull request:**');
    expect(res.stdout).toContain('None: Okta matches the base branch’s files.');
  });

  test('the pull request accepts the drift: shown as drift it replaces, and nothing it adds', async () => {
    const cwd = project({ 'corp.yaml': corpMappings([
      ['Engineering', 'moved by hand'],
      ['Sales', 'Sales'],
    ]) });
    fs.mkdirSync(path.join(cwd, 'base', 'mappings'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'base', 'mappings', 'corp.yaml'), corp('Sales'));
    const res = await plan(sb, cwd, ['--format', 'markdown', '--base-mappings', 'base/mappings']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('**Nothing: this pull request changes nothing in Okta.**');
    expect(res.stdout).toContain('**1 change of drift on the base branch that this pull request accepts or replaces:**');
  });

  test('unreadable base mappings: a warning, and the plan without the split', async () => {
    const cwd = headAndBase();
    fs.writeFileSync(path.join(cwd, 'base', 'mappings', 'corp.yaml'), 'version: [1\n');
    const res = await plan(sb, cwd, ['--format', 'markdown', '--base-mappings', 'base/mappings']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('warning: the base mappings in base/mappings cannot be read (YAML_SYNTAX)');
    expect(res.stdout).not.toContain('### What this pull request changes');
  });

  test('base mappings not in UTF-8: a warning, and the plan without the split (not a split against the rest)', async () => {
    const cwd = headAndBase();
    fs.writeFileSync(path.join(cwd, 'base', 'mappings', 'corp.yaml'), Buffer.from('version: 1\n# caf\xe9\n', 'latin1'));
    const res = await plan(sb, cwd, ['--format', 'markdown', '--base-mappings', 'base/mappings']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('warning: the base mappings in base/mappings cannot be read (ENCODING)');
    expect(res.stdout).not.toContain('### What this pull request changes');
  });
});
