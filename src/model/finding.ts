/**
 * The one way to build a finding placed at a file position: the loader (YAML and schema problems) and
 * the static lints all use it, so every such finding has the same fields in the same shape.
 */
import type { Finding, SourceRef } from './types';

export interface FindingDetails {
  hint?: string;
  directory?: string;
  /** The other side, e.g. of a conflict; left out when empty. */
  related?: SourceRef[];
}

export function findingAt(code: Finding['code'], severity: Finding['severity'], at: SourceRef, message: string, details: FindingDetails = {}): Finding {
  const f: Finding = { code, severity, message };
  if (details.hint !== undefined) f.hint = details.hint;
  if (details.directory !== undefined) f.directory = details.directory;
  f.file = at.file;
  f.line = at.line;
  f.column = at.column;
  if (details.related && details.related.length > 0) f.related = details.related;
  return f;
}
