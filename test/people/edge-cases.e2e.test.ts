/**
 * The plan's people impact in the harder cases, end to end over real HTTP, checked against what the
 * local Okta's provisioning does on apply: in one plan a delete and a reorder; an ignored group that
 * outranks a managed one; a user whose only other group is an ignored assignment; two groups sharing a
 * priority; an individually assigned user; and a second directory (update OU off) changed at the same time.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import type { UserOuChange } from '../../src/model/people';
import { parsePlanJson } from '../../src/render/json';
import { mappingFile } from '../e2e/helpers';
import { project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { EMP, login, observed, ou } from './people-org';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  removeProjects();
});

const assigned = (names: string[], prefix = '', priorities?: number[]) =>
  names.map((g, i) => ({ group: g, priority: priorities?.[i] ?? i, profile: { organizationalUnit: ou(prefix + g.toLowerCase()) } }));

// Legacy and Catch are ignored by the files; TieX and TieY share priority 6 (TieX assigned first).
const org: OrgSeed = {
  users: Array.from({ length: 16 }, (_, i) => ({ login: login(i), firstName: `u${i}`, lastName: 'Test' })),
  groups: [
    { name: 'Legacy', members: [login(0), login(1)] },
    { name: 'A', members: [login(0), login(2), login(3), login(4), login(5)] },
    { name: 'B', members: [login(1), login(3), login(6)] },
    { name: 'C', members: [login(4), login(6), login(7), login(14)] },
    { name: 'D', members: [login(5), login(8), login(9), login(13)] },
    { name: 'Catch', members: [login(9), login(10)] },
    { name: 'TieX', members: [login(11), login(12)] },
    { name: 'TieY', members: [login(11), login(15)] },
  ],
  apps: [
    {
      label: 'corp.example.com', name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP], updateOUOnGroupChange: true,
      assignments: assigned(['Legacy', 'A', 'B', 'C', 'D', 'Catch', 'TieX', 'TieY'], '', [0, 1, 2, 3, 4, 5, 6, 6]),
      users: [{ user: login(13), scope: 'USER' }],
    },
    { label: 'lab.example.com', name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP], updateOUOnGroupChange: false, assignments: assigned(['A', 'C'], 'lab') },
  ],
};

const group = (g: string, o = g.toLowerCase()): string => `      - { group: ${g}, ou: "OU=${o},${EMP}" }\n`;
const yaml = mappingFile(`  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    updateOUOnGroupChange: true
    assignments: { mode: authoritative, ignore: [Legacy, Catch] }
    groups:
${['C', 'A', 'B', 'TieY', 'TieX'].map((g) => group(g)).join('')}  lab:
    app: lab.example.com
    importOUs: ["${EMP}"]
    updateOUOnGroupChange: false
    assignments: { mode: authoritative }
    groups:
${group('C', 'labc')}${group('A', 'laba')}`);

/** login → OU of each app user of `app` in the local Okta. */
function placementsOf(s: Sandbox, app: string): Map<string, string> {
  return new Map(
    s.org.appUsersOf(app).map((u) => {
      const dn = String(u.profile.dn ?? '');
      return [s.org.users.get(u.userId)!.profile.login, dn.slice(dn.indexOf(',') + 1).toLowerCase()];
    }),
  );
}

const line = (c: UserOuChange): string => `${c.user.login}: ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`;

test('a delete and a reorder in one plan, ignored groups, a priority tie and two directories: the impact is what the local Okta does', async () => {
  sb = await seeded(org);
  const cwd = project({ 'm.yaml': yaml });
  const plan = parsePlanJson((await runAgainst(sb, cwd, ['plan', '--format', 'json'])).stdout);
  const [corp, lab] = plan.impact!.directories;
  const want = {
    gain: [],
    lose: [`${login(8)}: ${ou('d')} → (none)`],
    move: [
      `${login(4)}: ${ou('a')} → ${ou('c')}`, // A and C: C now first
      `${login(6)}: ${ou('b')} → ${ou('c')}`, // B and C
      `${login(9)}: ${ou('d')} → ${ou('catch')}`, // D deleted: the ignored Catch places them
      `${login(11)}: ${ou('tiex')} → ${ou('tiey')}`, // the tie went to TieX, assigned first
    ],
  };
  expect({ gain: corp.gain.map(line), lose: corp.lose.map(line), move: corp.move.map(line) }).toEqual(want);
  // u00 (Legacy and A), u01 (Legacy and B): Legacy outranks both before and after; u05 (A and D) keeps A.
  expect(corp.stay).toEqual([]);
  expect(corp.individual.map((u) => u.login)).toEqual([login(13)]);
  expect(lab.stay.map(line)).toEqual([`${login(4)}: ${ou('laba')} → ${ou('labc')}`]);
  expect([lab.gain, lab.lose, lab.move]).toEqual([[], [], []]);

  const before = [placementsOf(sb, 'corp.example.com'), placementsOf(sb, 'lab.example.com')];
  expect((await runAgainst(sb, cwd, ['apply', '--auto-approve', '--force'])).code).toBe(0);
  expect(observed(before[0], placementsOf(sb, 'corp.example.com'))).toEqual(want);
  // Update OU off: u04 is left in lab's old OU, as the plan said.
  expect(observed(before[1], placementsOf(sb, 'lab.example.com'))).toEqual({ gain: [], lose: [], move: [] });
});
