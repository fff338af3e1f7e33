/**
 * OU_NOT_IMPORT_OU, live form (warning): a live assignment the files do NOT manage targets an OU that is
 * not an import OU or below one. Okta accepts such an assignment, but provisioning its members fails
 * asynchronously with "Target OU is not an import OU" (Okta support article on that error; docs/okta-api.md §2). okta-ou does not
 * touch it (ignored, or additive mode) — or removes it (authoritative), which the message says. Silent
 * when the directory declares no valid import OU (the static lint reports that).
 */
import { isUnder, tryNormaliseDn } from '../../model/dn';
import type { Finding } from '../../model/types';
import { unmanagedAssignments } from '../diff-assignments';
import { OU_KEY } from '../normalise';
import { usablePairs } from './live-helpers';
import type { Lint } from './types';

export const ouNotImportOuLive: Lint = {
  code: 'OU_NOT_IMPORT_OU',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, resolution, assignmentChanges, assigned }): Finding[] => {
      const imports = desired.importOUs.map((o) => o.dn).filter((dn) => tryNormaliseDn(dn) !== null);
      if (imports.length === 0) return [];
      const deleted = new Set(assignmentChanges.filter((c) => c.action === 'delete').map((c) => c.group.id));
      return unmanagedAssignments(live, resolution, assigned).flatMap((a): Finding[] => {
        const ou = a.profile[OU_KEY];
        if (typeof ou !== 'string' || imports.some((dn) => isUnder(ou, dn))) return [];
        const name = live.groups[a.groupId]?.name ?? a.groupId;
        const fate = deleted.has(a.groupId) ? 'the plan removes this assignment' : 'okta-ou leaves it alone';
        return [
          {
            code: 'OU_NOT_IMPORT_OU',
            severity: 'warning',
            message: `live assignment of "${name}" targets ${ou}, which is not under an import OU: provisioning its members fails with "Target OU is not an import OU" (${fate})`,
            hint: `connect the OU to Okta (AD integration > Provisioning > Integration > User OUs connected to Okta) and add it to importOUs, or point the assignment at an OU under ${imports[0]}`,
            directory: desired.name,
            object: { type: 'assignment', id: a.groupId, name },
          },
        ];
      });
    }),
};
