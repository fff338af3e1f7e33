/**
 * The plan as JSON (docs/design.md §4) and back. Writing: sorted keys, 2-space indent, trailing newline, so
 * saved plans diff cleanly. Reading: `formatVersion` first (a newer format is refused with an upgrade
 * hint rather than half-understood), then the shape against schemas/plan.schema.json. Pure.
 */
import type { ErrorObject } from 'ajv';
import type { Plan } from '../model/types';
import { OktaOuError } from '../errors';
import { stringifySorted } from '../model/sorted-json';
// schemas/plan.schema.json, precompiled by `npm run gen:validators`.
import { validator as validatePlanShape } from './plan-validator.generated';

/** The plan format this okta-ou writes and reads. */
const PLAN_FORMAT_VERSION = 1;

/** The plan as sorted-key JSON text with a trailing newline. */
export function renderPlanJson(plan: Plan): string {
  return stringifySorted(plan);
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath;
  const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return `${where} ${e.message ?? 'is invalid'}${allowed}`;
}

/**
 * Reads a saved plan. Throws OktaOuError `PLAN_INVALID` (not JSON, or not the shape of a plan) or
 * `PLAN_FORMAT_NEWER` (written by a newer okta-ou). `source` names the file in messages.
 */
export function parsePlanJson(text: string, source = 'plan'): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new OktaOuError('PLAN_INVALID', `${source} is not JSON: ${(e as Error).message}`, {
      hint: 'pass the file written by `okta-ou plan --out FILE` (or --format json)',
    });
  }
  const version = value !== null && typeof value === 'object' ? (value as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === 'number' && version > PLAN_FORMAT_VERSION) {
    throw new OktaOuError('PLAN_FORMAT_NEWER', `plan format ${version} is newer than this okta-ou understands; upgrade okta-ou`, {
      hint: `${source} was written by a newer okta-ou (this one reads format ${PLAN_FORMAT_VERSION}); upgrade, or plan again with this version`,
    });
  }
  if (!validatePlanShape(value)) {
    const errors = (validatePlanShape.errors ?? []).filter((e) => e.keyword !== 'if');
    const shown = errors.slice(0, 5).map(describe);
    const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
    throw new OktaOuError('PLAN_INVALID', `${source} is not a valid okta-ou plan: ${shown.join('; ')}${more}`, {
      hint: 'pass the file written by `okta-ou plan --out FILE`, unedited; or plan again',
    });
  }
  return value as Plan;
}
