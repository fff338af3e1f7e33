import type { Finding, SourceRef } from '../../model/types';

/** A finding placed at a file position (the fields every static lint fills). */
export function findingAt(
  code: Finding['code'],
  severity: Finding['severity'],
  directory: string,
  at: SourceRef,
  message: string,
  hint: string,
  related?: SourceRef[],
): Finding {
  const f: Finding = { code, severity, message, hint, directory, file: at.file, line: at.line, column: at.column };
  if (related && related.length > 0) f.related = related;
  return f;
}
