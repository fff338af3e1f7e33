/**
 * MAPPING_TARGET_UNKNOWN (error): a declared mapping property is not an attribute of the app user schema
 * (`GET /api/v1/meta/schemas/apps/{appId}/default`). Okta refuses such a mapping update as a whole with
 * 400 "Invalid target field …" (docs/okta-api.md §3), so the plan stops it before apply. "Did you mean"
 * uses the schema's names and, for AD, Okta's AD attribute table (`mail` → `email`; the manager
 * attributes' domain rules).
 */
import { closest } from '../../config/suggest';
import { AD_ATTRIBUTES, adNote } from '../../model/ad-attributes';
import { foldName } from '../../model/fold-name';
import { AD_APP_NAME } from '../../model/okta-ids';
import type { Finding } from '../../model/types';
import { appObject, at } from './live-helpers';
import { type DeclaredProperty, declaredProperties } from './mapping-schema-helpers';
import { mappingName } from '../../model/user-types';
import type { Lint } from './types';

const MANAGER = ['managerUpn', 'managerDn'];

function hint(p: DeclaredProperty, isAd: boolean): string {
  const ad = isAd ? AD_ATTRIBUTES.find((a) => foldName(a.native) === foldName(p.name) && foldName(a.variable) !== foldName(p.name) && p.target.includes(a.variable)) : undefined;
  const guess = ad?.variable ?? closest(p.name, p.target);
  const parts: string[] = [];
  if (guess) parts.push(`did you mean ${guess}?${ad ? ` (AD's ${ad.native} is ${ad.variable} on the app user)` : ''}`);
  else parts.push(`map to an attribute of the ${p.pair.app.label} app user (Directory > Profile Editor), or add ${p.name} there first`);
  // The two manager attributes differ in where the manager may live: name both rules when either is meant.
  const manager = isAd && (MANAGER.includes(guess ?? '') || /^manager/i.test(p.name)) ? MANAGER.filter((v) => p.target.includes(v)) : [];
  for (const v of manager) parts.push(adNote(v) as string);
  return parts.join('; ');
}

export const mappingTargetUnknown: Lint = {
  code: 'MAPPING_TARGET_UNKNOWN',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    declaredProperties(ctx)
      .filter((p) => !p.target.includes(p.name))
      .map((p): Finding => ({
        code: 'MAPPING_TARGET_UNKNOWN',
        severity: 'error',
        message: `attributeMappings: ${mappingName(p.userType, p.name)} is not an attribute of the ${p.pair.app.label} app user; Okta would refuse the mapping update with "Invalid target field ${p.name}"`,
        hint: hint(p, p.pair.app.name === AD_APP_NAME),
        ...at(p.pair.desired, p.property.source),
        object: appObject(p.pair.app),
      })),
};
