/**
 * The JSON Schema (draft 2020-12) of the desired-state files: the single source of truth for the format
 * (docs/design.md §1). Its validator is precompiled (ajv standalone code, `npm run gen:validators`), so no
 * command pays for compiling it.
 */
import * as path from 'node:path';
import schemaJson from '../../schemas/okta-ou.schema.json';
import { validator, type StandaloneValidator } from './mappings-validator.generated';

/** Absolute path of schemas/okta-ou.schema.json (also valid from the compiled dist/ tree). */
export const SCHEMA_PATH = path.resolve(__dirname, '../../schemas/okta-ou.schema.json');

/** The schema document. */
export const schema: Record<string, unknown> = schemaJson as Record<string, unknown>;

/** The validator: strict, every error collected, errors carrying `parentSchema` and `data` (`verbose`). */
export function schemaValidator(): StandaloneValidator {
  return validator;
}
