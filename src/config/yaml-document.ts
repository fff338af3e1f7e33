/** yaml's parseDocument with the options the loader needs, without its per-token cost of process.env. */
import { parseDocument, type Document, type DocumentOptions, type LineCounter, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * How mapping files are read, by yaml here and by the simple reader (src/config/simple-yaml.ts), which
 * types plain scalars with this schema and these flags so that both give the same value.
 */
export const YAML_OPTIONS = {
  schema: 'core',
  intAsBigInt: false,
  strict: true,
  uniqueKeys: true,
  prettyErrors: false,
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

/**
 * yaml's Parser and Composer read process.env.LOG_TOKENS / LOG_STREAM once per token, and process.env is
 * a slow host object: ~30 % of the parse time of a 20,000-entry file. The parse is synchronous, so a plain
 * copy in its place for that time is seen by nothing else; the real one is put back in any case.
 */
export function parseYamlDocument(text: string, lineCounter: LineCounter): Document {
  const env = process.env;
  process.env = { ...env };
  try {
    return parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  } finally {
    process.env = env;
  }
}
