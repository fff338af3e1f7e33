import fc from 'fast-check';
import { planAssignments, sortedAssignments, unmanagedAssignments } from '../../src/plan/diff-assignments';
import { resolveGroups } from '../../src/plan/resolve-groups';
import { priorityDuplicate } from '../../src/plan/lints/priority-duplicate';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState } from '../support/builders';

const C = 'DC=corp,DC=example,DC=com';

/** A directory listing some of groups G0…G5, and live assignments of some of them (a group may come twice). */
const scenario = fc.record({
  listed: fc.uniqueArray(fc.nat(5), { maxLength: 6 }),
  assigned: fc.array(fc.record({ g: fc.nat(5), priority: fc.oneof(fc.nat(4), fc.constant(Number.NaN)) }), { maxLength: 8 }),
});

function build({ listed, assigned }: { listed: number[]; assigned: Array<{ g: number; priority: number }> }) {
  const d = aDesiredDirectory();
  for (const g of listed) d.withGroup(`G${g}`, `OU=G${g},${C}`);
  const l = aLiveDirectory();
  for (let g = 0; g < 6; g++) l.withGroup(`G${g}`);
  for (const a of assigned) l.withAssignment(`G${a.g}`, `OU=G${a.g},${C}`, a.priority);
  return { desired: d.build(), live: l.build() };
}

describe('live assignment indexes the live lints share', () => {
  it('unmanagedAssignments: the assignments of groups not managed, in sorted order, also when all are managed or a group comes twice', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { desired, live } = build(s);
        const resolution = resolveGroups(desired, live);
        const managed = new Set(resolution.managed.map((m) => m.group.id));
        const { assigned } = planAssignments(desired, live, resolution);
        expect(unmanagedAssignments(live, resolution, assigned)).toEqual(sortedAssignments(live).filter((a) => !managed.has(a.groupId)));
      }),
    );
  });

  it('PRIORITY_DUPLICATE: one finding per shared priority, in priority order, naming the sharers in sorted order', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { desired, live } = build(s);
        const byPriority = new Map<number, string[]>();
        for (const a of sortedAssignments(live)) {
          if (Number.isNaN(a.priority)) continue;
          byPriority.set(a.priority, [...(byPriority.get(a.priority) ?? []), `"${live.groups[a.groupId].name}"`]);
        }
        const expected = [...byPriority].filter(([, names]) => names.length > 1).map(([p, names]) => `live assignments of ${names.join(', ')} share priority ${p}`);
        const got = priorityDuplicate.check({ desired: aDesiredState(desired), live: aLiveState(live) }).map((f) => f.message.split(':')[0]);
        expect(got).toEqual(expected);
      }),
    );
  });
});
