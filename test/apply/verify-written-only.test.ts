/**
 * The read-back from single GETs (the written and deleted groups only, read-cost.ts) compared by the same
 * pure functions as the list: what it holds is checked, assignments outside the plan are not (not read),
 * and a written assignment found elsewhere is never taken for one whose slot is free.
 */
import { compareAssignments, misplaced } from '../../src/apply/verify';

const OU = (n: string): string => `ou=${n},dc=corp,dc=example,dc=com`;
const exp = {
  directory: 'corp',
  appId: '0oaCORP',
  assignments: { '00gA': { priority: 1, profile: { organizationalUnit: OU('a') } }, '00gB': { priority: 3, profile: { organizationalUnit: OU('b') } }, '00gD': null },
  untouched: { '00gU': 2 },
  changeOf: { '00gA': ['corp/assign/00gA'], '00gB': ['corp/assign/00gB'], '00gD': ['corp/assign/00gD'] },
  before: { '00gA': 0, '00gB': 3, '00gD': 1, '00gU': 2 },
  names: { '00gA': 'A' },
};

test('the written groups are compared; the assignment outside the plan, not read, is not reported missing', () => {
  // 00gB was not found (404): not assigned; 00gD was deleted (404): as planned.
  expect(compareAssignments(exp, [{ id: '00gA', priority: 1, profile: { organizationalUnit: OU('a') } }], false)).toEqual({
    mismatches: ['corp: group 00gB is not assigned'],
    changeIds: ['corp/assign/00gB'],
  });
  // From the list the same read says the assignment outside the plan is gone too.
  expect(compareAssignments(exp, [{ id: '00gA', priority: 1, profile: { organizationalUnit: OU('a') } }]).mismatches).toContain('corp: group 00gU (not in the plan) is no longer assigned');
});

test('a written assignment found at another priority: its slot counts as taken when only the written groups were read', () => {
  const read = [
    { id: '00gA', priority: 7, profile: { organizationalUnit: OU('a') } },
    { id: '00gB', priority: 3, profile: { organizationalUnit: OU('b') } },
  ];
  expect(misplaced(exp, read, false)).toEqual([expect.objectContaining({ groupId: '00gA', from: 1, to: 7, slotFree: false, outsidePlan: false })]);
  // The same read as a whole list: nobody holds 1, so apply would put it back.
  expect(misplaced(exp, read)).toEqual([expect.objectContaining({ groupId: '00gA', slotFree: true })]);
  expect(compareAssignments(exp, read, false).mismatches).toEqual(['corp: group 00gA has priority 7, expected 1']);
});
