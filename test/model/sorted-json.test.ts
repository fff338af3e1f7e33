import fc from 'fast-check';
import { byCodeUnits, canonicalJson, sortKeysDeep, sortedUnlessInOrder, stringifySorted } from '../../src/model/sorted-json';

test('sorted keys at every level, undefined members dropped, arrays in their order', () => {
  expect(stringifySorted({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, B: null })).toBe(
    '{\n  "B": null,\n  "a": {\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
  );
});

test('canonical JSON is compact, with sorted keys and undefined members dropped', () => {
  expect(canonicalJson({ b: [2, { d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[2,{"d":1}]}');
  expect(canonicalJson(undefined)).toBe('null');
});

test('key order never changes the canonical JSON, and it reads back as the same value', () => {
  // JSON data as plans hold it: no "__proto__" keys (assigning one sets a prototype, not a key).
  const key = fc.string().filter((k) => k !== '__proto__');
  const value = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
  fc.assert(
    fc.property(value, (v) => {
      const reversed = Object.fromEntries(Object.entries(v).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(v));
      // Same data after a JSON round trip (compared as JSON: -0 and 0 are one JSON number).
      expect(JSON.stringify(JSON.parse(canonicalJson(v)))).toBe(JSON.stringify(sortKeysDeep(JSON.parse(JSON.stringify(v)))));
    }),
  );
});

test('a "__proto__" key is kept as data, sorted like any key', () => {
  const v = JSON.parse('{"b": 1, "__proto__": {"x": 1}, "a": [{"__proto__": 2}]}');
  expect(JSON.parse(canonicalJson(v))).toEqual(v);
  expect(canonicalJson(v)).toBe('{"__proto__":{"x":1},"a":[{"__proto__":2}],"b":1}');
});

test('sortedUnlessInOrder gives the list itself when in order, else a sorted copy, and never sorts the list', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 12 }), (xs) => {
      const before = [...xs];
      const got = sortedUnlessInOrder(xs, byCodeUnits);
      expect(got).toEqual([...xs].sort());
      expect(xs).toEqual(before);
      expect(got === xs).toBe(before.every((x, i) => i === 0 || byCodeUnits(before[i - 1], x) <= 0));
    }),
  );
});
