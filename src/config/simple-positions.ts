/**
 * Positions from the simple reader's records (src/config/simple-yaml.ts), answering as PositionMapper
 * answers from yaml's Document. Offsets become line:column only here, for the positions asked for. Pure.
 */
import type { SourceRef } from '../model/types';
import type { Positions } from './positions';
import { RECORD, type SimpleYaml } from './simple-yaml';

/** A value found by path: where it starts, where its key starts (-1 for none), its record (-1 for a scalar). */
interface Place {
  value: number;
  key: number;
  record: number;
}

export class SimplePositions implements Positions {
  /** Positions in the file `file` the simple reader read as `doc`, paths from its top. */
  static of(file: string, doc: SimpleYaml): SimplePositions {
    return new SimplePositions(file, doc, { value: doc.tape[doc.root + RECORD.start], key: -1, record: doc.root });
  }

  private constructor(
    readonly file: string,
    private readonly doc: SimpleYaml,
    /** Where paths start from; undefined below a path that does not exist. */
    private readonly here: Place | undefined,
  ) {}

  /** The index of entry `seg` in the collection at `record`, or -1. */
  private entryIndex(record: number, seg: string): number {
    const { tape, keyLists } = this.doc;
    const keys = tape[record + RECORD.keys];
    if (keys >= 0) return keyLists[keys].indexOf(seg);
    // As yaml's sequence lookup: items[Number(seg)].
    const i = Number(seg);
    return Number.isInteger(i) && i >= 0 && i < tape[record + RECORD.size] ? i : -1;
  }

  private locate(segments: readonly string[]): Place | undefined {
    const { tape, childLists } = this.doc;
    let place = this.here;
    for (const seg of segments) {
      if (place === undefined || place.record < 0) return undefined;
      const { record } = place;
      const i = this.entryIndex(record, seg);
      if (i < 0) return undefined;
      const children = tape[record + RECORD.children];
      const child = children < 0 ? undefined : childLists[children][i];
      const isMap = tape[record + RECORD.keys] >= 0;
      const entry = record + RECORD.entries + (isMap ? 2 * i : i);
      place = { value: tape[isMap ? entry + 1 : entry], key: isMap ? tape[entry] : -1, record: child ?? -1 };
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
    const record = this.locate(segments)?.record ?? -1;
    if (record < 0 || this.doc.tape[record + RECORD.keys] < 0) return null;
    const i = this.entryIndex(record, name);
    return i < 0 ? null : this.ref(this.doc.tape[record + RECORD.entries + 2 * i]);
  }

  within(segments: readonly string[]): Positions {
    return new SimplePositions(this.file, this.doc, this.locate(segments));
  }

  root(): SourceRef {
    return this.ref(this.doc.tape[this.doc.root + RECORD.start]);
  }
}
