/**
 * Mapping-file bytes → text. The files must be UTF-8 (YAML 1.2 allows UTF-16 and UTF-32 too, but a
 * silently mis-decoded byte becomes U+FFFD and then an OU Okta writes as is, e.g. `ou=m\ufffdnchen`).
 * So a file that is not valid UTF-8 is an ENCODING finding at the line and column of the first bad byte,
 * naming the encoding it most likely is and how to convert it. A UTF-8 BOM is dropped. Pure.
 */
import { isUtf8 } from 'node:buffer';
import type { Finding } from '../model/types';

/** What the bytes most likely are, when they are not UTF-8: shown in the message and the iconv hint. */
type Guess = { name: string; iconv: string };

function bomEncoding(b: Uint8Array): Guess | null {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { name: 'UTF-32 (little-endian, with a byte order mark)', iconv: 'UTF-32' };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { name: 'UTF-32 (big-endian, with a byte order mark)', iconv: 'UTF-32' };
  if (b[0] === 0xff && b[1] === 0xfe) return { name: 'UTF-16 (little-endian, with a byte order mark)', iconv: 'UTF-16' };
  if (b[0] === 0xfe && b[1] === 0xff) return { name: 'UTF-16 (big-endian, with a byte order mark)', iconv: 'UTF-16' };
  return null;
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  // Node's native check answers for a valid file (all but a few) ~100x faster than the loop, which then finds where.
  if (isUtf8(b)) return -1;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += n + 1;
  }
  return -1;
}

/** Bytes with NULs in every other position are UTF-16 without a BOM; high bytes otherwise a legacy code page. */
function guessLegacy(b: Uint8Array): Guess {
  const sample = b.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  const half = sample.length / 4;
  if (oddNul > half) return { name: 'UTF-16 (little-endian, no byte order mark)', iconv: 'UTF-16LE' };
  if (evenNul > half) return { name: 'UTF-16 (big-endian, no byte order mark)', iconv: 'UTF-16BE' };
  return { name: 'Windows-1252 / ISO-8859-1 (Latin-1)', iconv: 'WINDOWS-1252' };
}

function encodingFinding(file: string, line: number, column: number, what: string, guess: Guess): Finding {
  return {
    code: 'ENCODING',
    severity: 'error',
    message: `${what}; mapping files must be UTF-8`,
    hint: `convert it, e.g. iconv -f ${guess.iconv} -t UTF-8 ${file} > ${file}.utf8 && mv ${file}.utf8 ${file} (or "Save with encoding: UTF-8" in your editor)`,
    file,
    line,
    column,
  };
}

/** The file's text, or the ENCODING finding that says where and why it is not UTF-8. */
export function decodeMappingFile(file: string, bytes: Uint8Array): { text: string } | { finding: Finding } {
  const bom = bomEncoding(bytes);
  if (bom) return { finding: encodingFinding(file, 1, 1, `the file is ${bom.name}`, bom) };
  const bad = firstInvalidUtf8(bytes);
  // NUL is valid UTF-8 but no mapping file holds one: it is what UTF-16 text looks like byte by byte.
  const nul = bytes.indexOf(0);
  const at = bad === -1 ? nul : nul === -1 ? bad : Math.min(bad, nul);
  if (at === -1) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.startsWith('\ufeff') ? text.slice(1) : text };
  }
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, at).toString('utf8');
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = Array.from(before.slice(lineStart).replace(/^\ufeff/, '')).length + 1;
  const byte = bytes[at].toString(16).toUpperCase().padStart(2, '0');
  const guess = guessLegacy(bytes);
  const what = bytes[at] === 0 ? 'the file holds a NUL byte (0x00)' : `byte 0x${byte} is not valid UTF-8`;
  return { finding: encodingFinding(file, line, column, `${what} (the file looks like ${guess.name})`, guess) };
}
