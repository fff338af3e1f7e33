import { compareAssignments, compareMapping } from '../../src/apply/verify';
import { renderApplyResultJson, renderApplyResultText } from '../../src/apply/render-result';
import { describeDrift } from '../../src/apply/stale';
import type { ApplyResult } from '../../src/apply/execute';
import type { AssignmentChange, AttributeMappingChange } from '../../src/model/types';
import { aLiveDirectory, aLiveState, aPlan } from './support/builders';

const OU = (n: string): string => `ou=${n},dc=corp,dc=example,dc=com`;

describe('compareAssignments (read-back)', () => {
  const exp = {
    directory: 'corp',
    appId: '0oaCORP',
    assignments: { '00gA': { priority: 1, profile: { organizationalUnit: OU('a') } }, '00gD': null },
    untouched: { '00gU': 2 },
    changeOf: { '00gA': ['corp/assign/00gA', 'corp/reorder'], '00gD': ['corp/assign/00gD'] },
    before: { '00gA': 0, '00gD': 1, '00gU': 2 },
    names: { '00gU': 'U' },
  };

  test('all as written: nothing to report (OU compared case-insensitively)', () => {
    expect(compareAssignments(exp, [
      { id: '00gA', priority: 1, profile: { organizationalUnit: OU('A').toUpperCase(), other: 1 } },
      { id: '00gU', priority: 2 },
    ])).toEqual({ mismatches: [], changeIds: [] });
  });

  test('a write that did not take, a delete that did not happen, and a shifted bystander are each reported', () => {
    expect(compareAssignments(exp, [
      { id: '00gA', priority: 3, profile: { organizationalUnit: OU('old') } },
      { id: '00gD', priority: 5 },
      { id: '00gU', priority: 4 },
    ])).toEqual({
      mismatches: [
        'corp: group 00gA has priority 3, expected 1',
        `corp: group 00gA has profile.organizationalUnit "${OU('old')}", expected "${OU('a')}"`,
        'corp: group 00gD is still assigned',
        'corp: group 00gU (not in the plan) moved from priority 2 to 4',
      ],
      changeIds: ['corp/assign/00gA', 'corp/reorder', 'corp/assign/00gD'],
    });
  });

  test('mapping: removed, added and changed properties', () => {
    const m = {
      directory: 'corp',
      mappingId: 'prm1',
      properties: { dn: null, department: { expression: 'user.department', pushStatus: 'PUSH' } },
      changeIds: ['corp/mapping/dn'],
    };
    expect(compareMapping(m, { department: { expression: 'user.department', pushStatus: 'PUSH' } })).toEqual([]);
    // A removed property lingering as a null entry (as src/live reads it) is not mapped.
    expect(compareMapping(m, { dn: { expression: null, pushStatus: null }, department: { expression: 'user.department', pushStatus: 'PUSH' } })).toEqual([]);
    expect(compareMapping(m, { dn: { expression: 'x', pushStatus: 'PUSH' }, department: { expression: 'user.dept', pushStatus: 'PUSH' } })).toEqual([
      'corp: mapping property dn is still mapped (x)',
      'corp: mapping property department is user.dept (PUSH), expected user.department (PUSH)',
    ]);
  });
});

const create: AssignmentChange = {
  id: 'corp/assign/00gM',
  directory: 'corp',
  kind: 'assignment',
  action: 'create',
  group: { id: '00gM', name: 'Marketing' },
  before: null,
  after: { priority: 5, profile: { organizationalUnit: OU('marketing') } },
  reason: 'listed',
};
const del: AssignmentChange = {
  id: 'corp/assign/00gF',
  directory: 'corp',
  kind: 'assignment',
  action: 'delete',
  group: { id: '00gF', name: 'Finance' },
  before: { priority: 4, profile: { organizationalUnit: OU('finance') } },
  after: null,
  reason: 'not listed',
};
const dn: AttributeMappingChange = {
  id: 'corp/mapping/dn',
  directory: 'corp',
  kind: 'attributeMapping',
  action: 'delete',
  mappingId: 'prm1',
  property: 'dn',
  before: { expression: 'x', pushStatus: 'PUSH' },
  after: null,
  reason: 'dn',
};

describe('apply result', () => {
  const plan = aPlan([dn, create, del]);
  const stopped: ApplyResult = {
    restored: [],
    applied: ['corp/mapping/dn'],
    failed: {
      code: 'OKTA_SERVER_ERROR',
      exitCode: 1,
      changeIds: ['corp/assign/00gM'],
      request: { method: 'PUT', path: '/api/v1/apps/0oaCORP/groups/00gM' },
      status: 500,
      errorCode: 'E0000009',
      requestId: 'req-123',
      message: 'PUT /api/v1/apps/0oaCORP/groups/00gM → 500 E0000009: Internal Server Error [X-Okta-Request-Id req-123]',
    },
    unverified: [],
    partial: [],
    notAttempted: ['corp/assign/00gF'],
    verified: false,
    interrupted: false,
    mismatches: [],
    requests: { sent: 1, total: 3 },
  };

  test('text: what was done, what failed (with the request id) and what was not attempted', () => {
    expect(renderApplyResultText(plan, stopped)).toBe(
      [
        'Apply stopped: 1 of 3 change(s) done, 1 failed, 0 partly done, 1 not attempted (1 of 3 write request(s) sent).',
        '  ✓ done          corp: remove mapping property dn  [corp/mapping/dn]',
        '  ✗ failed        corp: assign "Marketing" at priority 5  [corp/assign/00gM]',
        '    OKTA_SERVER_ERROR PUT /api/v1/apps/0oaCORP/groups/00gM → 500 E0000009: Internal Server Error [X-Okta-Request-Id req-123]',
        '  · not attempted corp: unassign "Finance"  [corp/assign/00gF]',
        '  hint: run `okta-ou plan` to see what is left, then `okta-ou apply` to finish it; nothing done is undone',
        '',
      ].join('\n'),
    );
  });

  test('JSON: sorted keys, the shape CI logs rely on', () => {
    expect(JSON.parse(renderApplyResultJson(stopped))).toEqual({
      applied: ['corp/mapping/dn'],
      failed: stopped.failed,
      interrupted: false,
      mismatches: [],
      notAttempted: ['corp/assign/00gF'],
      partial: [],
      requests: { sent: 1, total: 3 },
      restored: [],
      unverified: [],
      verified: false,
    });
    expect(Object.keys(JSON.parse(renderApplyResultJson(stopped)))).toEqual(['applied', 'failed', 'interrupted', 'mismatches', 'notAttempted', 'partial', 'requests', 'restored', 'unverified', 'verified']);
  });

  test('text: every request succeeded but the read-back failed: "sent, not verified", not "partly done"', () => {
    const unverified: ApplyResult = {
      restored: [],
      applied: [],
      failed: {
        code: 'VERIFY_UNAVAILABLE',
        exitCode: 1,
        changeIds: [],
        request: { method: 'GET', path: '(read-back)' },
        status: 503,
        requestId: 'req-9',
        message: 'GET /api/v1/apps/0oaCORP/groups → 503 E0000010: Service is temporarily unavailable',
      },
      unverified: ['corp/mapping/dn', 'corp/assign/00gM', 'corp/assign/00gF'],
      partial: [],
      notAttempted: [],
      verified: false,
      interrupted: false,
      mismatches: [],
      requests: { sent: 3, total: 3 },
    };
    expect(renderApplyResultText(plan, unverified)).toBe(
      [
        'Apply sent, not verified: 3 of 3 change(s) sent (3 of 3 write request(s), every one answered OK), but reading them back from Okta failed.',
        '  ✓ sent, not verified  corp: remove mapping property dn  [corp/mapping/dn]',
        '  ✓ sent, not verified  corp: assign "Marketing" at priority 5  [corp/assign/00gM]',
        '  ✓ sent, not verified  corp: unassign "Finance"  [corp/assign/00gF]',
        '    VERIFY_UNAVAILABLE GET /api/v1/apps/0oaCORP/groups → 503 E0000010: Service is temporarily unavailable (X-Okta-Request-Id req-9)',
        '  hint: run `okta-ou plan` to check that the changes took (it shows "No changes" when they did); nothing was undone',
        '',
      ].join('\n'),
    );
  });
});

describe('describeDrift (why a saved plan is stale)', () => {
  const dir = (assignments: Array<{ groupId: string; priority: number; profile: Record<string, unknown> }>, dnExpr: string | null) =>
    aLiveState([
      {
        ...aLiveDirectory('corp', '0oaCORP', assignments, {
          id: 'prm1',
          sourceId: 'oty',
          targetId: '0oaCORP',
          properties: dnExpr === null ? {} : { dn: { expression: dnExpr, pushStatus: 'PUSH' } },
        }),
        groups: { '00gF': { id: '00gF', name: 'Finance', type: 'OKTA_GROUP' }, '00gM': { id: '00gM', name: 'Marketing', type: 'OKTA_GROUP' } },
      },
    ]);
  const saved = aPlan([dn, create, del]);

  test('names each object that moved, from the plan’s own `before` values', () => {
    const live = dir([
      { groupId: '00gF', priority: 9, profile: { organizationalUnit: OU('fin2') } },
      { groupId: '00gM', priority: 5, profile: {} },
    ], 'y');
    expect(describeDrift(saved, aPlan([]), live)).toEqual([
      'corp: mapping property dn x (PUSH) → y (PUSH)',
      'corp: "Marketing" was assigned outside okta-ou (priority 5)',
      'corp: "Finance" priority 4 → 9',
      `corp: "Finance" profile.organizationalUnit "${OU('finance')}" → "${OU('fin2')}"`,
      'no longer needed: corp: remove mapping property dn',
      'no longer needed: corp: assign "Marketing" at priority 5',
      'no longer needed: corp: unassign "Finance"',
    ]);
  });

  test('falls back to a general line, claiming no particular field, when no planned change moved', () => {
    const live = dir([{ groupId: '00gF', priority: 4, profile: { organizationalUnit: OU('finance') } }], 'x');
    const lines = describeDrift(saved, saved, live);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^something else the plan read from Okta changed/);
    expect(lines[0]).not.toContain('lastUpdated changed');
  });
});
