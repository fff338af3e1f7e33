/**
 * One group added on top of an app whose priorities are dense (0, 1, 2, … as the Admin Console leaves
 * them): the plan renumbers every other group to make room, but nobody moves, so no threshold trips and
 * apply needs no --force; renumbering that takes a managed group past an ignored one does move people,
 * and the plan says who. Checked against what the local Okta's provisioning does.
 */
import { project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { mappingFile } from '../e2e/helpers';
import type { OrgSeed } from '../../src/sandbox/types';
import { parsePlanJson } from '../../src/render/json';
import { EMP, login, observed, ou, placements } from './people-org';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  removeProjects();
});

const GROUPS = Array.from({ length: 12 }, (_, i) => `G${i}`);
const org: OrgSeed = {
  users: Array.from({ length: 25 }, (_, i) => ({ login: login(i), firstName: `u${i}`, lastName: 'Test' })),
  groups: [...GROUPS.map((name, i) => ({ name, members: [login(i), login(i + 12)] })), { name: 'New', members: [login(24)] }],
  apps: [{
    label: 'corp.example.com', name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP], updateOUOnGroupChange: true,
    assignments: GROUPS.map((g, i) => ({ group: g, priority: i, profile: { organizationalUnit: ou(g.toLowerCase()) } })),
  }],
};
const yaml = mappingFile(`  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative }
    groups:
${['New', ...GROUPS].map((g) => `      - { group: ${g}, ou: "OU=${g.toLowerCase()},${EMP}" }\n`).join('')}`);

test('a create on top of 12 densely numbered groups renumbers them all, moves nobody, and is not unsafe', async () => {
  sb = await seeded(org);
  const cwd = project({ 'corp.yaml': yaml });
  const planned = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
  expect(planned.stdout).toContain('↕ reorder 12 groups');
  expect(planned.stdout.match(/\(renumbered to make room\)/g)).toHaveLength(12);
  expect(planned.stdout).toContain('corp: 1 user gets the AD app (of 24 app users)');
  expect(planned.stdout).not.toContain('UNSAFE');
  expect(planned.code).toBe(2);

  const before = placements(sb);
  const applied = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
  expect(applied.code).toBe(0);
  const after = placements(sb);
  expect([...after].filter(([l, o]) => before.has(l) && before.get(l) !== o)).toEqual([]);
  expect([...after.keys()].filter((l) => !before.has(l))).toEqual([login(24)]);
});

// A0 B1 U2 C3 V4, U and V ignored: X on top leaves no room above U for X, A and B, so A and B are
// renumbered past U (and C past V). Their order among managed groups is kept, but members of A and U,
// or of C and V, now meet the ignored group first and move; the plan must say who.
const passing: OrgSeed = {
  users: Array.from({ length: 7 }, (_, i) => ({ login: login(i), firstName: `u${i}`, lastName: 'Test' })),
  groups: [
    { name: 'A', members: [login(0), login(1)] },
    { name: 'B', members: [login(2)] },
    { name: 'U', members: [login(0), login(3)] },
    { name: 'C', members: [login(4), login(5)] },
    { name: 'V', members: [login(5)] },
    { name: 'X', members: [login(6)] },
  ],
  apps: [{
    label: 'corp.example.com', name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP], updateOUOnGroupChange: true,
    assignments: ['A', 'B', 'U', 'C', 'V'].map((g, i) => ({ group: g, priority: i, profile: { organizationalUnit: ou(g.toLowerCase()) } })),
  }],
};

test('renumbering that takes managed groups past ignored ones: the plan names exactly the users the local Okta then moves', async () => {
  sb = await seeded(passing);
  const cwd = project({
    'corp.yaml': mappingFile(`  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative, ignore: [U, V] }
    groups:
${['X', 'A', 'B', 'C'].map((g) => `      - { group: ${g}, ou: "OU=${g.toLowerCase()},${EMP}" }\n`).join('')}`),
  });
  const planned = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
  const corp = parsePlanJson(planned.stdout).impact!.directories[0];
  const moved = [`${login(0)}: ${ou('a')} → ${ou('u')}`, `${login(5)}: ${ou('c')} → ${ou('v')}`];
  expect(corp.move.map((c) => `${c.user.login}: ${c.from} → ${c.to}`)).toEqual(moved);
  expect(corp.gain.map((c) => c.user.login)).toEqual([login(6)]);

  const before = placements(sb);
  expect((await runAgainst(sb, cwd, ['apply', '--auto-approve'])).code).toBe(0);
  expect(observed(before, placements(sb))).toEqual({ gain: [`${login(6)}: (none) → ${ou('x')}`], lose: [], move: moved });
});
