/**
 * APP_AMBIGUOUS (error): the directory's `app:` label matches more than one app instance. Okta does not
 * keep app labels unique (two AD integrations can both be labelled after their domain), and planning
 * against the first match could write another domain's assignments; the fix is the app id (0oa…).
 */
import { allPairs, at } from './live-helpers';
import type { Lint } from './types';

export const appAmbiguous: Lint = {
  code: 'APP_AMBIGUOUS',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    allPairs(ctx)
      .filter((p) => p.live.app === null && (p.live.appCandidates?.length ?? 0) > 1)
      .map((p) => {
        const apps = p.live.appCandidates ?? [];
        return {
          code: 'APP_AMBIGUOUS',
          severity: 'error',
          message: `directory "${p.desired.name}": ${apps.length} Okta apps match "${p.desired.app}": ${apps.map((a) => `${a.id} (${a.label}, ${a.name})`).join(', ')}`,
          hint: `write the id of the intended app instead of its label, e.g. app: ${apps[0].id}`,
          ...at(p.desired, p.desired.fieldSources.app),
          object: { type: 'app', id: apps[0].id, name: p.desired.app },
        };
      }),
};
