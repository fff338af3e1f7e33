/**
 * Read-back and staleness compare profile keys as data: a key named like a JavaScript member
 * (`toString`, `constructor`) that one side lacks is absent there, never the inherited member.
 */
import { compareAssignments } from '../../src/apply/verify';
import { setOwn } from '../../src/model/data-record';

const OU = 'ou=a,dc=corp,dc=example,dc=com';

test('a key written with the value Okta already has absent is verified, and a missing one is reported as (unset)', () => {
  const exp = {
    directory: 'corp',
    appId: '0oaCORP',
    assignments: { '00gA': { priority: 1, profile: { organizationalUnit: OU, toString: 'v', constructor: 'w' } } },
    untouched: {},
    changeOf: { '00gA': ['corp/assign/00gA'] },
    before: { '00gA': 1 },
    names: {},
  };
  expect(compareAssignments(exp, [{ id: '00gA', priority: 1, profile: { organizationalUnit: OU, toString: 'v', constructor: 'w' } }])).toEqual({ mismatches: [], changeIds: [] });
  expect(compareAssignments(exp, [{ id: '00gA', priority: 1, profile: { organizationalUnit: OU, constructor: 'w' } }])).toEqual({
    mismatches: ['corp: group 00gA has profile.toString (unset), expected "v"'],
    changeIds: ['corp/assign/00gA'],
  });
});

test('a "__proto__" key Okta lacks is reported as (unset), not as the inherited prototype', () => {
  const profile: Record<string, unknown> = { organizationalUnit: OU };
  setOwn(profile, '__proto__', 'p');
  const exp = {
    directory: 'corp',
    appId: '0oaCORP',
    assignments: { '00gA': { priority: 1, profile } },
    untouched: {},
    changeOf: { '00gA': ['corp/assign/00gA'] },
    before: { '00gA': 1 },
    names: {},
  };
  expect(compareAssignments(exp, [{ id: '00gA', priority: 1, profile: { organizationalUnit: OU } }])).toEqual({
    mismatches: ['corp: group 00gA has profile.__proto__ (unset), expected "p"'],
    changeIds: ['corp/assign/00gA'],
  });
});
