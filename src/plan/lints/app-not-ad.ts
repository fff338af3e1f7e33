/**
 * APP_NOT_AD (error): the directory's app exists but is not an Active Directory instance (Okta app
 * `name` `active_directory`, docs/okta-api.md §2) nor an LDAP one (`ldap_sun_one`). Group → OU placement
 * only exists for directory apps.
 */
import { AD_APP_NAME, isDirectoryAppName, LDAP_APP_NAME } from '../../model/okta-ids';
import { allPairs, appObject, at } from './live-helpers';
import type { Lint } from './types';

export const appNotAd: Lint = {
  code: 'APP_NOT_AD',
  severity: 'error',
  needs: 'live',
  check: (ctx) =>
    allPairs(ctx).flatMap((p) =>
      p.live.app && !isDirectoryAppName(p.live.app.name)
        ? [
            {
              code: 'APP_NOT_AD' as const,
              severity: 'error' as const,
              message: `directory "${p.desired.name}": app "${p.live.app.label}" (${p.live.app.id}) is a ${p.live.app.name} app, not an Active Directory or LDAP app`,
              hint: `point app: at the AD instance (app name ${AD_APP_NAME}) or LDAP instance (${LDAP_APP_NAME}) of this domain`,
              ...at(p.desired, p.desired.fieldSources.app),
              object: appObject(p.live.app),
            },
          ]
        : [],
    ),
};
