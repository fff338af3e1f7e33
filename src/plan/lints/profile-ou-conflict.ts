/**
 * PROFILE_OU_CONFLICT: `profile.organizationalUnit` next to `ou`. okta-ou writes `ou` into the
 * assignment profile's `organizationalUnit` (the key Okta's AD app reads for the target OU), so a
 * different value in `profile` would be overwritten or overwrite it. The same DN in both places is
 * harmless and not reported.
 */
import { OU_KEY } from '../normalise';
import type { Finding } from '../../model/types';
import { dnEquals } from '../../model/dn';
import type { Lint } from './types';
import { findingAt } from '../../model/finding';

export const profileOuConflict: Lint = {
  code: 'PROFILE_OU_CONFLICT',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    const out: Finding[] = [];
    for (const dir of desired.directories) {
      for (const g of dir.groups) {
        if (!Object.prototype.hasOwnProperty.call(g.profile, OU_KEY)) continue;
        const v = g.profile.organizationalUnit;
        if (typeof v === 'string' && dnEquals(v, g.ou)) continue;
        out.push(
          findingAt('PROFILE_OU_CONFLICT', 'error', g.profileSources?.organizationalUnit ?? g.source, `group ${JSON.stringify(g.group)} sets profile.organizationalUnit to ${JSON.stringify(v)}, which contradicts its ou ${g.ou}`, { hint: 'remove organizationalUnit from profile: "ou:" is where the OU goes', directory: dir.name, related: [g.ouSource] }),
        );
      }
    }
    return out;
  },
};
