/**
 * OU_NOT_SEEN_LIVE (warning): evidence check for a declared import OU. Okta's API does not expose the AD
 * integration's "User OUs connected to Okta" (docs/okta-api.md §2), so `importOUs` is declared in the
 * files; imported users and groups only come from the connected OUs, so their `profile.dn` values
 * (`LiveDirectory.observedDns`) should include one under each declared import OU. None under it suggests
 * a typo, or an OU not connected in Okta — and provisioning into it would fail with "Target OU is not an
 * import OU" (Okta support article on that error). Silent when nothing was observed (a fresh integration proves nothing).
 */
import { isUnder, tryNormaliseDn } from '../../model/dn';
import type { Finding } from '../../model/types';
import { appObject, at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const ouNotSeenLive: Lint = {
  code: 'OU_NOT_SEEN_LIVE',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, app }): Finding[] => {
      if (live.observedDns.length === 0) return [];
      return desired.importOUs
        .filter((o) => tryNormaliseDn(o.dn) !== null && !live.observedDns.some((dn) => isUnder(dn, o.dn)))
        .map((o) => ({
          code: 'OU_NOT_SEEN_LIVE',
          severity: 'warning',
          message: `import OU ${o.dn}: none of the ${live.observedDns.length} DNs seen on users and groups imported from "${app.label}" lies under it`,
          hint: 'check the spelling against "User OUs connected to Okta" (AD integration > Provisioning > Integration in the Admin Console); provisioning into an OU that is not connected fails with "Target OU is not an import OU"',
          ...at(desired, o.source),
          object: appObject(app),
        }));
    }),
};
