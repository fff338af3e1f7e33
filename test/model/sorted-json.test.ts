import fc from 'fast-check';
import { canonicalJson, sortKeysDeep, stringifySorted } from '../../src/model/sorted-json';

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
  const value = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
  fc.assert(
    fc.property(value, (v) => {
      const reversed = Object.fromEntries(Object.entries(v).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(v));
      expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      expect(sortKeysDeep(v)).toEqual(JSON.parse(canonicalJson(v)));
    }),
  );
});
