import { closest, editDistance } from '../../src/config/suggest';

test.each([
  ['importOus', 'importOUs'],
  ['grups', 'groups'],
  ['namingcontext', 'namingContext'],
  ['updateOuOnGroupChange', 'updateOUOnGroupChange'],
  ['attributeMapping', 'attributeMappings'],
  ['pp', 'app'],
  ['zzz', undefined],
  ['organizationalUnit', undefined],
])('closest(%s) = %s', (word, expected) => {
  expect(closest(word, ['app', 'namingContext', 'importOUs', 'updateOUOnGroupChange', 'groups', 'attributeMappings', 'ou'])).toBe(expected);
});

test('edit distance counts a transposition as one edit', () => {
  expect(editDistance('gruops', 'groups')).toBe(1);
  expect(editDistance('', 'abc')).toBe(3);
});
