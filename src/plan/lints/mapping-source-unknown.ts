/**
 * MAPPING_SOURCE_UNKNOWN (error): a declared mapping expression reads `user.<attr>` that the user type's
 * schema (`GET /api/v1/meta/schemas/user/{schemaId}`, base and custom attributes) does not have. Whether
 * Okta refuses such an expression or pushes an empty value is not confirmed (README, "Unconfirmed Okta
 * behaviour"); either way it is not what the file means, so the plan stops it before apply.
 */
import { closest } from '../../config/suggest';
import { userAttributes } from '../../model/expression-attributes';
import type { Finding } from '../../model/types';
import { appObject, at } from './live-helpers';
import { declaredProperties } from './mapping-schema-helpers';
import { mappingName } from '../../model/user-types';
import type { Lint } from './types';

export const mappingSourceUnknown: Lint = {
  code: 'MAPPING_SOURCE_UNKNOWN',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    declaredProperties(ctx).flatMap((p): Finding[] => {
      const source = p.source;
      if (!source) return [];
      const unknown = [...new Set(userAttributes(p.property.expression).map((a) => a.name))].filter((a) => !source.includes(a));
      const type = p.userType === undefined ? 'the default user type' : `user type ${p.userType}`;
      return unknown.map((attr) => {
        const guess = closest(attr, source);
        return {
          code: 'MAPPING_SOURCE_UNKNOWN',
          severity: 'error',
          message: `attributeMappings: ${mappingName(p.userType, p.name)} reads user.${attr}, which is not an attribute of ${type}`,
          hint: guess ? `did you mean user.${guess}?` : `use an attribute of ${type} (Directory > Profile Editor), or add ${attr} there first`,
          ...at(p.pair.desired, p.property.source),
          object: appObject(p.pair.app),
        };
      });
    }),
};
