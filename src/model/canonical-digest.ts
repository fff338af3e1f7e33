/**
 * `sha256:<hex>` of a value's canonical JSON (sorted-json.ts) without building that JSON: the text is
 * written in pieces and fed to the hash as it goes. A plan's live slice holds one record per assignment
 * (100,000 in a large org); the sorted deep copy and the one giant string behind `canonicalJson` were most
 * of a plan's memory and a good part of its CPU. Same bytes as `canonicalJson`, so the same digest. Pure.
 */
import { createHash } from 'node:crypto';

/** Text is handed to the hash in pieces of about this many characters (fewer, larger update calls). */
const FLUSH_AT = 1 << 16;
/** Distinct object keys whose JSON text is kept for reuse (and distinct first keys whose record key order is). */
const KEY_TEXTS = 256;

export interface CanonicalDigestOptions {
  /** Object members left out, at any level (where a value sits in the files: see desiredDigest). */
  omit?: (key: string, value: unknown) => boolean;
}

// `Symbol.iterator in` first: a plain object has none, and that test is cheaper than the tag.
const isGenerator = (v: object): v is Generator<unknown> => Symbol.iterator in v && Object.prototype.toString.call(v) === '[object Generator]';

/** Members JSON.stringify leaves out of an object (and writes as null in an array). */
const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** "0" … "4294967294": a key JavaScript orders before all others. The first character settles most keys. */
function isArrayIndex(k: string): boolean {
  const first = k.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false;
  return k.length <= 10 && String(Number(k) >>> 0) === k && k !== '4294967295';
}

/** True when keys[from…] are in code-unit order already (records made with sorted keys need no sort). */
function ascending(keys: string[], from: number): boolean {
  for (let i = from + 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/**
 * The order in which JSON.stringify writes the members of the sorted copy canonicalJson makes: array-index
 * keys ("0", "42") first in numeric order (JavaScript puts them first in any object), then the others
 * sorted. `keys` in Object.keys order (the index keys first, in that order); sorted in place.
 */
function jsonKeyOrder(keys: string[]): string[] {
  let indices = 0;
  while (indices < keys.length && isArrayIndex(keys[indices])) indices++;
  if (keys.length - indices < 2 || ascending(keys, indices)) return keys;
  return indices === 0 ? keys.sort() : [...keys.slice(0, indices), ...keys.slice(indices).sort()];
}

/**
 * Distinct keys in the order canonical JSON writes an object with them as its own keys (whatever order
 * they come in): for text written by hand (CanonicalText) of a record keyed by data, e.g. group names.
 */
export function canonicalKeyOrder(keys: Iterable<string>): string[] {
  const indices: string[] = [];
  const others: string[] = [];
  for (const k of keys) (isArrayIndex(k) ? indices : others).push(k);
  indices.sort((a, b) => Number(a) - Number(b));
  // Sorted, a key's repeats stand together (no set of 100,000 names); keys listed in order are not sorted again.
  if (!ascending(others, 0)) others.sort();
  const order: string[] = [];
  for (const sorted of [indices, others]) for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) order.push(sorted[i]);
  return order;
}

/** Arrays of the same key strings (interned: a pointer comparison each). */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A value given as canonical JSON text its maker wrote itself (a long list of records of one known shape,
 * written in their fixed key order without an object per record). A string piece is text, added as it
 * is; any other piece is a value, written (and `omit` applied) as anywhere else. The maker answers for
 * the text (its tests compare it with the generic writing).
 */
export class CanonicalText {
  constructor(readonly pieces: Iterable<unknown>) {}
}

/** Characters JSON.stringify escapes in a string: `"`, `\`, controls, and (when unpaired) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON text of a primitive, as JSON.stringify writes it (the common kinds first: they are most of the calls). */
export function primitiveJson(v: unknown): string {
  // Most strings (ids, names, DNs, dates) need no escape: quoting them is twice as fast as JSON.stringify.
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return v === null ? 'null' : (JSON.stringify(v) as string);
}

/**
 * The digest of `canonicalJson(value)` (with the members `omit` accepts removed first) for JSON data. A
 * generator stands for the array of the items it yields, so a long list need never be held at once.
 * Plain data only: an object's own `toJSON` is not called (model data has none; canonicalJson would).
 */
export function canonicalDigest(value: unknown, opts: CanonicalDigestOptions = {}): string {
  const hash = createHash('sha256');
  const omit = opts.omit;
  // `"key":` per distinct key: the same few keys repeat on every record. Bounded: keys that are data
  // (group names in `resolved`) are all distinct and gain nothing from it.
  const keyText = new Map<string, string>();
  // The canonical order of the key list last seen per first key: records of one shape (100,000 groups in
  // a large directory) are sorted once, then each only compared with that list.
  const orders = new Map<string, { keys: string[]; order: string[] }>();
  const keyOrder = (record: object): string[] => {
    const keys = Object.keys(record);
    if (keys.length < 2) return keys;
    const known = orders.get(keys[0]);
    if (known !== undefined && sameKeys(known.keys, keys)) return known.order;
    const order = jsonKeyOrder(keys.slice());
    if (known !== undefined || orders.size < KEY_TEXTS) orders.set(keys[0], { keys, order });
    return order;
  };
  let buf = '';
  const flush = (): void => {
    if (buf.length >= FLUSH_AT) {
      hash.update(buf);
      buf = '';
    }
  };
  const writeItems = (items: Iterable<unknown>): void => {
    buf += '[';
    let first = true;
    for (const item of items) {
      if (!first) buf += ',';
      first = false;
      if (skipped(item)) buf += 'null';
      else write(item);
      flush();
    }
    buf += ']';
  };
  const write = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      buf += primitiveJson(v);
      return;
    }
    if (Array.isArray(v) || isGenerator(v)) {
      writeItems(v as Iterable<unknown>);
      return;
    }
    if (v instanceof CanonicalText) {
      for (const piece of v.pieces) {
        if (typeof piece === 'string') buf += piece;
        else write(piece);
        flush();
      }
      return;
    }
    const record = v as Record<string, unknown>;
    const keys = keyOrder(record);
    buf += '{';
    let first = true;
    for (const k of keys) {
      const x = record[k];
      if (skipped(x) || omit?.(k, x)) continue;
      if (!first) buf += ',';
      first = false;
      let key = keyText.get(k);
      if (key === undefined) {
        key = `${JSON.stringify(k)}:`;
        if (keyText.size < KEY_TEXTS) keyText.set(k, key);
      }
      buf += key;
      write(x);
    }
    buf += '}';
    flush();
  };
  if (skipped(value)) buf += 'null';
  else write(value);
  hash.update(buf);
  return `sha256:${hash.digest('hex')}`;
}
