/**
 * Names that are also JavaScript's own (`__proto__`, `constructor`, `toString`, …) are plain data end to
 * end: as directory names, group names, profile keys and mapping properties they load, plan, render,
 * apply, verify and export like any other name. A property test draws them for every position.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { OrgSeed } from '../../src/sandbox/types';
import { cli, project, removeProjects, sandbox } from '../apply/support/harness';

const JS_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'] as const;
// A directory name starts with a letter or digit (the schema), so "__proto__" is not one.
const DIRECTORY_NAMES = JS_NAMES.filter((n) => /^[A-Za-z0-9]/.test(n));
const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const APP = 'corp.example.com';

afterAll(() => removeProjects());

function orgWith(group: string, profileKey: string, property: string): OrgSeed {
  return {
    users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Test', title: 'Eng' }],
    groups: [{ name: group, members: ['ada@example.com'] }, { name: 'Sales', members: [] }],
    apps: [{
      label: APP, name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP],
      schema: { [property]: { title: property, type: 'string' }, [profileKey]: { title: profileKey, type: 'string' } },
      assignments: [{ group: 'Sales', priority: 0, profile: { organizationalUnit: `ou=sales,${EMP.toLowerCase()}` } }],
    }],
  };
}

const q = (s: string): string => JSON.stringify(s);

function yaml(dir: string, group: string, profileKey: string, property: string): string {
  return `version: 1
directories:
  ${q(dir)}:
    app: ${APP}
    importOUs: [${q(EMP)}]
    groups:
      - group: Sales
        ou: OU=Sales,${EMP}
      - group: ${q(group)}
        ou: OU=Engineering,${EMP}
        profile: { ${q(profileKey)}: "v-${profileKey}" }
    attributeMappings:
      properties:
        ${q(property)}: user.title
`;
}

test('validate, plan, apply, verify, re-plan and export treat JavaScript-owned names as data', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...DIRECTORY_NAMES), fc.constantFrom(...JS_NAMES), fc.constantFrom(...JS_NAMES), fc.constantFrom(...JS_NAMES), async (dir, group, profileKey, property) => {
      const sb = await sandbox({ org: orgWith(group, profileKey, property) });
      try {
        const cwd = project({ 'corp.yaml': yaml(dir, group, profileKey, property) });
        const v = await cli(sb, cwd, ['validate']);
        expect([v.code, v.stdout, v.stderr]).toEqual([0, '', expect.stringContaining('0 errors')]);
        const p = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
        expect({ code: p.code, out: p.stdout }).toEqual({ code: 2, out: expect.stringContaining(`+ ${group}`) });
        expect(p.stdout).toContain(`mapping ${property}`);
        const a = await cli(sb, cwd, ['apply', '--auto-approve', '--format', 'json']);
        expect({ code: a.code, out: a.stdout }).toEqual({ code: 0, out: expect.stringContaining('"verified"') });
        expect((JSON.parse(a.stdout) as { verified: boolean }).verified).toBe(true);
        const app = sb.org.findApp(APP)!;
        const mine = sb.org.assignmentsOf(APP).find((x) => x.groupId === sb.org.findGroup(group)!.id)!;
        expect(Object.hasOwn(mine.profile, profileKey) && mine.profile[profileKey]).toBe(`v-${profileKey}`);
        const mapping = sb.org.mappingFor(app.id)!;
        expect(Object.hasOwn(mapping.properties, property) && mapping.properties[property].expression).toBe('user.title');
        const again = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
        expect({ code: again.code, out: again.stdout }).toEqual({ code: 0, out: expect.stringContaining('No changes') });
        const e = await cli(sb, cwd, ['export', '--out', 'exported']);
        expect({ code: e.code, err: e.stderr }).toEqual({ code: 0, err: expect.any(String) });
        const exported = fs.readdirSync(path.join(cwd, 'exported')).map((f) => fs.readFileSync(path.join(cwd, 'exported', f), 'utf8')).join('\n');
        expect(exported).toContain(group);
        expect(exported).toContain(property);
      } finally {
        await sb.close();
      }
    }),
    // Every name in every position at least once (the examples), then random mixes.
    { numRuns: 12, seed: 14, examples: JS_NAMES.map((n, i): [string, string, string, string] => [DIRECTORY_NAMES[i % DIRECTORY_NAMES.length], n, n, n]) },
  );
});
