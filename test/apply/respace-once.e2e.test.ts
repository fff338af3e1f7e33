/**
 * An org as the Admin Console leaves it has dense priorities (0, 1, 2, …). The first insert in the middle
 * re-spaces the whole managed list once (the plan says which groups are only renumbered); the next insert
 * anywhere is one write. Against the local Okta over real HTTP; an unmanaged group keeps its slot.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import { priorityBound } from '../../src/plan/assign-slots';
import { assignments, cli, order, project, replayCollisions, snapshot, writes } from './support/harness';
import { useSandbox } from '../support/sandbox';
import { APP, EMP, corpApp, ou } from './support/orgs';

const LISTED = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7'];

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
  groups: [...LISTED, 'U', 'X', 'Y'].map((name) => ({ name, members: ['ada@example.com'] })),
  // Dense: G0..G7 at 0..7, then U (not in the file; additive mode leaves it alone) at 8.
  apps: [corpApp([...LISTED, 'U'].map((group, priority) => ({ group, priority, profile: { organizationalUnit: ou(group.toLowerCase()) } })))],
};

const yaml = (groups: string[]): string => `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    groups:
${groups.map((g) => `      - { group: ${g}, ou: "OU=${g},${EMP}" }`).join('\n')}
`;

describe('the first insert into a dense list re-spaces it once; the next costs one write', () => {
  const sb = useSandbox(org);

  test('insert X in the middle (whole list renumbered), then Y elsewhere (1 write), in file order, U unmoved', async () => {
    const assignmentWrites = (from: number) => writes(sb).slice(from).filter((e) => e.path.includes('/groups/'));
    const initial = snapshot(sb, APP);
    const first = [...LISTED.slice(0, 3), 'X', ...LISTED.slice(3)];
    const cwd = project({ 'corp.yaml': yaml(first) });

    const plan = await cli(sb, cwd, ['plan']);
    expect(plan.code).toBe(0);
    const renumbered = plan.stdout.split('\n').filter((l) => l.includes('(renumbered to make room)'));
    expect(renumbered).toHaveLength(LISTED.length);
    expect((await cli(sb, cwd, ['apply', '--auto-approve'])).code).toBe(0);
    expect(assignmentWrites(0)).toHaveLength(LISTED.length + 1);
    expect(order(sb, APP).filter((g) => g !== 'U')).toEqual(first);
    expect(assignments(sb, APP).U.priority).toBe(8);
    const highest = Math.max(...Object.values(assignments(sb, APP)).map((a) => a.priority));
    expect(highest).toBeLessThan(priorityBound(LISTED.length + 2));
    expect(replayCollisions(sb, APP, initial).collisions).toEqual([]);

    const mark = writes(sb).length;
    const second = [...first.slice(0, 7), 'Y', ...first.slice(7)];
    const project2 = project({ 'corp.yaml': yaml(second) });
    expect((await cli(sb, project2, ['apply', '--auto-approve'])).code).toBe(0);
    expect(assignmentWrites(mark).map((e) => `${e.method} ${e.path.slice(e.path.lastIndexOf('/') + 1)}`)).toEqual([`PUT ${sb.org.findGroup('Y')!.id}`]);
    expect(order(sb, APP).filter((g) => g !== 'U')).toEqual(second);
    expect(assignments(sb, APP).U.priority).toBe(8);

    const again = await cli(sb, project2, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });
});
