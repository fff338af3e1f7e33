/**
 * Reads the plain subset of YAML that large mapping files are written in (`key: value` blocks, `- item`
 * lists, one-line `{ group: a, ou: "OU=…" }` flow collections, plain and quoted scalars, comments) from
 * yaml's own Lexer tokens. It gives the value yaml's `toJS` gives and the line:column of every key and
 * value, without yaml's Parser and Document: those hold ~40 MB and take ~1 s of CPU per 20,000 list
 * entries, most of a plan's load time and peak memory at 100,000 entries.
 *
 * yaml does all the reading of characters: its Lexer splits the text, `CST.resolveAsScalar` gives each
 * scalar's value (quotes, escapes, the characters a plain scalar may not start with), the tags of the
 * schema the loader gives yaml (YAML_OPTIONS) type plain scalars and its LineCounter turns offsets into
 * line:column. This module only composes the tokens into mappings and sequences, by indentation for
 * blocks and on one line for flow collections.
 *
 * Any token sequence outside that (anchors, aliases, tags, block scalars, directives, explicit keys,
 * document markers but a first `---`, multi-line scalars or flow collections, complex, non-string or
 * duplicate keys, `<<`, `__proto__`, tabs in indentation or separation, empty list items, a byte order
 * mark, collections nested deeper than MAX_DEPTH) returns undefined: the caller then parses the file
 * with yaml, which also reports every syntax error. Pure.
 */
import { CST, Lexer, LineCounter, Schema, isScalar, type ScalarTag } from 'yaml';
import type { SourceRef } from '../model/types';
import type { Positions } from './positions';
import { YAML_OPTIONS } from './yaml-document';

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

// The tags yaml's composer tries, in its order, on an untagged plain scalar (findScalarTagByTest), from
// the schema the loader gives yaml.
const plainTags = new Schema(YAML_OPTIONS).tags.filter((t): t is ScalarTag => !t.collection && t.default === true && (t as ScalarTag).test !== undefined);

function resolvePlain(text: string): unknown {
  const tag = plainTags.find((t) => t.test?.test(text));
  if (!tag) return text;
  const v = tag.resolve(text, decline, YAML_OPTIONS);
  return isScalar(v) ? v.value : v;
}

/** yaml (strict) rejects an implicit key whose ":" is further than this from the key's start; left to it. */
const MAX_KEY_SPAN = 1024;

/**
 * Mapping files nest collections 4–6 deep. The reader recurses once per level, so a deeper file is left
 * to yaml, which reports nesting too deep for its own recursion (a stack overflow) as an error.
 */
const MAX_DEPTH = 64;

/**
 * yaml's Lexer tokens, one at a time, with their offsets counted as yaml's Parser counts them: the
 * doc-mode marker takes no room, and a plain scalar is its marker and its text, read here as one token.
 */
class Tokens {
  type: CST.TokenType | 'end' = 'end';
  source = '';
  offset = 0;
  private readonly lineCounter = new LineCounter();
  /** Where the current line starts: indentation is counted from here. */
  private lineStart = 0;
  /** Collections open around the current token. */
  private depth = 0;
  private end = 0;
  private readonly lexemes: Generator<string>;

  constructor(text: string) {
    this.lexemes = new Lexer().lex(text);
    this.lineCounter.addNewLine(0);
    this.next();
  }

  next(): void {
    this.offset = this.end;
    const r = this.lexemes.next();
    if (r.done) {
      this.type = 'end';
      this.source = '';
      return;
    }
    const type = CST.tokenType(r.value);
    // yaml's Parser: "Not a YAML token". The loader drops a file's byte order mark, so one here is a second
    // mark or one in a later document, where yaml's rules on what may follow it are left to yaml.
    if (type === null || type === 'byte-order-mark') decline();
    this.type = type;
    this.source = type === 'scalar' ? (this.lexemes.next().value ?? '') : r.value;
    if (type === 'doc-mode' || type === 'flow-error-end') return;
    this.end += this.source.length;
    if (type === 'newline') {
      this.lineCounter.addNewLine(this.end);
      this.lineStart = this.end;
    }
  }

  /** Into a collection: declines past MAX_DEPTH, before the recursion could exhaust the stack. */
  enter(): void {
    if (++this.depth > MAX_DEPTH) decline();
  }

  leave(): void {
    this.depth--;
  }

  /** The current token's column (0-based) for indentation; meaningful for the first token of a line. */
  indent(): number {
    return this.offset - this.lineStart;
  }

  node(offset: number): SimpleNode {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** Past a space token, if there is one; a tab is left to yaml (indentation or not, it has rules). */
  skipSpace(): boolean {
    if (this.type !== 'space') return false;
    if (this.source.includes('\t')) decline();
    this.next();
    return true;
  }

  /** Past a comment (which yaml wants after a space) to the line's end; false when more content follows. */
  atLineEnd(spaced: boolean): boolean {
    if (spaced && this.type === 'comment') this.next();
    return this.type === 'newline' || this.type === 'end';
  }

  /** Requires the line to end here, then moves to the first content token of the next non-blank line. */
  endLine(spaced = this.skipSpace()): void {
    if (!this.atLineEnd(spaced)) decline();
    this.skipBlankLines();
  }

  /** Past line ends and lines holding only spaces or a comment. */
  skipBlankLines(): void {
    while (this.type === 'newline' || this.type === 'comment' || this.type === 'space') {
      if (this.type === 'space') this.skipSpace();
      else this.next();
    }
  }

  atEnd(): boolean {
    return this.type === 'end';
  }

  /** True when the current token starts a line indented exactly `col` (not at the end). */
  at(col: number): boolean {
    return this.type !== 'end' && this.indent() === col;
  }
}

interface Scalar {
  value: unknown;
  offset: number;
}

/** A one-line flow scalar, its value resolved by yaml (plain ones typed by the core schema). */
function scalar(t: Tokens): Scalar {
  const { type, source, offset } = t;
  if (type !== 'scalar' && type !== 'single-quoted-scalar' && type !== 'double-quoted-scalar') decline();
  // The Lexer gives an empty plain scalar for a missing flow value ("{ a: , b: 1 }"): left to yaml.
  if (source === '' || source.includes('\n')) decline();
  const { value } = CST.resolveAsScalar({ type, offset, indent: 0, source }, YAML_OPTIONS.strict, decline);
  t.next();
  if (type === 'scalar') return { value: resolvePlain(value), offset };
  // yaml builds a double-quoted value one character at a time, which V8 keeps as a chain of one node per
  // character (~1 KB for a DN) until the string is read; reading a character makes V8 flatten it in
  // place. Without this, 100,000 quoted OUs hold ~80 MB more at the peak and take more GC time.
  if (type === 'double-quoted-scalar') value.charCodeAt(0);
  return { value, offset };
}

/** A key new to its mapping (duplicates are left to yaml, which reports them). */
function mappingKey(key: unknown, seen: Map<string, SimpleNode>): string {
  if (typeof key !== 'string' || key === '__proto__' || key === '<<' || seen.has(key)) decline();
  return key;
}

/** Past the ":" after a key that starts at `keyOffset`. */
function valueIndicator(t: Tokens, keyOffset: number): void {
  t.skipSpace();
  if (t.type !== 'map-value-ind' || t.offset - keyOffset > MAX_KEY_SPAN) decline();
  t.next();
}

/** A flow mapping or sequence that closes on the line it opens on. */
function flow(t: Tokens): SimpleYaml {
  const isMap = t.type === 'flow-map-start';
  const close = isMap ? 'flow-map-end' : 'flow-seq-end';
  const seq: unknown[] = [];
  const map: Record<string, unknown> = {};
  const items: SimpleNode[] = [];
  const pairs = new Map<string, SimpleNode>();
  const root = t.node(t.offset);
  if (isMap) root.pairs = pairs;
  else root.items = items;
  t.enter();
  t.next();
  t.skipSpace();
  while (t.type !== close) {
    if (isMap) {
      const key = scalar(t);
      const name = mappingKey(key.value, pairs);
      valueIndicator(t, key.offset);
      t.skipSpace();
      const value = flowValue(t);
      const keyAt = t.node(key.offset);
      value.root.keyLine = keyAt.line;
      value.root.keyColumn = keyAt.column;
      map[name] = value.data;
      pairs.set(name, value.root);
    } else {
      const item = flowValue(t);
      seq.push(item.data);
      items.push(item.root);
    }
    t.skipSpace();
    if (t.type === 'comma') {
      t.next();
      t.skipSpace();
    } else if (t.type !== close) decline(); // a line end, a ":" after a sequence item, ...
  }
  t.next();
  t.leave();
  return { data: isMap ? map : seq, root };
}

/** A value on the current line: a flow collection or a scalar. */
function flowValue(t: Tokens): SimpleYaml {
  if (t.type === 'flow-map-start' || t.type === 'flow-seq-start') return flow(t);
  const s = scalar(t);
  return { data: s.value, root: t.node(s.offset) };
}

/** A block collection whose first entry is the current token, indented `col`. */
function block(t: Tokens, col: number): SimpleYaml {
  return t.type === 'seq-item-ind' ? sequence(t, col) : mapping(t, col);
}

/**
 * The value after a block "key:" or "-" indented `col`: on the same line, or a block collection on the
 * lines below, indented deeper (or, for a key, a sequence at the key's own indentation). Null when empty.
 */
function blockValue(t: Tokens, col: number, seqAtCol: boolean, spaced: boolean): SimpleYaml | null {
  if (t.atLineEnd(spaced)) {
    t.skipBlankLines();
    if (t.type !== 'end' && (t.indent() > col || (seqAtCol && t.at(col) && t.type === 'seq-item-ind'))) return block(t, t.indent());
    return null;
  }
  const value = flowValue(t);
  t.endLine();
  return value;
}

function sequence(t: Tokens, col: number): SimpleYaml {
  const data: unknown[] = [];
  const items: SimpleNode[] = [];
  const root = t.node(t.offset);
  root.items = items;
  t.enter();
  do {
    t.next();
    const spaced = t.skipSpace();
    const item = isScalarToken(t) ? scalarOrMapping(t) : blockValue(t, col, false, spaced);
    if (item === null) decline(); // an empty item
    data.push(item.data);
    items.push(item.root);
    if (t.type !== 'end' && t.indent() > col) decline();
  } while (t.at(col) && t.type === 'seq-item-ind');
  t.leave();
  return { data, root };
}

function isScalarToken(t: Tokens): boolean {
  return t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar';
}

/** After "- ": a scalar item, or a block mapping whose first key is on this line. */
function scalarOrMapping(t: Tokens): SimpleYaml {
  const col = t.indent();
  const first = scalar(t);
  const spaced = t.skipSpace();
  if (t.type === 'map-value-ind') return mapping(t, col, first);
  t.endLine(spaced);
  return { data: first.value, root: t.node(first.offset) };
}

/** A block mapping whose keys are indented `col`; its first key may already be read (after "- "). */
function mapping(t: Tokens, col: number, first?: Scalar): SimpleYaml {
  const data: Record<string, unknown> = {};
  const pairs = new Map<string, SimpleNode>();
  const root = t.node(first?.offset ?? t.offset);
  root.pairs = pairs;
  t.enter();
  let key = first;
  do {
    key ??= scalar(t);
    const name = mappingKey(key.value, pairs);
    valueIndicator(t, key.offset);
    const value = blockValue(t, col, true, t.skipSpace());
    // An empty value is placed at its key, as PositionMapper places yaml's empty scalar.
    const keyAt = t.node(key.offset);
    const child = value?.root ?? { ...keyAt };
    child.keyLine = keyAt.line;
    child.keyColumn = keyAt.column;
    data[name] = value === null ? null : value.data;
    pairs.set(name, child);
    if (t.type !== 'end' && t.indent() > col) decline(); // bad indentation
    key = undefined;
  } while (t.at(col) && t.type !== 'seq-item-ind');
  t.leave();
  return { data, root };
}

/** The document: blank and comment lines, an optional first "---", then one block collection. */
function document(t: Tokens): SimpleYaml {
  t.skipBlankLines();
  if (t.type !== 'doc-mode') decline(); // a directive, or no content at all
  t.next();
  firstMarker(t);
  if (t.atEnd()) decline();
  const root = block(t, t.indent());
  if (!t.atEnd()) decline(); // a later document marker, or content less indented than the first
  return root;
}

/** Past a "---" that starts the document, on a line of its own ("--- a: 1" is left to yaml). */
function firstMarker(t: Tokens): void {
  if (t.type === 'doc-start') {
    t.next();
    t.endLine();
  } else t.skipBlankLines();
}

/** The value and positions of `text`, or undefined when it is not in the subset (then parse it with yaml). */
export function readSimpleYaml(text: string): SimpleYaml | undefined {
  try {
    return document(new Tokens(text));
  } catch (e) {
    // A RangeError (a stack overflow MAX_DEPTH did not prevent, on a small stack) is left to yaml too.
    if (e instanceof OutsideSubset || e instanceof RangeError) return undefined;
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
