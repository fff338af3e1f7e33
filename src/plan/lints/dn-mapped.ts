/**
 * DN_MAPPED (file-declared form, error): `dn` (distinguishedName) must not be mapped Okta → AD. AD
 * computes the DN from the OU the group assignment names; Okta documents a mapped distinguishedName as
 * one of the two causes of "Target OU is not an import OU" ("AD will determine and write this value, so
 * it should not be configured in the directory mappings", Okta support article on that error). The AD
 * app user's variable for distinguishedName is `dn` (help.okta.com, Base Active Directory attributes).
 */
import type { Finding, SourceRef } from '../../model/types';
import type { Lint } from './types';
import { findingAt } from '../../model/finding';

const DN_NAMES = new Set(['dn', 'distinguishedname']);

export const dnMapped: Lint = {
  code: 'DN_MAPPED',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    const out: Finding[] = [];
    for (const dir of desired.directories) {
      // The default user type's properties, then each other user type's (attributeMappings.userTypes).
      const lists: Array<[string, Record<string, { source: SourceRef }>]> = [
        ['attributeMappings.properties', dir.attributeMappings?.properties ?? {}],
        ...Object.entries(dir.attributeMappings?.userTypes ?? {}).map(([t, m]): [string, typeof m.properties] => [`attributeMappings.userTypes.${t}.properties`, m.properties]),
      ];
      for (const [where, props] of lists) {
        for (const [prop, m] of Object.entries(props)) {
          if (!DN_NAMES.has(prop.toLowerCase())) continue;
          out.push(
            findingAt('DN_MAPPED', 'error', m.source, `attributeMappings maps ${prop.toLowerCase() === 'dn' ? `"${prop}" (the AD distinguishedName)` : `"${prop}"`}; AD computes the DN from the group's OU and Okta fails users with "Target OU is not an import OU" when it is mapped`, { hint: `remove "${prop}" from ${where} and set the OU with the group's "ou:"`, directory: dir.name }),
          );
        }
      }
    }
    return out;
  },
};
