/**
 * `apply PLANFILE` takes its safety verdict from the fresh plan, so that plan must count people too: a
 * saved plan over a user threshold (and no other) is refused without --force, writing nothing.
 */
import { project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { login, peopleOrg, peopleYaml, placements } from './people-org';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  removeProjects();
});

const WITHOUT_LEAVERS: Array<[string, string]> = [['Alpha', 'alpha'], ['Beta', 'beta'], ['Gamma', 'gamma'], ['Base', 'base']];
const REASON = 'corp: 3 of 20 users of the AD app would lose it (deprovisioned) (15%), over the 5% threshold (safety.maxUsersLosingAppShare)';

test('apply of a saved plan that deprovisions more users than the threshold exits 3 and writes nothing; --force applies it', async () => {
  sb = await seeded(peopleOrg());
  const cwd = project({ 'corp.yaml': peopleYaml(WITHOUT_LEAVERS) });
  const planned = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode', '--out', 'plan.json']);
  expect(planned.code).toBe(3);
  expect(planned.stdout).toContain(REASON);
  const before = placements(sb);
  const writesBefore = sb.audit.filter((e) => e.method !== 'GET').length;

  const refused = await runAgainst(sb, cwd, ['apply', 'plan.json']);
  expect(refused.code).toBe(3);
  expect(refused.stderr).toContain(REASON);
  expect(sb.audit.filter((e) => e.method !== 'GET').length).toBe(writesBefore);
  expect(placements(sb)).toEqual(before);

  const forced = await runAgainst(sb, cwd, ['apply', 'plan.json', '--force']);
  expect(forced.code).toBe(0);
  expect([...placements(sb).keys()].filter((l) => !before.has(l))).toEqual([]);
  expect([...before.keys()].filter((l) => !placements(sb!).has(l))).toEqual([10, 11, 12].map(login));
});
