/**
 * OU_NOT_IMPORT_OU (static form, error): a group's `ou` must be one of the directory's import OUs
 * ("User OUs connected to Okta") or below one. Okta accepts any OU on the assignment, but the AD agent
 * then fails each user with "Target OU is not an import OU" (Okta support: "Automatic provisioning of
 * user … to app Active Directory failed"). DNs are compared after normalisation, so a different case or
 * spacing of an OU that is inside an import OU is fine. An OU outside the naming context is left to
 * OU_OUTSIDE_DOMAIN (one finding per cause), and nothing is said while an import OU is not a valid DN.
 */
import type { Finding } from '../../model/types';
import { isUnder, tryNamingContextDn, tryNormaliseDn } from '../../model/dn';
import type { Lint } from './types';
import { findingAt } from '../../model/finding';
import { memo } from '../../model/memo';

export const ouNotImportOu: Lint = {
  code: 'OU_NOT_IMPORT_OU',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    const out: Finding[] = [];
    for (const dir of desired.directories) {
      // With an unreadable import OU (INVALID_DN) we cannot tell what is inside it: say nothing.
      if (dir.importOUs.length === 0 || dir.importOUs.some((i) => tryNormaliseDn(i.dn) === null)) continue;
      const imports = dir.importOUs;
      const nc = dir.namingContext !== undefined ? tryNamingContextDn(dir.namingContext) : null;
      // Decided once per distinct OU text: a large directory lists 100,000 groups over a few hundred OUs.
      const outsideImports = memo((ou: string): boolean => tryNormaliseDn(ou) !== null && (nc === null || isUnder(ou, nc)) && !imports.some((i) => isUnder(ou, i.dn)));
      for (const g of dir.groups) {
        if (!outsideImports(g.ou)) continue;
        const list = imports.map((i) => i.dn).join(' or ');
        out.push(
          findingAt('OU_NOT_IMPORT_OU', 'error', g.ouSource, `group ${JSON.stringify(g.group)} targets ${g.ou}, which is not under an import OU; Okta would fail its users with "Target OU is not an import OU"`, { hint: `use an OU under ${list}, or add its parent to importOUs (and to "User OUs connected to Okta" in the AD integration)`, directory: dir.name, related: [dir.fieldSources.importOUs ?? dir.source] }),
        );
      }
    }
    return out;
  },
};
