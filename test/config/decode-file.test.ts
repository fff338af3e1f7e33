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
