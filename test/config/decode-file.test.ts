import fc from 'fast-check';
import { decodeMappingFile, firstInvalidUtf8 } from '../../src/config/decode-file';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

test.each<[string, Uint8Array, number]>([
  ['ASCII', Buffer.from('version: 1\n'), -1],
  ['2-, 3- and 4-byte sequences', Buffer.from('München ↕ 😀'), -1],
  ['a lone continuation byte', b(0x61, 0x80), 1],
  ['an overlong "/"', b(0xc0, 0xaf), 0],
  ['an overlong 3-byte form', b(0xe0, 0x80, 0xaf), 0],
  ['a UTF-16 surrogate', b(0xed, 0xa0, 0x80), 0],
  ['past U+10FFFF', b(0xf4, 0x90, 0x80, 0x80), 0],
  ['a truncated sequence at the end', b(0x61, 0xe2, 0x82), 1],
])('firstInvalidUtf8: %s', (_name, bytes, at) => {
  expect(firstInvalidUtf8(bytes)).toBe(at);
});

test('a UTF-8 byte order mark is dropped; the column of a bad byte counts characters, not bytes', () => {
  expect(decodeMappingFile('a.yaml', Buffer.from('\ufeffversion: 1\n'))).toEqual({ text: 'version: 1\n' });
  const r = decodeMappingFile('a.yaml', Buffer.concat([Buffer.from('x: 1\nou: "Zürich '), b(0xe9), Buffer.from('"\n')]));
  expect(r).toMatchObject({ finding: { code: 'ENCODING', file: 'a.yaml', line: 2, column: 13 } });
});

test('firstInvalidUtf8 is -1 exactly for what a strict UTF-8 decoder accepts, else where the valid prefix ends', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const valid = (b: Uint8Array): boolean => {
    try {
      strict.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 6 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    fc.tuple(fc.string({ unit: 'binary', maxLength: 4 }), fc.uint8Array({ minLength: 1, maxLength: 3 })).map(([s, tail]) => new Uint8Array([...Buffer.from(s, 'utf8'), ...tail])),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      const at = firstInvalidUtf8(b);
      expect(at === -1).toBe(valid(b));
      if (at !== -1) expect(valid(b.subarray(0, at))).toBe(true);
    }),
    { numRuns: 2000 },
  );
});
