/**
 * DN_MAPPED, live form (warning): the Okta → AD profile mapping maps `dn` (distinguishedName). AD computes
 * the DN from the target OU; mapping it is one of the two documented causes of "Target OU is not an import
 * OU" (Okta support article on that error; docs/okta-api.md §3). The plan always removes it (diff-mappings.ts), so this is a
 * warning. When a file declares `dn` too, the static DN_MAPPED error already covers it: no second finding.
 * Every user type's mapping is checked: a `dn` mapped from a custom user type breaks its users alike.
 */
import { ownValue } from '../../model/data-record';
import type { Finding } from '../../model/types';
import { DN_PROPERTY } from '../diff-mappings';
import { adPairs } from './live-helpers';
import type { Lint } from './types';

const HINT = 'nothing to do: apply removes the mapping; AD derives the DN from the group\'s OU';

export const dnMappedLive: Lint = {
  code: 'DN_MAPPED',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    adPairs(ctx).flatMap(({ desired, live, app }): Finding[] => {
      const out: Finding[] = [];
      const prop = live.mapping?.properties[DN_PROPERTY];
      if (live.mapping && prop && !desired.attributeMappings?.properties[DN_PROPERTY]) {
        out.push({
          code: 'DN_MAPPED',
          severity: 'warning',
          message: `the Okta → AD mapping of "${app.label}" maps dn (distinguishedName) from ${prop.expression}: provisioning can fail with "Target OU is not an import OU"; the plan removes it`,
          hint: HINT,
          directory: desired.name,
          object: { type: 'mapping', id: live.mapping.id, name: DN_PROPERTY },
        });
      }
      for (const t of live.typeMappings ?? []) {
        const typed = ownValue(t.mapping.properties, DN_PROPERTY);
        if (!typed) continue;
        out.push({
          code: 'DN_MAPPED',
          severity: 'warning',
          message: `the Okta → AD mapping of user type "${t.userType.name}" to "${app.label}" maps dn (distinguishedName) from ${typed.expression}: provisioning of its users can fail with "Target OU is not an import OU"; the plan removes it`,
          hint: HINT,
          directory: desired.name,
          object: { type: 'mapping', id: t.mapping.id, name: `${t.userType.name}/${DN_PROPERTY}` },
        });
      }
      return out;
    }),
};
