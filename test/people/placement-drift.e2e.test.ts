/**
 * USER_OU_MISMATCH end to end: users left behind by an OU change while "update OU" is off, and a user
 * assigned individually, are found by `plan --check-placement` (the drift job's plan) with a count and a
 * sample; a plan without changes and without the flag reads no memberships at all.
 */
import type { Finding } from '../../src/model/types';
import { parsePlanJson } from '../../src/render/json';
import { callsByPath, plan } from '../e2e/helpers';
import { project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { EMP, login, ou, peopleOrg, peopleYaml, placements } from './people-org';

let sb: Sandbox;
let cwd: string;
beforeAll(async () => {
  // updateOUOnGroupChange off: Gamma's OU changes, its users stay where they are.
  sb = await seeded(peopleOrg(false));
  cwd = project({ 'corp.yaml': peopleYaml([['Alpha', 'alpha'], ['Beta', 'beta'], ['Gamma', 'gamma2'], ['Leavers', 'leavers'], ['Base', 'base']], false) });
  const applied = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
  expect(applied.code).toBe(0);
});
afterAll(async () => {
  await sb.close();
  removeProjects();
});

const mismatch = (findings: Finding[]): Finding[] => findings.filter((f) => f.code === 'USER_OU_MISMATCH');

test('with no change to plan, no membership is read, and no placement finding is guessed', async () => {
  const r = await plan(sb, cwd, ['--format', 'json', '--detailed-exitcode']);
  expect(r.code).toBe(0);
  const p = parsePlanJson(r.stdout);
  expect(p.changes).toEqual([]);
  expect(p.impact).toBeUndefined();
  expect(mismatch(p.findings)).toEqual([]);
  expect(callsByPath(sb)['GET /api/v1/groups/{00g}/users']).toBeUndefined();
});

test('--check-placement reports the users not in the OU their winning group says, as the local Okta has them', async () => {
  const r = await plan(sb, cwd, ['--format', 'json', '--check-placement']);
  expect(r.code).toBe(0);
  const p = parsePlanJson(r.stdout);
  // The local Okta's own placement: u08 and u09 were left in Gamma's old OU, u04 keeps its individual dn.
  const where = placements(sb);
  expect([4, 8, 9].map((i) => where.get(login(i)))).toEqual([EMP.toLowerCase(), ou('gamma'), ou('gamma')]);
  expect(mismatch(p.findings)).toEqual([
    {
      code: 'USER_OU_MISMATCH',
      severity: 'warning',
      message:
        `3 provisioned users of "corp.example.com" are not in the OU their winning group says: ` +
        [
          `${login(4)} (assigned individually) is in CN=u04 Test,${EMP}, Alpha says ${ou('alpha')}`,
          `${login(8)} is in CN=u08 Test,${ou('gamma')}, Gamma says ${ou('gamma2')}`,
          `${login(9)} is in CN=u09 Test,${ou('gamma')}, Gamma says ${ou('gamma2')}`,
        ].join('; '),
      hint: expect.stringContaining('okta-ou explain USER'),
      directory: 'corp',
      object: { type: 'app', id: sb.org.findApp('corp.example.com')!.id, name: 'corp.example.com' },
    },
  ]);
  // Every assigned group's members, one page each; no member-count search.
  expect(callsByPath(sb)['GET /api/v1/groups/{00g}/users']).toBe(5);
});
