/**
 * Source positions for YAML nodes: walk a parsed document along a JSON path (as ajv reports it) and turn
 * node offsets into 1-based line:column with the document's LineCounter. Pure.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourceRef } from '../model/types';

export interface Located {
  /** The node at the path (null when the path does not exist). */
  node: Node | null;
  /** The key node when the last segment is a mapping key. */
  key: Node | null;
}

function keyText(k: unknown): string {
  if (isScalar(k)) return String(k.value);
  return String(k);
}

function findPair(node: unknown, segment: string): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  // Last one wins, as in the parsed value (duplicates are reported separately as DUPLICATE_KEY).
  return [...node.items].reverse().find((p) => keyText(p.key) === segment);
}

/** Walks `segments` (mapping keys as strings, sequence indexes as numeric strings) from the document root. */
function locate(doc: Document, segments: readonly string[]): Located {
  let node: unknown = doc.contents;
  let key: unknown = null;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = findPair(node, seg);
      if (!pair) return { node: null, key: null };
      key = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return { node: null, key: null };
      key = null;
      node = item;
    } else {
      return { node: null, key: null };
    }
  }
  return { node: (node as Node | null) ?? null, key: (key as Node | null) ?? null };
}

/** The key node for `name` inside the mapping at `segments`. */
export function locateKey(doc: Document, segments: readonly string[], name: string): Node | null {
  const { node } = locate(doc, segments);
  const pair = findPair(node, name);
  return (pair?.key as Node | undefined) ?? null;
}

/** A JSON pointer (`/directories/corp/groups/0`) as path segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where keys and values are, by JSON path: from yaml's Document here, or from the simple reader. */
export interface Positions {
  /** The value at a path (or its key when the value is empty); the document start when there is none. */
  ofPath(segments: readonly string[]): SourceRef;
  /** The key at a path when the last step is a mapping key, else the value's start. */
  ofKeyOrNode(segments: readonly string[]): SourceRef;
  /** The key `name` of the mapping at `segments`, or null. */
  ofKey(segments: readonly string[], name: string): SourceRef | null;
  /** The same questions with paths from `segments` on (every answer as if `segments` were written before). */
  within(segments: readonly string[]): Positions;
  root(): SourceRef;
}

/** Positions below a path, asked of yaml's Document by the whole path: its lookup walks from the top anyway. */
class PrefixedPositions implements Positions {
  constructor(
    private readonly all: Positions,
    private readonly prefix: readonly string[],
  ) {}

  ofPath(segments: readonly string[]): SourceRef {
    return this.all.ofPath([...this.prefix, ...segments]);
  }

  ofKeyOrNode(segments: readonly string[]): SourceRef {
    return this.all.ofKeyOrNode([...this.prefix, ...segments]);
  }

  ofKey(segments: readonly string[], name: string): SourceRef | null {
    return this.all.ofKey([...this.prefix, ...segments], name);
  }

  within(segments: readonly string[]): Positions {
    return new PrefixedPositions(this.all, [...this.prefix, ...segments]);
  }

  root(): SourceRef {
    return this.all.root();
  }
}

export class PositionMapper implements Positions {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  at(offset: number): SourceRef {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Start of a node; for an empty value (`key:` with nothing after it) falls back to `fallback`. */
  ofNode(node: Node | null | undefined, fallback?: Node | null): SourceRef {
    const empty = isScalar(node) && node.value === null && (node.source === '' || node.source === undefined);
    const n = !node || empty ? (fallback ?? node) : node;
    if (n?.range) return this.at(n.range[0]);
    return this.root();
  }

  /** The value at a path (or its key when the value is empty). */
  ofPath(segments: readonly string[]): SourceRef {
    const { node, key } = locate(this.doc, segments);
    return this.ofNode(node, key);
  }

  /** The key at a path when the last step is a mapping key, else the value's start. */
  ofKeyOrNode(segments: readonly string[]): SourceRef {
    const { node, key } = locate(this.doc, segments);
    return key?.range ? this.at(key.range[0]) : this.ofNode(node);
  }

  ofKey(segments: readonly string[], name: string): SourceRef | null {
    const key = locateKey(this.doc, segments, name);
    return key ? this.ofNode(key) : null;
  }

  within(segments: readonly string[]): Positions {
    return new PrefixedPositions(this, segments);
  }

  /** The start of the document's content, or 1:1. */
  root(): SourceRef {
    const c = this.doc.contents;
    return c?.range ? this.at(c.range[0]) : { file: this.file, line: 1, column: 1 };
  }
}
