/** yaml's parseDocument with the options the loader needs, without its per-token cost of process.env. */
import { parseDocument, type Document, type LineCounter } from 'yaml';

/**
 * yaml's Parser and Composer read process.env.LOG_TOKENS / LOG_STREAM once per token, and process.env is
 * a slow host object: ~30 % of the parse time of a 20,000-entry file. The parse is synchronous, so a plain
 * copy in its place for that time is seen by nothing else; the real one is put back in any case.
 */
export function parseYamlDocument(text: string, lineCounter: LineCounter): Document {
  const env = process.env;
  process.env = { ...env };
  try {
    return parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } finally {
    process.env = env;
  }
}
