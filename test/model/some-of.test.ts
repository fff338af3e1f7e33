import { someOf } from '../../src/model/some-of';

test('someOf lists up to max items, then says how many more', () => {
  expect(someOf([], 2)).toBe('');
  expect(someOf(['a', 'b'], 2)).toBe('a, b');
  expect(someOf(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
});
