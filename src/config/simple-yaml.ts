/**
 * Reads the plain subset of YAML that large mapping files are written in (`key: value` blocks, `- item`
 * lists, one-line `{ group: a, ou: "OU=…" }` flow collections, plain and quoted scalars, comments) from
 * yaml's own Lexer tokens. It gives the value yaml's `toJS` gives and where every key and value starts
 * (SimplePositions, src/config/simple-positions.ts, answers line:column from it), without yaml's Parser
 * and Document: those hold ~40 MB and take ~1 s of CPU per 20,000 list entries, most of a plan's load
 * time and peak memory at 100,000 entries.
 *
 * yaml does all the reading of characters: its Lexer splits the text, `CST.resolveAsScalar` gives each
 * scalar's value (quotes, escapes, the characters a plain scalar may not start with), the tags of the
 * schema the loader gives yaml (YAML_OPTIONS) type plain scalars and its LineCounter records the lines
 * for turning offsets into line:column. This module only composes the tokens into mappings and
 * sequences, by indentation for blocks and on one line for flow collections.
 *
 * Any token sequence outside that (anchors, aliases, tags, block scalars, directives, explicit keys,
 * document markers but a first `---`, multi-line scalars or flow collections, complex, non-string or
 * duplicate keys, `<<`, `__proto__`, tabs in indentation or separation, empty list items, a byte order
 * mark, collections nested deeper than MAX_DEPTH) returns undefined: the caller then parses the file
 * with yaml, which also reports every syntax error. Pure.
 */
import { CST, Lexer, LineCounter, Schema, isScalar, type ScalarTag } from 'yaml';
import { YAML_OPTIONS } from './yaml-document';

/**
 * Where every collection and its entries are, as offsets into the text (turned into line:column only
 * when a position is asked for), in flat arrays of numbers: one object per collection, in a list of
 * 100,000 entries, would be that many objects for the garbage collector to copy and track while the file
 * is read (and the most of its time).
 *
 * A collection is a record in `tape`, at its index: [start offset, index in `keyLists` (a mapping's keys
 * in source order) or -1 for a sequence, number of entries, index in `childLists` or -1, then per entry:
 * a sequence item's start, or a mapping pair's key start and value start (the key's, for an empty value,
 * as yaml places it)]. `childLists[i][entry]` is the record of an entry that is a collection.
 */
export interface SimpleYaml {
  data: unknown;
  /** The record of the top collection. */
  root: number;
  tape: readonly number[];
  keyLists: ReadonlyArray<readonly string[]>;
  childLists: ReadonlyArray<ReadonlyArray<number | undefined>>;
  lineCounter: LineCounter;
}

/** The fields of a record in SimpleYaml's tape, by their place after the record's index. */
export const RECORD = { start: 0, keys: 1, size: 2, children: 3, entries: 4 } as const;

/** Thrown inside the reader when the text leaves the subset; never escapes readSimpleYaml. */
class OutsideSubset extends Error {}

function decline(): never {
  throw new OutsideSubset();
}

// The tags yaml's composer tries, in its order, on an untagged plain scalar (findScalarTagByTest), from
// the schema the loader gives yaml.
const plainTags = new Schema(YAML_OPTIONS).tags.filter((t): t is ScalarTag => !t.collection && t.default === true && (t as ScalarTag).test !== undefined);

function resolvePlain(text: string): unknown {
  for (const tag of plainTags) {
    if (tag.test?.test(text)) {
      const v = tag.resolve(text, decline, YAML_OPTIONS);
      return isScalar(v) ? v.value : v;
    }
  }
  return text;
}

/** yaml (strict) rejects an implicit key whose ":" is further than this from the key's start; left to it. */
const MAX_KEY_SPAN = 1024;

/**
 * Mapping files nest collections 4–6 deep. The reader recurses once per level, so a deeper file is left
 * to yaml, which reports nesting too deep for its own recursion (a stack overflow) as an error.
 */
const MAX_DEPTH = 64;

/**
 * Texts kept resolved per load, at most: the few thousand keys and OUs that repeat are seen early, while
 * quoted group names, each seen once, would otherwise hold ~70 bytes apiece for the whole load.
 */
const MAX_RESOLVED = 20_000;

/**
 * yaml's Lexer tokens, one at a time, with their offsets counted as yaml's Parser counts them: the
 * doc-mode marker takes no room, and a plain scalar is its marker and its text, read here as one token.
 */
class Tokens {
  type: CST.TokenType | 'end' = 'end';
  source = '';
  offset = 0;
  /** Turns offsets into line:column, when a position is asked for. */
  readonly lineCounter = new LineCounter();
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

  /** The current token's column (0-based): a line's indentation at its first token, a key's column after "- ". */
  indent(): number {
    return this.offset - this.lineStart;
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

/** A mapping's keys, in order, shared by every mapping with the same keys; and the lists one key longer. */
interface KeyList {
  id: number;
  longer?: Map<string, KeyList>;
}

/** Mappings with more keys than this keep their own list (a shared list per prefix would grow quadratically). */
const MAX_SHARED_KEYS = 8;

/**
 * The tokens, and what the reader gives back: the value just read, where it starts and its record (-1
 * for a scalar) are left in fields rather than returned in an object per value, and the entries of the
 * collections being read wait on a stack until each ends, then move to the tape in one run.
 */
class Reader extends Tokens {
  value: unknown = null;
  start = 0;
  record = -1;
  readonly tape: number[] = [];
  readonly keyLists: Array<readonly string[]> = [[]];
  readonly childLists: Array<Array<number | undefined>> = [];
  private readonly pending: number[] = [];
  private readonly pendingKeys: string[] = [];
  private readonly noKeys: KeyList = { id: 0 };

  constructor(
    text: string,
    /** Strings yaml resolved, by their token's text (see readSimpleYaml). */
    readonly resolved: Map<string, string>,
  ) {
    super(text);
  }

  /** Where the entries of a collection that starts now begin on the stacks. */
  mark(): number {
    return this.pending.length;
  }

  keyMark(): number {
    return this.pendingKeys.length;
  }

  entry(offset: number): void {
    this.pending.push(offset);
  }

  /** A key new to `data`, the mapping being read (duplicates are left to yaml, which reports them). */
  newKey(data: Record<string, unknown>): string {
    const key = this.value;
    if (typeof key !== 'string' || key === '__proto__' || key === '<<' || Object.hasOwn(data, key)) decline();
    this.pendingKeys.push(key);
    return key;
  }

  /** Ends a collection: its record goes on the tape, and it becomes the value just read. */
  finish(value: unknown, start: number, mark: number, size: number, keyMark: number | undefined, children: Array<number | undefined> | undefined): void {
    const { pending, tape } = this;
    const at = tape.length;
    tape.push(start, keyMark === undefined ? -1 : this.keyList(keyMark), size, children === undefined ? -1 : this.childLists.push(children) - 1);
    for (let i = mark; i < pending.length; i++) tape.push(pending[i]);
    pending.length = mark;
    this.value = value;
    this.start = start;
    this.record = at;
  }

  /** The index in keyLists of the keys pushed since `mark`. */
  private keyList(mark: number): number {
    const names = this.pendingKeys;
    let list = this.noKeys;
    if (names.length - mark > MAX_SHARED_KEYS) list = { id: this.keyLists.push(names.slice(mark)) - 1 };
    else {
      for (let i = mark; i < names.length; i++) {
        const longer = (list.longer ??= new Map());
        let next = longer.get(names[i]);
        if (next === undefined) longer.set(names[i], (next = { id: this.keyLists.push([...this.keyLists[list.id], names[i]]) - 1 }));
        list = next;
      }
    }
    names.length = mark;
    return list.id;
  }
}

/** The entry's record, when it is a collection, in `children` (made when the first one comes). */
function addChild(r: Reader, children: Array<number | undefined> | undefined, index: number): Array<number | undefined> | undefined {
  if (r.record < 0) return children;
  const list = children ?? [];
  list[index] = r.record;
  return list;
}

/** A one-line flow scalar, its value resolved by yaml (plain ones typed by the core schema). */
function scalar(r: Reader, asKey = false): void {
  const { type, source, offset } = r;
  if (type !== 'scalar' && type !== 'single-quoted-scalar' && type !== 'double-quoted-scalar') decline();
  // The Lexer gives an empty plain scalar for a missing flow value ("{ a: , b: 1 }"): left to yaml.
  if (source === '' || source.includes('\n')) decline();
  r.start = offset;
  r.record = -1;
  // The same text is the same value wherever it stands (its first character tells plain from quoted).
  const known = r.resolved.get(source);
  if (known !== undefined) {
    r.value = known;
    r.next();
    return;
  }
  const { value } = CST.resolveAsScalar({ type, offset, indent: 0, source }, YAML_OPTIONS.strict, decline);
  r.next();
  const keep = r.resolved.size < MAX_RESOLVED;
  if (type === 'scalar') {
    r.value = resolvePlain(value);
    if (asKey && keep && typeof r.value === 'string') r.resolved.set(source, r.value);
  } else if (type === 'double-quoted-scalar') {
    // yaml builds a double-quoted value one character at a time, which V8 keeps as a chain of one node
    // per character (~1 KB for a DN) until the string is read; reading a character makes V8 flatten it
    // in place. Without this, 100,000 quoted OUs hold ~80 MB more at the peak and take more GC time.
    value.charCodeAt(0);
    r.value = value;
    if (keep) r.resolved.set(source, value);
  } else r.value = value;
}

/** Past the ":" after a key that starts at `keyOffset`. */
function valueIndicator(r: Reader, keyOffset: number): void {
  r.skipSpace();
  if (r.type !== 'map-value-ind' || r.offset - keyOffset > MAX_KEY_SPAN) decline();
  r.next();
}

/** A flow mapping or sequence that closes on the line it opens on. */
function flow(r: Reader): void {
  const isMap = r.type === 'flow-map-start';
  const close = isMap ? 'flow-map-end' : 'flow-seq-end';
  const seq: unknown[] | undefined = isMap ? undefined : [];
  const map: Record<string, unknown> | undefined = isMap ? {} : undefined;
  const start = r.offset;
  const mark = r.mark();
  const keyMark = r.keyMark();
  let children: Array<number | undefined> | undefined;
  let size = 0;
  r.enter();
  r.next();
  r.skipSpace();
  while (r.type !== close) {
    if (map !== undefined) {
      scalar(r, true);
      const keyOffset = r.start;
      const name = r.newKey(map);
      valueIndicator(r, keyOffset);
      r.skipSpace();
      flowValue(r);
      map[name] = r.value;
      r.entry(keyOffset);
    } else {
      flowValue(r);
      seq?.push(r.value);
    }
    r.entry(r.start);
    children = addChild(r, children, size++);
    r.skipSpace();
    if (r.type === 'comma') {
      r.next();
      r.skipSpace();
    } else if (r.type !== close) decline(); // a line end, a ":" after a sequence item, ...
  }
  r.next();
  r.leave();
  r.finish(map ?? seq, start, mark, size, isMap ? keyMark : undefined, children);
}

/** A value on the current line: a flow collection or a scalar. */
function flowValue(r: Reader): void {
  if (r.type === 'flow-map-start' || r.type === 'flow-seq-start') flow(r);
  else scalar(r);
}

/** A block collection whose first entry is the current token, indented `col`. */
function block(r: Reader, col: number): void {
  if (r.type === 'seq-item-ind') sequence(r, col);
  else mapping(r, col, false);
}

/**
 * The value after a block "key:" or "-" indented `col`: on the same line, or a block collection on the
 * lines below, indented deeper (or, for a key, a sequence at the key's own indentation). False when empty.
 */
function blockValue(r: Reader, col: number, seqAtCol: boolean, spaced: boolean): boolean {
  if (r.atLineEnd(spaced)) {
    r.skipBlankLines();
    if (r.type !== 'end' && (r.indent() > col || (seqAtCol && r.at(col) && r.type === 'seq-item-ind'))) {
      block(r, r.indent());
      return true;
    }
    return false;
  }
  flowValue(r);
  r.endLine();
  return true;
}

function sequence(r: Reader, col: number): void {
  const data: unknown[] = [];
  const start = r.offset;
  const mark = r.mark();
  let children: Array<number | undefined> | undefined;
  let size = 0;
  r.enter();
  do {
    r.next();
    const spaced = r.skipSpace();
    if (isScalarToken(r)) scalarOrMapping(r);
    else if (!blockValue(r, col, false, spaced)) decline(); // an empty item
    data.push(r.value);
    r.entry(r.start);
    children = addChild(r, children, size++);
    if (r.type !== 'end' && r.indent() > col) decline();
  } while (r.at(col) && r.type === 'seq-item-ind');
  r.leave();
  r.finish(data, start, mark, size, undefined, children);
}

function isScalarToken(r: Reader): boolean {
  return r.type === 'scalar' || r.type === 'single-quoted-scalar' || r.type === 'double-quoted-scalar';
}

/** After "- ": a scalar item, or a block mapping whose first key is on this line. */
function scalarOrMapping(r: Reader): void {
  const col = r.indent();
  // Kept as a key would be: in "- group: a" it is one, and a plain string is the same value either way.
  scalar(r, true);
  const spaced = r.skipSpace();
  if (r.type === 'map-value-ind') mapping(r, col, true);
  else r.endLine(spaced);
}

/** A block mapping whose keys are indented `col`; its first key may already be read (after "- "). */
function mapping(r: Reader, col: number, keyRead: boolean): void {
  const data: Record<string, unknown> = {};
  const start = keyRead ? r.start : r.offset;
  const mark = r.mark();
  const keyMark = r.keyMark();
  let children: Array<number | undefined> | undefined;
  let size = 0;
  r.enter();
  do {
    if (!keyRead) scalar(r, true);
    keyRead = false;
    const keyOffset = r.start;
    const name = r.newKey(data);
    valueIndicator(r, keyOffset);
    const given = blockValue(r, col, true, r.skipSpace());
    data[name] = given ? r.value : null;
    r.entry(keyOffset);
    // An empty value is placed at its key, as PositionMapper places yaml's empty scalar.
    r.entry(given ? r.start : keyOffset);
    children = addChild(r, children, size++);
    if (r.type !== 'end' && r.indent() > col) decline(); // bad indentation
  } while (r.at(col) && r.type !== 'seq-item-ind');
  r.leave();
  r.finish(data, start, mark, size, keyMark, children);
}

/** The document: blank and comment lines, an optional first "---", then one block collection. */
function document(r: Reader): SimpleYaml {
  r.skipBlankLines();
  if (r.type !== 'doc-mode') decline(); // a directive, or no content at all
  r.next();
  firstMarker(r);
  if (r.atEnd()) decline();
  block(r, r.indent());
  if (!r.atEnd()) decline(); // a later document marker, or content less indented than the first
  return { data: r.value, root: r.record, tape: r.tape, keyLists: r.keyLists, childLists: r.childLists, lineCounter: r.lineCounter };
}

/** Past a "---" that starts the document, on a line of its own ("--- a: 1" is left to yaml). */
function firstMarker(r: Reader): void {
  if (r.type === 'doc-start') {
    r.next();
    r.endLine();
  } else r.skipBlankLines();
}

/**
 * The value and positions of `text`, or undefined when it is not in the subset (then parse it with yaml).
 * `resolved` keeps what yaml made of plain keys and double-quoted scalars, by their text, for the next
 * time the same text comes: keys repeat on every entry of a list and OUs on many, and each resolution of
 * a double-quoted DN is ~40 strings of garbage. Share it between the files of one load: the values then
 * share one string per distinct OU too.
 */
export function readSimpleYaml(text: string, resolved = new Map<string, string>()): SimpleYaml | undefined {
  try {
    return document(new Reader(text, resolved));
  } catch (e) {
    // A RangeError (a stack overflow MAX_DEPTH did not prevent, on a small stack) is left to yaml too.
    if (e instanceof OutsideSubset || e instanceof RangeError) return undefined;
    throw e;
  }
}
