/**
 * `okta-ou explain USER` end to end over real HTTP: for users in one, two and three assigned groups, a user
 * assigned individually and a user in no group, what explain says (the winner's OU now, and after the
 * mappings) is what the local Okta's provisioning simulation places them in, before and after apply.
 */
import type { Explanation } from '../../src/render/explain';
import { project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { EMP, login, ou, peopleOrg, peopleYaml, placements } from './people-org';

let sb: Sandbox;
let cwd: string;
// A fresh local Okta per test: one test applies, and tests run in any order.
beforeEach(async () => {
  sb = await seeded(peopleOrg());
  // A reorder: Beta above Alpha.
  cwd = project({ 'corp.yaml': peopleYaml([['Beta', 'beta'], ['Alpha', 'alpha'], ['Gamma', 'gamma'], ['Leavers', 'leavers'], ['Base', 'base']]) });
});
afterEach(async () => {
  await sb.close();
  removeProjects();
});

async function explain(user: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return runAgainst(sb, cwd, ['explain', user, ...extra]);
}

async function explainJson(user: string): Promise<Explanation> {
  const r = await explain(user, ['--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Explanation;
}

// `actual`: where the user's app user is; for the individually assigned u04 its own dn (the local Okta puts
// it in the first import OU), not the OU its winning group says.
const cases = [
  { who: 'one group (Alpha)', user: login(0), now: ou('alpha'), after: ou('alpha'), actual: ou('alpha'), outcome: 'unchanged', groups: ['Alpha'] },
  { who: 'two groups (Beta, Gamma)', user: login(7), now: ou('beta'), after: ou('beta'), actual: ou('beta'), outcome: 'unchanged', groups: ['Beta', 'Gamma'] },
  { who: 'three groups (Alpha, Beta, Gamma)', user: login(3), now: ou('alpha'), after: ou('beta'), actual: ou('alpha'), outcome: 'move', groups: ['Alpha', 'Beta', 'Gamma'] },
  { who: 'two groups, assigned individually', user: login(4), now: ou('alpha'), after: ou('beta'), actual: EMP.toLowerCase(), outcome: 'individual', groups: ['Alpha', 'Beta'] },
  { who: 'no group', user: 'new1@example.com', now: null, after: null, actual: null, outcome: 'unchanged', groups: [] },
];

test('explain agrees with the local Okta\'s placement now and, after apply, with where the user lands', async () => {
  const said = new Map<string, Explanation>();
  for (const c of cases) said.set(c.user, await explainJson(c.user));
  const before = placements(sb);
  for (const c of cases) {
    const d = said.get(c.user)!.directories[0];
    expect([c.who, d.groupsNow.map((g) => g.name), d.outcome]).toEqual([c.who, c.groups, c.outcome]);
    // The winner's OU now and after, and where the local Okta has the user now.
    expect([c.who, d.now?.ou ?? null, d.after?.ou ?? null, before.get(c.user) ?? null]).toEqual([c.who, c.now, c.after, c.actual]);
    expect([c.who, d.dnInWinningOu]).toEqual([c.who, c.now === null ? null : c.now === c.actual]);
    expect([c.who, d.individual, d.appUser === null]).toEqual([c.who, c.outcome === 'individual', c.actual === null]);
  }

  const applied = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
  expect(applied.code).toBe(0);
  const after = placements(sb);
  for (const c of cases) {
    const d = said.get(c.user)!.directories[0];
    // Individually assigned users keep their own placement whatever their groups say.
    const lands = d.outcome === 'individual' ? c.actual : (d.after?.ou ?? null);
    expect([c.who, after.get(c.user) ?? null]).toEqual([c.who, lands]);
  }
});

test('the text names the groups in priority order, the winner, the move and the dn check', async () => {
  const r = await explain(login(3));
  expect(r.code).toBe(0);
  const u03 = sb.org.findUser(login(3))!;
  expect(r.stdout).toBe(
    [
      `${login(3)} (${u03.id})`,
      '',
      `corp  (app corp.example.com, ${sb.org.findApp('corp.example.com')!.id})`,
      '  assigned groups now, highest priority first:',
      `    Alpha  priority 0  OU ${ou('alpha')}  ← wins`,
      `    Beta   priority 1  OU ${ou('beta')}`,
      `    Gamma  priority 2  OU ${ou('gamma')}`,
      '  after the mappings:',
      `    Beta   priority 0  OU ${ou('beta')}  ← wins`,
      `    Alpha  priority 1  OU ${ou('alpha')}`,
      `    Gamma  priority 2  OU ${ou('gamma')}`,
      `  moves: ${ou('alpha')} (by Alpha) → ${ou('beta')} (by Beta)`,
      '  assigned individually: no',
      `  app user: PROVISIONED, SYNCHRONIZED, scope GROUP, dn CN=u03 Test,${ou('alpha')}: in the OU Alpha says`,
      '',
    ].join('\n'),
  );
});

test('an unknown user: exit 1, what was looked for and what to do, and no write', async () => {
  const start = sb.audit.length;
  const r = await explain('nobody@example.com');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('no Okta user has the login, email or id nobody@example.com');
  expect(r.stderr).toContain('hint: check the spelling');
  expect(sb.audit.slice(start).filter((e) => e.method !== 'GET')).toEqual([]);
});

test('no user named: exit 1 with the usage, before any call to Okta', async () => {
  const start = sb.audit.length;
  const r = await runAgainst(sb, cwd, ['explain']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('explain takes one user (login, email or id), got 0');
  expect(sb.audit.length).toBe(start);
});

test('a user found by email when it is not their login', async () => {
  const u = sb.org.findUser(login(0))!;
  u.profile.email = 'alpha.zero@mail.example.com';
  const d = await explainJson('alpha.zero@mail.example.com');
  expect(d.user).toEqual({ id: u.id, login: login(0) });
});
