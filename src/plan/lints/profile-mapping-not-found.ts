/**
 * NO_MAPPINGS (error): the directory declares `attributeMappings`, but Okta has no Okta user → AD app
 * user profile mapping for the app. Okta creates that mapping with the app (and its To App provisioning);
 * the Profile Mappings API has no create endpoint (notes/okta-api.md §3), so okta-ou cannot make one and
 * the declared properties cannot be applied.
 */
import type { Finding } from '../../model/types';
import { appObject, at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const noMappings: Lint = {
  code: 'NO_MAPPINGS',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, app }): Finding[] =>
      desired.attributeMappings && live.mapping === null
        ? [
            {
              code: 'NO_MAPPINGS',
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
