import type { AssignmentChange, LiveGroup } from '../../src/model/types';
import { diffAssignments } from '../../src/plan/diff-assignments';
import { aDesiredDirectory, aLiveDirectory, type DesiredDirectoryBuilder, type LiveDirectoryBuilder } from '../support/builders';

const C = 'DC=corp,DC=example,DC=com';
const ou = (name: string): string => `OU=${name},OU=Employees,${C}`;
const lc = (name: string): string => `ou=${name.toLowerCase()},ou=employees,dc=corp,dc=example,dc=com`;
const g = (name: string): { id: string; name: string } => ({ id: `00g${name.replace(/[^A-Za-z0-9]/g, '')}`, name });

const cases: Array<{ name: string; desired: DesiredDirectoryBuilder; live: LiveDirectoryBuilder; want: AssignmentChange[] }> = [
  {
    name: 'create with extra profile keys, on a free slot after the managed group listed before it',
    desired: aDesiredDirectory().withGroup('Engineering', ou('Engineering')).withGroup('Sales', ou('Sales'), { division: 'west' }),
    live: aLiveDirectory().withAssignment('Engineering', lc('Engineering'), 0).withAssignment('Other', lc('Other'), 4).withGroup('Sales', { usersCount: 12 }),
    want: [
      {
        id: 'corp/assign/00gSales',
        directory: 'corp',
        kind: 'assignment',
        action: 'create',
        group: g('Sales'),
        before: null,
        after: { priority: 2, profile: { organizationalUnit: lc('Sales'), division: 'west' } },
        reason: `listed in mappings/corp.yaml, not assigned in Okta: provisions into ${lc('Sales')}`,
        members: 12,
      },
    ],
  },
  {
    name: 'OU update keeps unmanaged profile keys in `after`',
    desired: aDesiredDirectory().withGroup('Sales', ou('Sales-West')),
    live: aLiveDirectory().withAssignment('Sales', lc('Sales'), 3, { profile: { manager: 'x' }, usersCount: 2 }),
    want: [
      {
        id: 'corp/assign/00gSales',
        directory: 'corp',
        kind: 'assignment',
        action: 'update',
        group: g('Sales'),
        before: { priority: 3, profile: { organizationalUnit: lc('Sales'), manager: 'x' } },
        after: { priority: 3, profile: { organizationalUnit: lc('Sales-West'), manager: 'x' } },
        reason: `OU changes from ${lc('Sales')} to ${lc('Sales-West')}`,
        members: 2,
      },
    ],
  },
  {
    name: 'profile key update; the OU compares as a DN; object key order is irrelevant',
    desired: aDesiredDirectory().withGroup('Sales', `ou = SALES , ou=Employees,${C}`, { opts: { a: 1, b: 2 }, region: 'eu' }),
    live: aLiveDirectory().withAssignment('Sales', lc('Sales'), 0, { profile: { opts: { b: 2, a: 1 } } }),
    want: [
      {
        id: 'corp/assign/00gSales',
        directory: 'corp',
        kind: 'assignment',
        action: 'update',
        group: g('Sales'),
        before: { priority: 0, profile: { organizationalUnit: lc('Sales'), opts: { b: 2, a: 1 } } },
        after: { priority: 0, profile: { organizationalUnit: lc('Sales'), opts: { a: 1, b: 2 }, region: 'eu' } },
        reason: 'profile.region is set to eu',
      },
    ],
  },
  {
    name: 'a swap is one reorder that moves one group, not an update per group',
    desired: aDesiredDirectory().withGroup('B', ou('B')).withGroup('A', ou('A')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0, { usersCount: 3 }).withAssignment('B', lc('B'), 1, { usersCount: 4 }),
    want: [
      {
        id: 'corp/reorder',
        directory: 'corp',
        kind: 'assignment',
        action: 'reorder',
        group: g('A'),
        before: null,
        after: null,
        reason: 'managed groups follow the list order in mappings/corp.yaml',
        members: 3,
        moves: [{ group: g('A'), from: 0, to: 3 }],
      },
    ],
  },
  {
    name: 'an update of a group that keeps its place; the other group moves (one reorder move)',
    desired: aDesiredDirectory().withGroup('B', ou('B2')).withGroup('A', ou('A')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0).withAssignment('B', lc('B'), 1),
    want: [
      {
        id: 'corp/assign/00gB',
        directory: 'corp',
        kind: 'assignment',
        action: 'update',
        group: g('B'),
        before: { priority: 1, profile: { organizationalUnit: lc('B') } },
        after: { priority: 1, profile: { organizationalUnit: lc('B2') } },
        reason: `OU changes from ${lc('B')} to ${lc('B2')}`,
      },
      {
        id: 'corp/reorder',
        directory: 'corp',
        kind: 'assignment',
        action: 'reorder',
        group: g('A'),
        before: null,
        after: null,
        reason: 'managed groups follow the list order in mappings/corp.yaml',
        moves: [{ group: g('A'), from: 0, to: 3 }],
      },
    ],
  },
  {
    name: 'additive mode never deletes',
    desired: aDesiredDirectory().additive().withGroup('A', ou('A')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0).withAssignment('Z', lc('Z'), 1),
    want: [],
  },
  {
    name: 'authoritative deletes the unlisted, except case-insensitive ignore matches, in priority order',
    desired: aDesiredDirectory().authoritative(['everyone', 'legacy-*', 'kiosk-??']).withGroup('A', ou('A')),
    live: aLiveDirectory()
      .withAssignment('A', lc('A'), 0)
      .withAssignment('Z', lc('Z'), 2, { usersCount: 9 })
      .withAssignment('Everyone', undefined, 1)
      .withAssignment('Legacy-VPN', lc('VPN'), 3)
      .withAssignment('kiosk-12', lc('K'), 4)
      .withAssignment('kiosk-123', lc('K'), 5),
    want: [
      {
        id: 'corp/assign/00gZ',
        directory: 'corp',
        kind: 'assignment',
        action: 'delete',
        group: g('Z'),
        before: { priority: 2, profile: { organizationalUnit: lc('Z') } },
        after: null,
        reason: 'not in mappings/corp.yaml (authoritative)',
        members: 9,
      },
      {
        id: 'corp/assign/00gkiosk123',
        directory: 'corp',
        kind: 'assignment',
        action: 'delete',
        group: g('kiosk-123'),
        before: { priority: 5, profile: { organizationalUnit: lc('K') } },
        after: null,
        reason: 'not in mappings/corp.yaml (authoritative)',
      },
    ],
  },
  {
    name: 'ignore wins over a listing: an ignored listed group is never changed',
    desired: aDesiredDirectory().authoritative(['legacy-*']).withGroup('legacy-vpn', ou('Elsewhere')),
    live: aLiveDirectory().withAssignment('legacy-vpn', lc('VPN'), 0),
    want: [],
  },
  {
    name: 'unresolved references are skipped, and no candidate of an ambiguous name is deleted',
    desired: aDesiredDirectory().authoritative().withGroup('Missing', ou('M')).withGroup('Dup', ou('D')),
    live: aLiveDirectory()
      .withAssignment('Dup', lc('D'), 0, { id: '00gDup1' })
      .withGroup('Dup', { id: '00gDup2', type: 'APP_GROUP' })
      .withResolved('Missing', []),
    want: [],
  },
  {
    name: 'a group listed by name and by id is managed once (the first listing)',
    desired: aDesiredDirectory().withGroup('A', ou('A')).withGroup('00gA', ou('Other')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0),
    want: [],
  },
  {
    name: 'ouCase preserve writes the OU as given; lower writes the normalised lower-case DN',
    desired: aDesiredDirectory().with({ ouCase: 'preserve' }).withGroup('A', 'OU=Sales EMEA, OU=Employees, DC=corp,DC=example,DC=com'),
    live: aLiveDirectory().withGroup('A'),
    want: [
      {
        id: 'corp/assign/00gA',
        directory: 'corp',
        kind: 'assignment',
        action: 'create',
        group: g('A'),
        before: null,
        after: { priority: 1, profile: { organizationalUnit: 'OU=Sales EMEA, OU=Employees, DC=corp,DC=example,DC=com' } },
        reason: 'listed in mappings/corp.yaml, not assigned in Okta: provisions into OU=Sales EMEA, OU=Employees, DC=corp,DC=example,DC=com',
      },
    ],
  },
  {
    name: 'a create in the middle of a dense list: creates first, then the reorder that re-spaces the list (respace)',
    desired: aDesiredDirectory().withGroup('A', ou('A')).withGroup('X', ou('X')).withGroup('B', ou('B')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0).withAssignment('B', lc('B'), 1).withGroup('X'),
    want: [
      {
        id: 'corp/assign/00gX',
        directory: 'corp',
        kind: 'assignment',
        action: 'create',
        group: g('X'),
        before: null,
        after: { priority: 3, profile: { organizationalUnit: lc('X') } },
        reason: `listed in mappings/corp.yaml, not assigned in Okta: provisions into ${lc('X')}`,
      },
      {
        id: 'corp/reorder',
        directory: 'corp',
        kind: 'assignment',
        action: 'reorder',
        group: g('A'),
        before: null,
        after: null,
        reason: 'managed groups follow the list order in mappings/corp.yaml',
        moves: [
          { group: g('A'), from: 0, to: 1, respace: true },
          { group: g('B'), from: 1, to: 5, respace: true },
        ],
      },
    ],
  },
];

describe('diffAssignments', () => {
  it.each(cases)('$name', ({ desired, live, want }) => {
    expect(diffAssignments(desired.build(), live.build())).toEqual(want);
  });

  it('the resolution the reader recorded wins over names in `groups`', () => {
    const other: LiveGroup = { id: '00gOTHER', name: 'Other', type: 'OKTA_GROUP' };
    const changes = diffAssignments(aDesiredDirectory().withGroup('A', ou('A')).build(), aLiveDirectory().withGroup('A').withGroup('Other').withResolved('A', [other]).build());
    expect(changes.map((c) => c.group)).toEqual([{ id: '00gOTHER', name: 'Other' }]);
  });
});
