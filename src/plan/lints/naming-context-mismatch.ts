/**
 * NAMING_CONTEXT_MISMATCH (error): the declared `namingContext` is not the AD app's domain. Okta reports
 * it as a dotted domain in `settings.app.namingContext` (e.g. "corp.example.com", docs/okta-api.md §2);
 * files write a DN. Both are compared as DNs (namingContextDn). An invalid declared value is INVALID_DN's.
 */
import { tryNamingContextDn } from '../../model/dn';
import { adPairs, appObject, at } from './live-helpers';
import type { Lint } from './types';
import type { Finding } from '../../model/types';

export const namingContextMismatch: Lint = {
  code: 'NAMING_CONTEXT_MISMATCH',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    adPairs(ctx).flatMap(({ desired, app }): Finding[] => {
      if (desired.namingContext === undefined || app.namingContext === null) return [];
      const want = tryNamingContextDn(desired.namingContext);
      const have = tryNamingContextDn(app.namingContext);
      if (want === null || have === null || want === have) return [];
      return [
        {
          code: 'NAMING_CONTEXT_MISMATCH',
          severity: 'error',
          message: `directory "${desired.name}" declares naming context ${desired.namingContext}, but app "${app.label}" serves ${app.namingContext} (${have})`,
          hint: `set namingContext: ${have.replace(/(^|,)dc=/g, '$1DC=')}, or point app: at the AD instance of ${desired.namingContext}`,
          ...at(desired, desired.fieldSources.namingContext),
          object: appObject(app),
        },
      ];
    }),
};
