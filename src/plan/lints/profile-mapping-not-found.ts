/**
 * PROFILE_MAPPING_NOT_FOUND (error): the directory declares `attributeMappings`, but Okta has no Okta user → AD app
 * user profile mapping for the app. Okta creates that mapping with the app (and its To App provisioning);
 * the Profile Mappings API has no create endpoint (docs/okta-api.md §3), so okta-ou cannot make one and
 * the declared properties cannot be applied. (NO_MAPPINGS is the loader's: a mappings folder without YAML.)
 */
import type { Finding } from '../../model/types';
import { appObject, at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const profileMappingNotFound: Lint = {
  code: 'PROFILE_MAPPING_NOT_FOUND',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, app }): Finding[] =>
      desired.attributeMappings && live.mapping === null
        ? [
            {
              code: 'PROFILE_MAPPING_NOT_FOUND',
              severity: 'error',
              message: `app "${app.label}" has no Okta user → AD profile mapping, so attributeMappings cannot be applied`,
              hint: 'enable provisioning To App on the AD integration in the Admin Console (Okta then creates the mapping), or remove attributeMappings',
              ...at(desired, desired.attributeMappings.source),
              object: appObject(app),
            },
          ]
        : [],
    ),
};
