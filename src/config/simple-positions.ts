/**
 * Positions from the simple reader's offsets (src/config/simple-yaml.ts), answering as PositionMapper
 * answers from yaml's Document. Offsets become line:column only here, for the positions asked for. Pure.
 */
import type { SourceRef } from '../model/types';
import type { Positions } from './positions';
import type { SimpleNode, SimpleYaml } from './simple-yaml';

/** A value found by path: where it starts, where its key starts (-1 for none), its node if a collection. */
interface Place {
  value: number;
  key: number;
  node: SimpleNode | undefined;
}

export class SimplePositions implements Positions {
  /** Positions in the file `file` the simple reader read as `doc`, paths from its top. */
  static of(file: string, doc: SimpleYaml): SimplePositions {
    return new SimplePositions(file, doc, { value: doc.root.start, key: -1, node: doc.root });
  }

  private constructor(
    readonly file: string,
    private readonly doc: SimpleYaml,
    /** Where paths start from; undefined below a path that does not exist. */
    private readonly here: Place | undefined,
  ) {}

  private locate(segments: readonly string[]): Place | undefined {
    const { tape } = this.doc;
    let place = this.here;
    for (const seg of segments) {
      const node = place?.node;
      if (node === undefined) return undefined;
      if (node.keys !== undefined) {
        const i = node.keys.indexOf(seg);
        if (i < 0) return undefined;
        place = { value: tape[node.at + 2 * i + 1], key: tape[node.at + 2 * i], node: node.children?.[i] };
      } else {
        // As yaml's sequence lookup: items[Number(seg)].
        const i = Number(seg);
        if (!Number.isInteger(i) || i < 0 || i >= node.size) return undefined;
        place = { value: tape[node.at + i], key: -1, node: node.children?.[i] };
      }
    }
    return place;
  }

  private ref(offset: number): SourceRef {
    const { line, col } = this.doc.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  ofPath(segments: readonly string[]): SourceRef {
    const place = this.locate(segments);
    return place ? this.ref(place.value) : this.root();
  }

  ofKeyOrNode(segments: readonly string[]): SourceRef {
    const place = this.locate(segments);
    return place ? this.ref(place.key >= 0 ? place.key : place.value) : this.root();
  }

  ofKey(segments: readonly string[], name: string): SourceRef | null {
    const node = this.locate(segments)?.node;
    const i = node?.keys?.indexOf(name) ?? -1;
    return node !== undefined && i >= 0 ? this.ref(this.doc.tape[node.at + 2 * i]) : null;
  }

  within(segments: readonly string[]): Positions {
    return new SimplePositions(this.file, this.doc, this.locate(segments));
  }

  root(): SourceRef {
    return this.ref(this.doc.root.start);
  }
}
