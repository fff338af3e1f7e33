/**
 * The JSON Schema (draft 2020-12) of the desired-state files: the single source of truth for the format
 * (docs/design.md §1). Compiled once with ajv: strict, every error collected.
 */
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import schemaJson from '../../schemas/okta-ou.schema.json';

/** Absolute path of schemas/okta-ou.schema.json (also valid from the compiled dist/ tree). */
export const SCHEMA_PATH = path.resolve(__dirname, '../../schemas/okta-ou.schema.json');

/** The schema document. */
export const schema: Record<string, unknown> = schemaJson as Record<string, unknown>;

let compiled: ValidateFunction | undefined;

/** The compiled validator (errors carry `parentSchema` and `data` thanks to `verbose`). */
export function schemaValidator(): ValidateFunction {
  if (!compiled) {
    // allowUnionTypes: a mapping property is a string (short form) or an object.
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}
