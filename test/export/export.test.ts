/**
 * `okta-ou export` end to end against the local Okta: export → validate → plan shows no changes, over
 * several seeded orgs (names that need quoting, DNs with escaped characters, duplicate group names,
 * extra profile keys, createOnly mappings, the demo org); re-export keeps the user's comments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { SCHEMA_URL } from '../../src/export/schema-ref';
import { runCli } from '../support/cli';
import { oktaRequest, project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';

const users = ['ada', 'bob', 'cy', 'di'].map((n) => ({ login: `${n}@example.com`, firstName: n, lastName: 'Test' }));

const tricky: OrgSeed = {
  users,
  groups: [
    { name: 'R&D, Berlin', members: ['ada@example.com'] },
    { name: 'yes', members: ['bob@example.com'] },
    { name: '#hash: colon', members: [] },
    { name: "O'Brien \"team\"", members: ['cy@example.com'] },
    { name: '- dash', members: [] },
    { name: 'Twin', id: '00gtwin00000000000a1', members: ['di@example.com'] },
    { name: 'Twin', id: '00gtwin00000000000b2', members: [] },
    { name: 'Not assigned', members: [] },
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
      updateOUOnGroupChange: true,
      assignments: [
        { group: 'R&D, Berlin', priority: 0, profile: { organizationalUnit: 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com' } },
        { group: 'yes', priority: 1, profile: { organizationalUnit: 'ou=a\\+b,ou=employees,dc=corp,dc=example,dc=com', extensionAttribute1: 'x' } },
        { group: '#hash: colon', priority: 3, profile: { organizationalUnit: 'ou=\\#1 \\"quoted\\",ou=employees,dc=corp,dc=example,dc=com' } },
        { group: "O'Brien \"team\"", priority: 4, profile: { organizationalUnit: 'ou=employees,dc=corp,dc=example,dc=com' } },
        { group: '- dash', priority: 5, profile: { organizationalUnit: 'ou=employees,dc=corp,dc=example,dc=com' } },
        { group: '00gtwin00000000000a1', priority: 6, profile: { organizationalUnit: 'ou=twins,ou=employees,dc=corp,dc=example,dc=com' } },
        { group: '00gtwin00000000000b2', priority: 7, profile: { organizationalUnit: 'ou=twins,ou=employees,dc=corp,dc=example,dc=com' } },
      ],
      mapping: {
        properties: {
          department: { expression: 'user.department', pushStatus: 'PUSH' },
          title: { expression: 'user.title', pushStatus: 'DONT_PUSH' },
        },
      },
    },
    { label: 'Intranet', name: 'bookmark' },
  ],
};

const twoDomains: OrgSeed = {
  ...tricky,
  apps: [
    ...tricky.apps!,
    {
      label: 'emea.example.com',
      name: 'active_directory',
      namingContext: 'emea.example.com',
      importOUs: ['OU=Staff,DC=emea,DC=example,DC=com'],
      assignments: [{ group: 'yes', priority: 0, profile: { organizationalUnit: 'ou=staff,dc=emea,dc=example,dc=com' } }],
    },
  ],
};

async function exportThenPlan(sb: Sandbox, cwd: string): Promise<{ plan: ReturnType<typeof parsePlanJson>; files: string[] }> {
  const exp = await runAgainst(sb, cwd, ['export']);
  expect(exp.stderr).not.toContain(sb.token);
  expect(exp.code).toBe(0);
  const files = fs.readdirSync(path.join(cwd, 'mappings')).sort();
  const validate = await runCli(['validate', '--format', 'json'], { cwd });
  expect(validate.code).toBe(0);
  sb.audit.length = 0;
  const res = await runAgainst(sb, cwd, ['plan', '--format', 'json', '--detailed-exitcode']);
  expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
  return { plan: parsePlanJson(res.stdout), files };
}

describe('okta-ou export', () => {
  afterAll(removeProjects);

  test.each([
    ['names that need quoting and DNs with escaped characters', tricky],
    ['two domains', twoDomains],
  ])('export → plan shows no changes: %s', async (_name, org) => {
    const sb = await seeded(org);
    try {
      const cwd = project({});
      const { plan, files } = await exportThenPlan(sb, cwd);
      expect(files).toEqual(org === twoDomains ? ['corp.yaml', 'emea.yaml'] : ['corp.yaml']);
      expect(plan.changes).toEqual([]);
      expect(plan.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const corp = parse(fs.readFileSync(path.join(cwd, 'mappings/corp.yaml'), 'utf8'));
      const groups = corp.directories.corp.groups as Array<{ group: string; ou: string; profile?: object }>;
      // Priority order kept; names written as names (quoted by the YAML writer); the two groups named Twin by id.
      expect(groups.map((g) => g.group)).toEqual(['R&D, Berlin', 'yes', '#hash: colon', "O'Brien \"team\"", '- dash', '00gtwin00000000000a1', '00gtwin00000000000b2']);
      expect(groups[1].profile).toEqual({ extensionAttribute1: 'x' });
      expect(corp.directories.corp.attributeMappings.properties).toEqual({
        department: 'user.department',
        title: { expression: 'user.title', push: 'createOnly' },
      });
      expect(corp.directories.corp.importOUs).toEqual(['ou=employees,dc=corp,dc=example,dc=com']);
    } finally {
      await sb.close();
    }
  });

  test('bootstrapping the demo org starts green: export → validate exits 0 → plan changes no assignment', async () => {
    const sb = await seeded('demo');
    try {
      const cwd = project({});
      const exp = await runAgainst(sb, cwd, ['export', '--out', 'from okta']);
      expect(exp.code).toBe(0);
      // The closing hint names the folder it wrote, as a word the shell takes whole.
      expect(exp.stderr).toContain("run okta-ou validate --mappings 'from okta' and okta-ou plan --mappings 'from okta'\n");
      expect(exp.stdout).toContain("wrote from okta/corp.yaml (corp): 4 group(s), 5 mapping properties, 3 import OU(s) inferred; live dn mapping left out (the next plan removes it); 1 assignment(s) outside the import OUs listed under assignments.ignore\n");
      const text = fs.readFileSync(path.join(cwd, 'from okta/corp.yaml'), 'utf8');
      // No okta-ou installed in this project: the schema of this version on the npm CDN.
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
      expect(text).toContain('INFERRED');
      expect(text).toContain('left out here on purpose');
      // legacy-vpn's OU holds only users whose push failed, so it is not under an inferred import OU: it is
      // ignored, with the reason and its OU, instead of being an OU_NOT_IMPORT_OU error in groups.
      const corp = parse(text).directories.corp;
      expect(corp.assignments).toEqual({ mode: 'additive', ignore: ['legacy-vpn'] });
      expect(corp.groups.map((g: { group: string }) => g.group)).toEqual(['Engineering', 'Contractors', 'Sales', 'Finance']);
      expect(text).toContain('#   "legacy-vpn" targets ou=vpn,ou=legacy,dc=corp,dc=example,dc=com\n');
      expect(text).toContain('(as groups entries: OU_NOT_IMPORT_OU errors)');

      const validate = await runCli(['validate', '--mappings', 'from okta'], { cwd });
      expect([validate.code, validate.stdout, validate.stderr]).toEqual([0, '', 'ok: 0 errors, 0 warnings in 2 files\n']);
      sb.audit.length = 0;
      const res = await runAgainst(sb, cwd, ['plan', '--mappings', 'from okta', '--format', 'json']);
      expect(res.code).toBe(0);
      expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
      const plan = parsePlanJson(res.stdout);
      // Only the dn mapping's removal, which the file's comment announces; no assignment change.
      expect(plan.changes.map((c) => `${c.directory} ${c.kind} ${c.action}`)).toEqual(['corp attributeMapping delete']);
      expect(plan.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(plan.findings.find((f) => f.code === 'OU_NOT_IMPORT_OU')?.message).toContain('"legacy-vpn" targets ou=vpn,ou=legacy,dc=corp,dc=example,dc=com, which is not under an import OU');

      // Switching to authoritative does not remove the ignored assignment, and a re-export rewrites nothing.
      const file = path.join(cwd, 'from okta/corp.yaml');
      fs.writeFileSync(file, text.replace('mode: additive', 'mode: authoritative'));
      const strict = parsePlanJson((await runAgainst(sb, cwd, ['plan', '--mappings', 'from okta', '--format', 'json'])).stdout);
      expect(strict.changes.map((c) => `${c.directory} ${c.kind} ${c.action}`)).toEqual(['corp attributeMapping delete']);
      const again = await runAgainst(sb, cwd, ['export', '--out', 'from okta']);
      expect(again.stdout).toBe('unchanged from okta/corp.yaml (corp)\nunchanged from okta/emea.yaml (emea)\n');
    } finally {
      await sb.close();
    }
  });

  test('re-export of a file that lists an assignment outside its import OUs moves it under ignore, then stays put', async () => {
    const sb = await seeded(tricky);
    try {
      const cwd = project({});
      expect((await runAgainst(sb, cwd, ['export'])).code).toBe(0);
      const file = path.join(cwd, 'mappings/corp.yaml');
      // The admin narrows the import OUs to R&D's OU: every other assigned group is now outside them.
      const narrowed = fs.readFileSync(file, 'utf8').replace('      - ou=employees,dc=corp,dc=example,dc=com\n', '      - ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com\n');
      fs.writeFileSync(file, narrowed);
      const again = await runAgainst(sb, cwd, ['export']);
      expect(again.code).toBe(0);
      const corp = parse(fs.readFileSync(file, 'utf8')).directories.corp;
      expect(corp.importOUs).toEqual(['ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com']);
      expect(corp.groups.map((g: { group: string }) => g.group)).toEqual(['R&D, Berlin']);
      expect(corp.assignments.ignore).toEqual(['yes', '#hash: colon', "O'Brien \"team\"", '- dash', '00gtwin00000000000a1', '00gtwin00000000000b2']);
      expect((await runCli(['validate'], { cwd })).code).toBe(0);
      const plan = parsePlanJson((await runAgainst(sb, cwd, ['plan', '--format', 'json'])).stdout);
      expect(plan.changes).toEqual([]);
      expect((await runAgainst(sb, cwd, ['export'])).stdout).toBe('unchanged mappings/corp.yaml (corp)\n');
    } finally {
      await sb.close();
    }
  });

  test('$schema: the copy of okta-ou installed in the repository, by a path relative to the written file', async () => {
    const sb = await seeded(tricky);
    try {
      const cwd = project({});
      const installed = path.join(cwd, 'node_modules/okta-ou');
      fs.mkdirSync(path.join(installed, 'schemas'), { recursive: true });
      fs.writeFileSync(path.join(installed, 'package.json'), '{"name":"okta-ou","version":"0.1.0"}');
      fs.copyFileSync(path.join(__dirname, '../../schemas/okta-ou.schema.json'), path.join(installed, 'schemas/okta-ou.schema.json'));
      expect((await runAgainst(sb, cwd, ['export', '--out', 'okta/mappings'])).code).toBe(0);
      const first = fs.readFileSync(path.join(cwd, 'okta/mappings/corp.yaml'), 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../../node_modules/okta-ou/schemas/okta-ou.schema.json');
      expect(fs.existsSync(path.resolve(cwd, 'okta/mappings', first.split('$schema=')[1]))).toBe(true);
    } finally {
      await sb.close();
    }
  });

  test('re-export keeps comments and layout, and changes only what moved in Okta', async () => {
    const sb = await seeded(tricky);
    try {
      const cwd = project({});
      expect((await runAgainst(sb, cwd, ['export'])).code).toBe(0);
      const file = path.join(cwd, 'mappings/corp.yaml');
      const edited = fs
        .readFileSync(file, 'utf8')
        .replace('    groups:', '    # reviewed by the directory team\n    groups:')
        .replace('mode: additive', 'mode: authoritative # we own this app');
      fs.writeFileSync(file, edited);

      const again = await runAgainst(sb, cwd, ['export']);
      expect(again.stdout).toContain('unchanged mappings/corp.yaml');
      expect(fs.readFileSync(file, 'utf8')).toBe(edited);

      const app = sb.org.findApp('corp.example.com')!;
      const dash = sb.org.findGroup('- dash')!;
      const put = await oktaRequest(sb, 'PUT', `/api/v1/apps/${app.id}/groups/${dash.id}`, { priority: 5, profile: { organizationalUnit: 'ou=moved,ou=employees,dc=corp,dc=example,dc=com' } });
      expect(put.status).toBe(200);
      const third = await runAgainst(sb, cwd, ['export']);
      expect(third.stdout).toContain('updated mappings/corp.yaml');
      const after = fs.readFileSync(file, 'utf8');
      expect(after).toContain('# reviewed by the directory team');
      expect(after).toContain('mode: authoritative # we own this app');
      expect(after).toContain('ou=moved,ou=employees,dc=corp,dc=example,dc=com');
      const changed = after.split('\n').filter((l, i) => l !== edited.split('\n')[i]);
      expect(changed).toEqual(['        ou: ou=moved,ou=employees,dc=corp,dc=example,dc=com']);
      const plan = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
      expect(plan.stdout).toContain('No changes');
      expect(plan.code).toBe(0);
    } finally {
      await sb.close();
    }
  });

  test('re-export of a hand-written file Okta agrees with is byte-identical (ids, DN spelling and comments kept)', async () => {
    const org: OrgSeed = {
      users,
      groups: [
        { name: 'Sales', id: '00gsales000000000001', members: ['ada@example.com'] },
        { name: 'Finance', id: '00gfinance0000000001', members: ['bob@example.com'] },
      ],
      apps: [
        {
          id: '0oacorp0000000000001',
          label: 'corp.example.com',
          name: 'active_directory',
          namingContext: 'corp.example.com',
          importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
          assignments: [
            { group: 'Sales', priority: 0, profile: { organizationalUnit: 'ou=sales,ou=employees,dc=corp,dc=example,dc=com' } },
            { group: 'Finance', priority: 1, profile: { organizationalUnit: 'OU=Finance,OU=Employees,DC=corp,DC=example,DC=com' } },
          ],
          mapping: { properties: { department: { expression: 'user.department', pushStatus: 'PUSH' } } },
        },
      ],
    };
    const handWritten = [
      '# Corp domain, kept by hand',
      'version: 1',
      'directories:',
      '  corp:',
      '    app: 0oacorp0000000000001 # corp.example.com, by id on purpose',
      '    namingContext: DC=Corp,DC=Example,DC=Com',
      '    importOUs:',
      '      - OU=Employees,DC=Corp,DC=Example,DC=Com',
      '    assignments:',
      '      mode: additive',
      '    groups:',
      '      - group: Sales',
      '        ou: OU=Sales, OU=Employees, DC=Corp, DC=Example, DC=Com',
      '      - group: 00gfinance0000000001 # Finance',
      '        ou: ou=finance,ou=employees,dc=corp,dc=example,dc=com',
      '    attributeMappings:',
      '      prune: false',
      '      properties:',
      '        department: user.department',
      '',
    ].join('\n');
    const sb = await seeded(org);
    try {
      const cwd = project({ 'corp.yaml': handWritten });
      const res = await runAgainst(sb, cwd, ['export']);
      expect(res.stdout).toBe('unchanged mappings/corp.yaml (corp)\n');
      expect(res.code).toBe(0);
      expect(fs.readFileSync(path.join(cwd, 'mappings/corp.yaml'), 'utf8')).toBe(handWritten);
      const plan = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
      expect(plan.code).toBe(0);
    } finally {
      await sb.close();
    }
  });

  test('two AD apps with the same label are written by id; a label differing only in case still finds its directory', async () => {
    const twin = (id: string, dc: string): NonNullable<OrgSeed['apps']>[number] => ({
      id,
      label: 'Corp',
      name: 'active_directory',
      namingContext: `${dc}.example.com`,
      importOUs: [`OU=Staff,DC=${dc},DC=example,DC=com`],
      assignments: [{ group: 'Sales', priority: 0, profile: { organizationalUnit: `ou=staff,dc=${dc},dc=example,dc=com` } }],
    });
    const sb = await seeded({ users, groups: [{ name: 'Sales', members: ['ada@example.com'] }], apps: [twin('0oatwina000000000001', 'a'), twin('0oatwinb000000000002', 'b')] });
    try {
      const cwd = project({});
      expect((await runAgainst(sb, cwd, ['export'])).code).toBe(0);
      const written = fs.readdirSync(path.join(cwd, 'mappings')).sort();
      expect(written).toEqual(['corp-2.yaml', 'corp.yaml']);
      const apps = written.map((f) => Object.values(parse(fs.readFileSync(path.join(cwd, 'mappings', f), 'utf8')).directories as Record<string, { app: string }>)[0].app);
      expect(apps.sort()).toEqual(['0oatwina000000000001', '0oatwinb000000000002']);
    } finally {
      await sb.close();
    }
    const one = await seeded({ users, groups: [{ name: 'Sales', members: ['ada@example.com'] }], apps: [twin('0oatwina000000000001', 'a')] });
    try {
      const cwd = project({ 'mine.yaml': 'version: 1\ndirectories:\n  mine:\n    app: CORP # upper case on purpose\n    importOUs:\n      - OU=Staff,DC=a,DC=example,DC=com\n    groups:\n      - group: Sales\n        ou: ou=staff,dc=a,dc=example,dc=com\n' });
      const res = await runAgainst(one, cwd, ['export']);
      expect(res.code).toBe(0);
      expect(fs.readdirSync(path.join(cwd, 'mappings'))).toEqual(['mine.yaml']);
      expect(res.stdout).toMatch(/^updated mappings\/mine\.yaml \(mine\): /);
      expect(fs.readFileSync(path.join(cwd, 'mappings/mine.yaml'), 'utf8')).toContain('    app: CORP # upper case on purpose\n');
    } finally {
      await one.close();
    }
  });

  test('--max-capacity: checked before any Okta call, like plan; a valid share exports', async () => {
    const sb = await seeded(tricky);
    try {
      const cwd = project({});
      sb.audit.length = 0;
      const bad = await runAgainst(sb, cwd, ['export', '--max-capacity', '0.5']);
      expect([bad.code, bad.stdout, bad.stderr.split('\n')[0]]).toEqual([1, '', 'error OKTA_CONFIG --max-capacity 0.5 is out of range']);
      expect(sb.audit).toEqual([]);
      const ok = await runAgainst(sb, cwd, ['export', '--max-capacity', '25%']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^wrote mappings\/corp\.yaml \(corp\): /);
    } finally {
      await sb.close();
    }
  });

  test('--app selects one app; an unknown app is a clear error with the apps found', async () => {
    const sb = await seeded(twoDomains);
    try {
      const cwd = project({});
      const one = await runAgainst(sb, cwd, ['export', '--app', 'emea.example.com']);
      expect(one.code).toBe(0);
      expect(fs.readdirSync(path.join(cwd, 'mappings'))).toEqual(['emea.yaml']);
      const bad = await runAgainst(sb, cwd, ['export', '--app', 'nope.example.com']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('no Active Directory app "nope.example.com"');
      expect(bad.stderr).toContain('corp.example.com');
    } finally {
      await sb.close();
    }
  });
});
