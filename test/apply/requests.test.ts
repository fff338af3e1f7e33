import { allRequests, buildWritePlan } from '../../src/apply/requests';
import type { AssignmentChange, AttributeMappingChange } from '../../src/model/types';
import { aLiveDirectory, aLiveState, aScheduledPlan } from './support/builders';

const OU = (n: string): string => `ou=${n},ou=employees,dc=corp,dc=example,dc=com`;
const g = (id: string): { id: string; name: string } => ({ id, name: id.replace(/^00g/, '') });

const live = aLiveState([
  aLiveDirectory(
    'corp',
    '0oaCORP',
    [
      { groupId: '00gEng', priority: 0, profile: { organizationalUnit: OU('engineering') } },
      { groupId: '00gCon', priority: 1, profile: { organizationalUnit: 'ou=contractors,dc=corp,dc=example,dc=com' } },
      { groupId: '00gSales', priority: 2, profile: { organizationalUnit: OU('sales'), samAccountName: 'x' } },
      { groupId: '00gVpn', priority: 3, profile: { organizationalUnit: 'ou=vpn,ou=legacy,dc=corp,dc=example,dc=com' } },
      { groupId: '00gFin', priority: 4, profile: { organizationalUnit: OU('finance') } },
    ],
    {
      id: 'prmCORP',
      sourceId: 'otyUSER',
      targetId: '0oaCORP',
      properties: { dn: { expression: '"CN=" + user.firstName', pushStatus: 'PUSH' }, title: { expression: 'user.title', pushStatus: 'PUSH' } },
    },
  ),
]);

const mappingChanges: AttributeMappingChange[] = [
  {
    id: 'corp/mapping/dn',
    directory: 'corp',
    kind: 'attributeMapping',
    action: 'delete',
    mappingId: 'prmCORP',
    property: 'dn',
    before: { expression: '"CN=" + user.firstName', pushStatus: 'PUSH' },
    after: null,
    reason: 'dn must not be mapped',
  },
  {
    id: 'corp/mapping/title',
    directory: 'corp',
    kind: 'attributeMapping',
    action: 'update',
    mappingId: 'prmCORP',
    property: 'title',
    before: { expression: 'user.title', pushStatus: 'PUSH' },
    after: { expression: 'user.title', pushStatus: 'DONT_PUSH' },
    reason: 'push: createOnly',
  },
  {
    id: 'corp/mapping/employeeID',
    directory: 'corp',
    kind: 'attributeMapping',
    action: 'create',
    mappingId: 'prmCORP',
    property: 'employeeID',
    before: null,
    after: { expression: 'user.employeeNumber', pushStatus: 'PUSH' },
    reason: 'listed',
  },
];

const assignmentChanges: AssignmentChange[] = [
  {
    id: 'corp/reorder',
    directory: 'corp',
    kind: 'assignment',
    action: 'reorder',
    group: g('00gSales'),
    before: null,
    after: null,
    reason: 'file order',
    moves: [
      { group: g('00gSales'), from: 2, to: 1 },
      { group: g('00gCon'), from: 1, to: 6 },
    ],
  },
  {
    id: 'corp/assign/00gMkt',
    directory: 'corp',
    kind: 'assignment',
    action: 'create',
    group: g('00gMkt'),
    before: null,
    after: { priority: 2, profile: { organizationalUnit: OU('marketing') } },
    reason: 'listed',
  },
  {
    id: 'corp/assign/00gRnD',
    directory: 'corp',
    kind: 'assignment',
    action: 'create',
    group: g('00gRnD'),
    before: null,
    after: { priority: 5, profile: { organizationalUnit: 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com' } },
    reason: 'listed',
  },
  {
    id: 'corp/assign/00gSales',
    directory: 'corp',
    kind: 'assignment',
    action: 'update',
    group: g('00gSales'),
    before: { priority: 2, profile: { organizationalUnit: OU('sales') } },
    after: { priority: 1, profile: { organizationalUnit: OU('sales-emea') } },
    reason: 'ou changed',
  },
  {
    id: 'corp/assign/00gFin',
    directory: 'corp',
    kind: 'assignment',
    action: 'delete',
    group: g('00gFin'),
    before: { priority: 4, profile: { organizationalUnit: OU('finance') } },
    after: null,
    reason: 'not listed (authoritative)',
  },
];

describe('buildWritePlan', () => {
  const wp = buildWritePlan(aScheduledPlan([...assignmentChanges, ...mappingChanges], live), live);

  test('one POST per mapping with every property change, removal in the null form, before any assignment write', () => {
    expect(wp.mappings).toEqual([
      {
        method: 'POST',
        path: '/api/v1/mappings/prmCORP',
        body: {
          properties: {
            dn: { expression: null, pushStatus: null },
            title: { expression: 'user.title', pushStatus: 'DONT_PUSH' },
            employeeID: { expression: 'user.employeeNumber', pushStatus: 'PUSH' },
          },
        },
        changeIds: ['corp/mapping/dn', 'corp/mapping/title', 'corp/mapping/employeeID'],
        directory: 'corp',
        summary: 'POST corp mapping -dn, title, employeeID',
      },
    ]);
    expect(allRequests(wp)[0].method).toBe('POST');
  });

  test('assignment writes: explicit priorities, free slots only, highest first; deletes last', () => {
    const d = wp.directories[0];
    expect(d.writes.map((r) => [r.method, r.path, r.body])).toEqual([
      // The first write whose slot is free, in priority order: Sales (1) waits for Contractors, Marketing
      // (2) for Sales; R&D's 5 and Contractors' 6 are free.
      ['PUT', '/api/v1/apps/0oaCORP/groups/00gRnD', { priority: 5, profile: { organizationalUnit: 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com' } }],
      ['PUT', '/api/v1/apps/0oaCORP/groups/00gCon', { priority: 6, profile: { organizationalUnit: 'ou=contractors,dc=corp,dc=example,dc=com' } }],
      // Sales: reorder move + OU update merged into one PUT, unmanaged samAccountName kept.
      ['PUT', '/api/v1/apps/0oaCORP/groups/00gSales', { priority: 1, profile: { organizationalUnit: OU('sales-emea'), samAccountName: 'x' } }],
      ['PUT', '/api/v1/apps/0oaCORP/groups/00gMkt', { priority: 2, profile: { organizationalUnit: OU('marketing') } }],
    ]);
    expect(d.writes[2].changeIds).toEqual(['corp/reorder', 'corp/assign/00gSales']);
    expect(d.deletes.map((r) => [r.method, r.path, r.body])).toEqual([['DELETE', '/api/v1/apps/0oaCORP/groups/00gFin', undefined]]);
    expect(d.settle).toEqual([]);
    for (const r of d.writes) expect(typeof (r.body as { priority: unknown }).priority).toBe('number');
  });

  test('expectations: planned slots for managed groups, unchanged slots for the rest', () => {
    expect(wp.expect.assignments).toEqual([
      {
        directory: 'corp',
        appId: '0oaCORP',
        assignments: {
          '00gSales': { priority: 1, profile: { organizationalUnit: OU('sales-emea') } },
          '00gCon': { priority: 6, profile: {} },
          '00gMkt': { priority: 2, profile: { organizationalUnit: OU('marketing') } },
          '00gRnD': { priority: 5, profile: { organizationalUnit: 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com' } },
          '00gFin': null,
        },
        untouched: { '00gEng': 0, '00gVpn': 3 },
        before: { '00gEng': 0, '00gCon': 1, '00gSales': 2, '00gVpn': 3, '00gFin': 4 },
        names: { '00gCon': 'Con', '00gSales': 'Sales', '00gMkt': 'Mkt', '00gRnD': 'RnD' },
        changeOf: {
          '00gSales': ['corp/reorder', 'corp/assign/00gSales'],
          '00gCon': ['corp/reorder'],
          '00gMkt': ['corp/assign/00gMkt'],
          '00gRnD': ['corp/assign/00gRnD'],
          '00gFin': ['corp/assign/00gFin'],
        },
      },
    ]);
    expect(wp.expect.mappings).toEqual([
      {
        directory: 'corp',
        mappingId: 'prmCORP',
        properties: {
          dn: null,
          title: { expression: 'user.title', pushStatus: 'DONT_PUSH' },
          employeeID: { expression: 'user.employeeNumber', pushStatus: 'PUSH' },
        },
        changeIds: ['corp/mapping/dn', 'corp/mapping/title', 'corp/mapping/employeeID'],
      },
    ]);
  });

  test('an update that keeps its priority is a JSON Patch of the changed keys', () => {
    const change: AssignmentChange = {
      id: 'corp/assign/00gEng',
      directory: 'corp',
      kind: 'assignment',
      action: 'update',
      group: g('00gEng'),
      before: { priority: 0, profile: { organizationalUnit: OU('engineering') } },
      after: { priority: 0, profile: { organizationalUnit: OU('eng') } },
      reason: 'ou changed',
    };
    const p = buildWritePlan(aScheduledPlan([change], live), live);
    expect(allRequests(p).map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/api/v1/apps/0oaCORP/groups/00gEng', [{ op: 'replace', path: '/profile/organizationalUnit', value: OU('eng') }]],
    ]);
  });

  test('a plan whose create has no priority is refused as a bug, never sent', () => {
    const bad = { ...assignmentChanges[1], after: { profile: {} } } as unknown as AssignmentChange;
    expect(() => buildWritePlan(aScheduledPlan([bad], live), live)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
