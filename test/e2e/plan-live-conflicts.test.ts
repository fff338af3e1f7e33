/**
 * Conflicts only the live org reveals, end to end against the local Okta: two directories whose `app:`
 * texts differ but resolve to the same app (DIRECTORY_CONFLICT), and a label two AD apps share
 * (APP_AMBIGUOUS). Both are errors: plan exits 1 and apply writes nothing.
 */
import type { Plan } from '../../src/model/types';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { runCli } from '../support/cli';
import { expectReadOnly, mappingFile, oktaEnv, plan, project, useSandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const CORP_ID = '0oaCorpAd000000000001';
const TWIN_IDS = ['0oaTwinAd000000000001', '0oaTwinAd000000000002'];

const org: OrgSeed = {
  groups: [
    { name: 'Engineering', members: [] },
    { name: 'Sales', members: [] },
  ],
  apps: [
    {
      id: CORP_ID,
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` } }],
    },
    ...TWIN_IDS.map((id) => ({ id, label: 'twin.example.com', name: 'active_directory', namingContext: 'twin.example.com' })),
  ],
};

describe('plan and apply: conflicts the live org reveals', () => {
  const sb = useSandbox(org);

  describe('DIRECTORY_CONFLICT: one directory names the app by id, the other by label', () => {
    let cwd: string;
    beforeAll(() => {
      cwd = project({
        'corp.yaml': mappingFile(`  corp:
    app: ${CORP_ID}
    importOUs: ["${EMP}"]
    groups:
      - group: Engineering
        ou: OU=Engineering,${EMP}
`),
        'hq.yaml': mappingFile(`  hq:
    app: corp.example.com
    importOUs: ["${EMP}"]
    groups:
      - group: Sales
        ou: OU=Sales,${EMP}
`),
      });
    });

    test('plan reports it at both app: fields and exits 1', async () => {
      const r = await plan(sb, cwd, ['--format', 'json']);
      expect(r.code).toBe(1);
      const parsed: Plan = parsePlanJson(r.stdout);
      const found = parsed.findings.filter((f) => f.code === 'DIRECTORY_CONFLICT');
      expect(found.map((f) => [f.severity, f.directory, f.file, f.line, f.column, f.related])).toEqual([
        ['error', 'corp', 'mappings/corp.yaml', 4, 10, [{ file: 'mappings/hq.yaml', line: 4, column: 10 }]],
        ['error', 'hq', 'mappings/hq.yaml', 4, 10, [{ file: 'mappings/corp.yaml', line: 4, column: 10 }]],
      ]);
      expect(found[0].message).toBe(
        `directories "corp" (app: ${CORP_ID}) and "hq" (app: corp.example.com) both manage app "corp.example.com" (${CORP_ID}) (other at mappings/hq.yaml:4:10)`,
      );
      expectReadOnly(sb);
    });

    test('apply --auto-approve refuses with exit 1 and writes nothing', async () => {
      sb.audit.length = 0;
      const r = await runCli(['apply', '--auto-approve'], { env: oktaEnv(sb), cwd });
      expect(r.code).toBe(1);
      expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
    });
  });

  describe('APP_AMBIGUOUS: two AD apps carry the label the file names', () => {
    test('plan names both app ids, tells the user to write the id, reads neither app\'s assignments, exits 1', async () => {
      const cwd = project({
        'twin.yaml': mappingFile(`  twin:
    app: twin.example.com
    importOUs: ["OU=Staff,DC=twin,DC=example,DC=com"]
`),
      });
      const r = await plan(sb, cwd, ['--format', 'json']);
      expect(r.code).toBe(1);
      const parsed: Plan = parsePlanJson(r.stdout);
      expect(parsed.findings).toEqual([
        {
          code: 'APP_AMBIGUOUS',
          severity: 'error',
          message: `directory "twin": 2 Okta apps match "twin.example.com": ${TWIN_IDS[0]} (twin.example.com, active_directory), ${TWIN_IDS[1]} (twin.example.com, active_directory)`,
          hint: `write the id of the intended app instead of its label, e.g. app: ${TWIN_IDS[0]}`,
          directory: 'twin',
          file: 'mappings/twin.yaml',
          line: 4,
          column: 10,
          object: { type: 'app', id: TWIN_IDS[0], name: 'twin.example.com' },
        },
      ]);
      expect(parsed.changes).toEqual([]);
      expect(sb.audit.filter((e) => e.path.includes('/groups')).map((e) => e.path)).toEqual([]);
      expectReadOnly(sb);
    });
  });
});
