/**
 * The plan's impact on people, end to end over real HTTP: what okta-ou predicts (the JSON plan's
 * `impact`) is checked against what the local Okta's provisioning simulation does when the plan is
 * applied — app users removed, created, or moved to another OU (their `dn`).
 */
import { besidesProgress } from '../support/cli';
import type { ImpactLists, UserOuChange } from '../../src/model/people';
import type { Plan } from '../../src/model/types';
import { parsePlanJson } from '../../src/render/json';
import { project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { login, observed, ou, peopleOrg, peopleYaml, placements } from './people-org';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  removeProjects();
});

const line = (c: UserOuChange): string => `${c.user.login}: ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`;
const lines = (l: ImpactLists): { gain: string[]; lose: string[]; move: string[] } => ({ gain: l.gain.map(line), lose: l.lose.map(line), move: l.move.map(line) });

const ORDER: Array<[string, string]> = [['Alpha', 'alpha'], ['Beta', 'beta'], ['Gamma', 'gamma'], ['Leavers', 'leavers'], ['Base', 'base']];

/** Plans `groups`, checks the plan, applies it (with --force) and returns the plan and what the local Okta did. */
async function planAndApply(groups: Array<[string, string]>, opts: { updateOU?: boolean } = {}): Promise<{ plan: Plan; did: ReturnType<typeof observed>; planCode: number; planText: string }> {
  sb = await seeded(peopleOrg(opts.updateOU ?? true));
  const cwd = project({ 'corp.yaml': peopleYaml(groups, opts.updateOU ?? true) });
  const json = await runAgainst(sb, cwd, ['plan', '--format', 'json', '--out', 'plan.json']);
  expect(json.stderr).toBe('Saved the plan to plan.json. To make exactly these changes, run: okta-ou apply plan.json\n');
  const plan = parsePlanJson(json.stdout);
  const text = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
  const before = placements(sb);
  const applied = await runAgainst(sb, cwd, ['apply', 'plan.json', '--force']);
  expect(besidesProgress(applied.stderr)).toEqual([]);
  expect(applied.code).toBe(0);
  return { plan, did: observed(before, placements(sb)), planCode: text.code, planText: text.stdout };
}

test('a delete whose members have no other group: exactly they lose the app, as the local Okta then does', async () => {
  const { plan, did, planCode, planText } = await planAndApply(ORDER.filter(([g]) => g !== 'Leavers'));
  const leavers = [10, 11, 12].map((i) => `${login(i)}: ${ou('leavers')} → (none)`);
  const corp = plan.impact!.directories[0];
  expect(lines(corp)).toEqual({ gain: [], lose: leavers, move: [] });
  expect(corp.appUsers).toBe(20);
  expect(Object.values(plan.impact!.changes).map(lines)).toEqual([{ gain: [], lose: leavers, move: [] }]);
  expect(did).toEqual({ gain: [], lose: leavers, move: [] });
  // 3 of 20 users (15 %) is over the 5 % default: the plan is unsafe, and the banner says how many.
  expect(planCode).toBe(3);
  expect(planText).toContain('   corp: 3 of 20 users of the AD app would lose it (deprovisioned) (15%), over the 5% threshold (safety.maxUsersLosingAppShare); use --force if intended');
  expect(planText).toContain(`      people: 3 users lose the AD app: ${login(10)}, ${login(11)}, ${login(12)}`);
});

test('a reorder of two overlapping groups: exactly the users in both move, to the new winner\'s OU; the individually assigned one stays', async () => {
  const { plan, did, planCode, planText } = await planAndApply([ORDER[1], ORDER[0], ...ORDER.slice(2)]);
  expect(planText).toContain(`      people: 1 user moves OU (${ou('alpha')} → ${ou('beta')}): ${login(3)}\n`);
  expect(planText).toContain(`      people: 1 user assigned individually keeps their own OU: ${login(4)}\n`);
  const moved = [`${login(3)}: ${ou('alpha')} → ${ou('beta')}`];
  const corp = plan.impact!.directories[0];
  expect(lines(corp)).toEqual({ gain: [], lose: [], move: moved });
  expect(corp.individual).toEqual([{ id: expect.stringMatching(/^00u/), login: login(4) }]);
  expect(did).toEqual({ gain: [], lose: [], move: moved });
  // 1 of 20 users moves (5 %), under the 20 % default; 2 of 5 assignments move, under minExisting.
  expect(planCode).toBe(2);
});

test('a create: the users in no assigned group get the app in its OU; a member placed higher keeps their OU', async () => {
  const { plan, did } = await planAndApply([...ORDER, ['Newcomers', 'newcomers']]);
  const gained = ['new1@example.com', 'new2@example.com'].map((l) => `${l}: (none) → ${ou('newcomers')}`);
  expect(lines(plan.impact!.directories[0])).toEqual({ gain: gained, lose: [], move: [] });
  expect(did).toEqual({ gain: gained, lose: [], move: [] });
});

test('an OU change with updateOUOnGroupChange false: the users it places are listed as staying, and the local Okta leaves them', async () => {
  const { plan, did, planText } = await planAndApply([ORDER[0], ORDER[1], ['Gamma', 'gamma2'], ...ORDER.slice(3)], { updateOU: false });
  const corp = plan.impact!.directories[0];
  // The finding counts the group's members; the people line says exactly who stays.
  expect(planText).toContain(`while updateOUOnGroupChange is false: the existing users it places (of its 4 members) stay in the old OU`);
  expect(planText).toContain(`      people: 2 users stay in the old OU (updateOUOnGroupChange: false): ${login(8)}, ${login(9)}\n`);
  // u07 is placed by Beta, which outranks Gamma: only u08 and u09 are Gamma's.
  expect(corp.stay.map(line)).toEqual([8, 9].map((i) => `${login(i)}: ${ou('gamma')} → ${ou('gamma2')}`));
  expect(lines(corp)).toEqual({ gain: [], lose: [], move: [] });
  expect(did).toEqual({ gain: [], lose: [], move: [] });
});

test('the same OU change with updateOUOnGroupChange true moves them, as predicted', async () => {
  const { plan, did } = await planAndApply([ORDER[0], ORDER[1], ['Gamma', 'gamma2'], ...ORDER.slice(3)]);
  const moved = [8, 9].map((i) => `${login(i)}: ${ou('gamma')} → ${ou('gamma2')}`);
  expect(lines(plan.impact!.directories[0])).toEqual({ gain: [], lose: [], move: moved });
  expect(did).toEqual({ gain: [], lose: [], move: moved });
});
