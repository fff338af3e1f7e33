/**
 * APP_NOT_FOUND (error): no app instance matches the directory's `app:` (an id 0oa… or a label). The
 * reader looks AD apps up with `GET /api/v1/apps?filter=name eq "active_directory"` (docs/okta-api.md §2).
 */
import { allPairs, at } from './live-helpers';
import type { Lint } from './types';
import { closest } from '../../config/suggest';

const didYouMean = (label: string, labels: string[] | undefined): string => {
  const guess = closest(label, labels ?? []);
  return guess ? `did you mean "${guess}"? ` : '';
};

export const appNotFound: Lint = {
  code: 'APP_NOT_FOUND',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    allPairs(ctx)
      // Several matches are APP_AMBIGUOUS's.
      .filter((p) => p.live.app === null && (p.live.appCandidates?.length ?? 0) <= 1)
      .map((p) => ({
        code: 'APP_NOT_FOUND',
        severity: 'error',
        message: `directory "${p.desired.name}": no Okta app matches "${p.desired.app}"`,
        hint: didYouMean(p.desired.app, p.live.adAppLabels) + 'use the AD app instance id (0oa…) or its exact label, as shown under Directory > Directory Integrations',
        ...at(p.desired, p.desired.fieldSources.app),
        object: { type: 'app', id: p.desired.app, name: p.desired.app },
      })),
};
