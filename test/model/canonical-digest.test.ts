import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalDigest, canonicalKeyOrder } from '../../src/model/canonical-digest';
import { canonicalJson } from '../../src/model/sorted-json';

const sha256Of = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('canonicalDigest', () => {
  it('hashes exactly the bytes of canonicalJson, for any JSON data', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(canonicalDigest(v)).toBe(sha256Of(canonicalJson(v)));
      }),
    );
  });

  it('drops undefined members, writes undefined array items as null, and has "__proto__" as data', () => {
    const v = JSON.parse('{"b": [1, null], "__proto__": {"x": 1}, "a": "é\\n\\"q\\""}') as Record<string, unknown>;
    const withHoles = { ...v, u: undefined, list: [undefined, () => 1, 2] };
    expect(canonicalDigest(withHoles)).toBe(sha256Of(canonicalJson(withHoles)));
    expect(canonicalDigest(undefined)).toBe(sha256Of('null'));
  });

  it('escapes strings exactly as JSON.stringify does: quotes, backslashes, controls, lone surrogates; pairs and U+2028 as they are', () => {
    const strings = ['plain', 'a"b', 'a\\b', 'tab\there', '\u0000\u001f\u007f', 'emoji 😀', 'lone \ud800 and \udfff', '\u2028\u2029', 'é ñ 中'];
    expect(canonicalDigest(strings)).toBe(sha256Of(canonicalJson(strings)));
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (xs) => expect(canonicalDigest(xs)).toBe(sha256Of(canonicalJson(xs)))));
  });

  it('reads a generator as the array of what it yields, without the array existing', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: `00g${i}`, p: i, profile: { organizationalUnit: `ou=${i % 7},dc=x` } }));
    function* lazily(): Generator<unknown> {
      for (const r of rows) yield r;
    }
    expect(canonicalDigest({ name: 'd', rows: lazily() })).toBe(sha256Of(canonicalJson({ name: 'd', rows })));
  });

  it('leaves out the members omit accepts, at any level, and equal data gives equal digests, different data different ones', () => {
    const a = { name: 'corp', source: { line: 1 }, groups: [{ group: 'A', ou: 'OU=A', source: { line: 2 }, profile: { source: 'data', k: 1 } }] };
    const moved = { ...a, source: { line: 9 }, groups: [{ ...a.groups[0], source: { line: 10 } }] };
    const omit = (k: string, v: unknown): boolean => k === 'source' && typeof v === 'object';
    expect(canonicalDigest(a, { omit })).toBe(canonicalDigest(moved, { omit }));
    expect(canonicalDigest(a, { omit })).toBe(sha256Of('{"groups":[{"group":"A","ou":"OU=A","profile":{"k":1,"source":"data"}}],"name":"corp"}'));
    expect(canonicalDigest({ ...a, groups: [{ ...a.groups[0], ou: 'OU=B' }] }, { omit })).not.toBe(canonicalDigest(a, { omit }));
  });

  it('writes array-index keys first, as JSON.stringify does (group names and profile keys can be numbers)', () => {
    const v = { b: 1, '10': 'ten', '': 0, '2': 'two', '4294967295': 'not an index', '01': 'not an index' };
    expect(canonicalDigest(v)).toBe(sha256Of(canonicalJson(v)));
    expect(canonicalJson(v)).toBe('{"2":"two","10":"ten","":0,"01":"not an index","4294967295":"not an index","b":1}');
  });

  it('gives the same digest for more keys than it keeps the key text of', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, [i, `v${i}`]]));
    expect(canonicalDigest([wide, wide])).toBe(sha256Of(canonicalJson([wide, wide])));
  });

  it('canonicalKeyOrder: the distinct keys in the order canonical JSON writes an object having them, in any order given', () => {
    const key = fc.oneof(fc.constantFrom('0', '7', '10', '007', '4294967295', '__proto__', 'a', 'B'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 12 }), (keys) => {
        const record = Object.fromEntries(keys.map((k) => [k, 1]));
        expect(canonicalKeyOrder(keys)).toEqual(Object.keys(JSON.parse(canonicalJson(record)) as object));
      }),
    );
  });
});
