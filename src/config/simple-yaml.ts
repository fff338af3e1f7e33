/**
 * A one-pass reader for the plain subset of YAML that large mapping files are written in (`key: value`
 * blocks, `- item` lists, one-line `{ group: a, ou: "OU=…" }` flow collections, plain and quoted scalars,
 * comments). It gives the value yaml's `toJS` gives and the line:column of every key and value, without
 * yaml's CST and Document: those hold ~40 MB and take ~1 s of CPU per 20,000 list entries, most of a
 * plan's load time and peak memory at 100,000 entries.
 *
 * Anything outside the subset (anchors, aliases, tags, block scalars, escapes, multi-line scalars or flow
 * collections, explicit or complex keys, duplicate keys, tabs, directives, several documents, malformed
 * input) returns undefined: the caller then parses the file with yaml, which also reports every syntax
 * error. Plain scalars are typed by yaml's own core-schema tags, so `10`, `true`, `~` mean what they mean
 * to yaml. Pure.
 */
import { Schema, isScalar, type ScalarTag } from 'yaml';
import type { SourceRef } from '../model/types';
import type { Positions } from './positions';

/** Where a value starts (its key's place for an empty value) and, in a mapping, where its key starts. */
export interface SimpleNode {
  line: number;
  column: number;
  keyLine?: number;
  keyColumn?: number;
  items?: SimpleNode[];
  pairs?: Map<string, SimpleNode>;
}

export interface SimpleYaml {
  data: unknown;
  root: SimpleNode;
}

/** Thrown inside the reader when the text leaves the subset; never escapes readSimpleYaml. */
class OutsideSubset extends Error {}

function decline(): never {
  throw new OutsideSubset();
}

// The tags yaml's composer tries, in its order, on an untagged plain scalar (findScalarTagByTest).
const plainTags = new Schema({ schema: 'core' }).tags.filter((t): t is ScalarTag => !t.collection && t.default === true && (t as ScalarTag).test !== undefined);

function resolvePlain(text: string): unknown {
  const tag = plainTags.find((t) => t.test?.test(text));
  if (!tag) return text;
  const v = tag.resolve(text, decline, { intAsBigInt: false });
  return isScalar(v) ? v.value : v;
}

// Characters a plain scalar may not start with (YAML 1.2 c-indicator), but for "-" before a non-space.
const INDICATOR = new Set('-?:,[]{}#&*!|>\'"%@`');
const FLOW_STOP = new Set(',[]{}');

function startsPlain(s: string, at: number): boolean {
  if (!INDICATOR.has(s[at])) return at < s.length;
  return s[at] === '-' && at + 1 < s.length && s[at + 1] !== ' ' && !FLOW_STOP.has(s[at + 1]);
}

// Tabs, control characters, lone CR, BOM and the Unicode line separators: left to yaml.
const UNUSUAL = /[\t\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)/;

/** A value parsed from one line: where it ends, and its node when it is a flow collection. */
interface Parsed {
  value: unknown;
  end: number;
  node?: SimpleNode;
}

class Reader {
  private readonly lines: string[];
  /** Index of the current line; past skipBlank, the next line that is neither blank nor a comment. */
  private i = 0;

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  read(): SimpleYaml {
    this.skipBlank(true);
    if (this.i < this.lines.length && /^---( +#.*)? *$/.test(this.lines[this.i])) this.i++;
    this.skipBlank(); // "--- a: 1" and every later marker leave the subset
    if (this.i >= this.lines.length) decline();
    const root = this.block(this.indent(this.i));
    if (this.nextIndent() !== -1) decline();
    return root;
  }

  /** Moves past blank and comment lines; a directive or document marker ends the subset, but for a first "---". */
  private skipBlank(atStart = false): void {
    while (this.i < this.lines.length) {
      const s = this.lines[this.i];
      const n = this.indent(this.i);
      if (n < s.length && s[n] !== '#') {
        if (n === 0 && (s[0] === '%' || (!atStart && /^(---|\.\.\.)( |$)/.test(s)))) decline();
        return;
      }
      this.i++;
    }
  }

  private indent(i: number): number {
    const s = this.lines[i];
    let n = 0;
    while (s.charCodeAt(n) === 32) n++;
    return n;
  }

  /** Indent of the next content line, -1 at the end. */
  private nextIndent(): number {
    this.skipBlank();
    return this.i < this.lines.length ? this.indent(this.i) : -1;
  }

  private isSeqItem(col: number): boolean {
    const s = this.lines[this.i];
    return s[col] === '-' && (col + 1 === s.length || s[col + 1] === ' ');
  }

  /** A block collection whose first entry starts at `col` of the current line. */
  private block(col: number): SimpleYaml {
    return this.isSeqItem(col) ? this.sequence(col) : this.mapping(col);
  }

  /** The value after "- " or "key: " at `at`: on this line, or a block below it (deeper than `col`). */
  private entryValue(at: number, col: number, allowSeqAtCol: boolean): { data: unknown; root: SimpleNode | null } {
    const s = this.lines[this.i];
    const line = this.i + 1;
    if (at === s.length || s[at] === '#') {
      this.i++;
      const next = this.nextIndent();
      if (next > col || (allowSeqAtCol && next === col && this.isSeqItem(col))) return this.block(next);
      return { data: null, root: null }; // empty
    }
    const r = this.lineValue(at);
    if (this.nextIndent() > col) decline(); // a continuation line (multi-line scalar) or bad indentation
    return { data: r.value, root: r.node ?? { line, column: at + 1 } };
  }

  private sequence(col: number): SimpleYaml {
    const data: unknown[] = [];
    const items: SimpleNode[] = [];
    const node: SimpleNode = { line: this.i + 1, column: col + 1, items };
    do {
      const s = this.lines[this.i];
      const v = skipSpaces(s, col + 1);
      if (this.isSeqItem(v)) decline(); // "- - a"
      const item = this.keyEnd(s, v) !== -1 ? this.mapping(v) : this.entryValue(v, col, false);
      if (item.root === null) decline(); // an empty item
      data.push(item.data);
      items.push(item.root);
    } while (this.nextIndent() === col && this.isSeqItem(col));
    return { data, root: node };
  }

  /** A block mapping whose keys start at `col`; the first may follow "- " on the current line. */
  private mapping(col: number): SimpleYaml {
    const data: Record<string, unknown> = {};
    const pairs = new Map<string, SimpleNode>();
    const node: SimpleNode = { line: this.i + 1, column: col + 1, pairs };
    do {
      const s = this.lines[this.i];
      const colon = this.keyEnd(s, col);
      if (colon === -1) decline();
      const key = mappingKey(parseKey(s, col, colon), pairs);
      const keyLine = this.i + 1;
      const value = this.entryValue(skipSpaces(s, colon + 1), col, true);
      // An empty value is placed at its key, as PositionMapper places yaml's empty scalar.
      const child = value.root ?? { line: keyLine, column: col + 1 };
      child.keyLine = keyLine;
      child.keyColumn = col + 1;
      data[key] = value.data;
      pairs.set(key, child);
    } while (this.nextIndent() === col && !this.isSeqItem(col));
    return { data, root: node };
  }

  /** The offset of the ":" ending a block mapping key that starts at `at`, or -1 when none does. */
  private keyEnd(s: string, at: number): number {
    const q = s[at];
    if (q === '{' || q === '[') return -1;
    if (q === '"' || q === "'") {
      const close = closingQuote(s, at);
      if (close === -1) return -1;
      const c = skipSpaces(s, close + 1);
      return s[c] === ':' && (c + 1 === s.length || s[c + 1] === ' ') ? c : -1;
    }
    for (let c = at; c < s.length; c++) {
      if (s[c] === ':' && (c + 1 === s.length || s[c + 1] === ' ')) return c;
      if (s[c] === '#' && s[c - 1] === ' ') return -1;
    }
    return -1;
  }

  /** A value that must end its line (but for a comment); moves to the next line. */
  private lineValue(at: number): Parsed {
    const s = this.lines[this.i];
    const line = this.i + 1;
    const r = s[at] === '{' || s[at] === '[' ? flow(s, at, line) : s[at] === '"' || s[at] === "'" ? quoted(s, at) : plainBlock(s, at);
    const e = skipSpaces(s, r.end);
    if (e < s.length && !(s[e] === '#' && e > r.end)) decline();
    this.i++;
    return r;
  }
}

function skipSpaces(s: string, at: number): number {
  while (s[at] === ' ') at++;
  return at;
}

/** The end of s[from, to) without its trailing spaces (only spaces: U+00A0 and the like belong to a scalar). */
function trimSpaces(s: string, from: number, to: number): number {
  while (to > from && s[to - 1] === ' ') to--;
  return to;
}

/** A key new to its mapping (duplicates are left to yaml, which reports them). */
function mappingKey(key: unknown, seen: Map<string, SimpleNode>): string {
  if (typeof key !== 'string' || key === '__proto__' || key === '<<' || seen.has(key)) decline();
  return key;
}

/**
 * Offset of the quote closing the one at `at`, or -1. Of the double-quoted escapes only \\ and \"
 * are in the subset (a DN's escaped comma is written "OU=Smith\\, Ann"); any other gives -1 too.
 */
function closingQuote(s: string, at: number): number {
  const q = s[at];
  for (let c = at + 1; c < s.length; c++) {
    if (q === '"' && s[c] === '\\') {
      if (s[c + 1] !== '\\' && s[c + 1] !== '"') return -1;
      c++;
      continue;
    }
    if (s[c] === q) {
      if (q === "'" && s[c + 1] === "'") c++;
      else return c;
    }
  }
  return -1;
}

function quoted(s: string, at: number): Parsed {
  const c = closingQuote(s, at);
  if (c === -1) decline();
  const body = s.slice(at + 1, c);
  return { value: s[at] === "'" ? body.replace(/''/g, "'") : body.replace(/\\(["\\])/g, '$1'), end: c + 1 };
}

function parseKey(s: string, at: number, colon: number): unknown {
  if (s[at] === '"' || s[at] === "'") return quoted(s, at).value;
  const text = s.slice(at, trimSpaces(s, at, colon));
  if (!startsPlain(text, 0)) decline();
  return resolvePlain(text);
}

/** A plain scalar in block context: up to a comment or the end of the line. */
function plainBlock(s: string, at: number): Parsed {
  if (!startsPlain(s, at)) decline();
  let e = at;
  for (; e < s.length; e++) {
    if (s[e] === '#' && s[e - 1] === ' ') break;
    if (s[e] === ':' && (e + 1 === s.length || s[e + 1] === ' ')) decline(); // "a: b: c"
  }
  const text = s.slice(at, trimSpaces(s, at, e));
  return { value: resolvePlain(text), end: at + text.length };
}

/** A plain scalar inside a flow collection: up to ",", a bracket, or ": ". */
function plainFlow(s: string, at: number): Parsed {
  if (!startsPlain(s, at)) decline();
  let e = at;
  for (; e < s.length && !FLOW_STOP.has(s[e]); e++) {
    if (s[e] === ':') {
      if (e + 1 === s.length || s[e + 1] === ' ' || FLOW_STOP.has(s[e + 1])) break;
      decline(); // "a:b"
    }
    if (s[e] === '#' && s[e - 1] === ' ') decline(); // a comment inside a flow collection
  }
  const text = s.slice(at, trimSpaces(s, at, e));
  return { value: resolvePlain(text), end: at + text.length };
}

function flowValue(s: string, at: number, line: number): Parsed {
  const ch = s[at];
  return ch === '{' || ch === '[' ? flow(s, at, line) : ch === '"' || ch === "'" ? quoted(s, at) : plainFlow(s, at);
}

/** A flow mapping or sequence that closes on the same line. */
function flow(s: string, at: number, line: number): Parsed {
  const isMap = s[at] === '{';
  const close = isMap ? '}' : ']';
  const seq: unknown[] = [];
  const map: Record<string, unknown> = {};
  const items: SimpleNode[] = [];
  const pairs = new Map<string, SimpleNode>();
  let c = skipSpaces(s, at + 1);
  while (s[c] !== close) {
    if (c >= s.length) decline();
    const first = flowValue(s, c, line);
    if (isMap) {
      const key = mappingKey(first.value, pairs);
      const keyColumn = c + 1;
      c = skipSpaces(s, first.end);
      if (s[c] !== ':') decline();
      c = skipSpaces(s, c + 1);
      if (s[c] === ',' || s[c] === '}') decline(); // an empty value
      const value = flowValue(s, c, line);
      const child = value.node ?? { line, column: c + 1 };
      child.keyLine = line;
      child.keyColumn = keyColumn;
      map[key] = value.value;
      pairs.set(key, child);
      c = value.end;
    } else {
      seq.push(first.value);
      items.push(first.node ?? { line, column: c + 1 });
      c = first.end;
    }
    c = skipSpaces(s, c);
    if (!isMap && s[c] === ':') decline(); // a single-pair mapping inside a sequence
    if (s[c] === ',') c = skipSpaces(s, c + 1);
    else if (s[c] !== close) decline();
  }
  const node: SimpleNode = isMap ? { line, column: at + 1, pairs } : { line, column: at + 1, items };
  return { value: isMap ? map : seq, end: c + 1, node };
}

/** The value and positions of `text`, or undefined when it is not in the subset (then parse it with yaml). */
export function readSimpleYaml(text: string): SimpleYaml | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e instanceof OutsideSubset) return undefined;
    throw e;
  }
}

/** Positions from the simple reader's nodes, answering as PositionMapper answers from yaml's Document. */
export class SimplePositions implements Positions {
  constructor(
    readonly file: string,
    private readonly top: SimpleNode,
  ) {}

  private locate(segments: readonly string[]): SimpleNode | undefined {
    let node: SimpleNode | undefined = this.top;
    for (const seg of segments) node = node?.pairs ? node.pairs.get(seg) : node?.items?.[Number(seg)];
    return node;
  }

  private ref(line: number, column: number): SourceRef {
    return { file: this.file, line, column };
  }

  ofPath(segments: readonly string[]): SourceRef {
    const node = this.locate(segments);
    return node ? this.ref(node.line, node.column) : this.root();
  }

  ofKeyOrNode(segments: readonly string[]): SourceRef {
    const node = this.locate(segments);
    if (!node) return this.root();
    return node.keyLine !== undefined ? this.ref(node.keyLine, node.keyColumn as number) : this.ref(node.line, node.column);
  }

  ofKey(segments: readonly string[], name: string): SourceRef | null {
    const node = this.locate(segments)?.pairs?.get(name);
    return node?.keyLine !== undefined ? this.ref(node.keyLine, node.keyColumn as number) : null;
  }

  root(): SourceRef {
    return this.ref(this.top.line, this.top.column);
  }
}
