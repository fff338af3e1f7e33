/** Desired state: YAML with positions → JSON Schema → merge → model + findings (docs/design.md §1). */
export { parseDesired, type DesiredFileText, type ParsedDesired } from './parse-desired';
export { readDesired, type ReadDesiredResult } from './read-desired';
export { SCHEMA_PATH, schema, schemaValidator } from './schema';
export { DEFAULT_SAFETY } from './merge';
