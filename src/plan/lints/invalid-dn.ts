/**
 * INVALID_DN: an OU, import OU or naming context that is not a Distinguished Name (RFC 4514,
 * https://www.rfc-editor.org/rfc/rfc4514). Okta passes `organizationalUnit` to the AD agent as is; a
 * malformed DN fails only later, at provisioning time, user by user.
 */
import type { DesiredDirectory, Finding, SourceRef } from '../../model/types';
import { parseDn, tryNamingContextDn } from '../../model/dn';
import type { Lint } from './types';
import { findingAt } from './source-finding';

function check(dir: DesiredDirectory, what: (v: string) => string, value: string, at: SourceRef): Finding[] {
  const p = parseDn(value);
  if (p.ok) return [];
  return [
    findingAt(
      'INVALID_DN',
      'error',
      dir.name,
      at,
      `${what(JSON.stringify(value))} is not a valid DN: ${p.error} (at character ${p.offset + 1})`,
      'write it as RDNs separated by commas, e.g. OU=Sales,OU=Employees,DC=corp,DC=example,DC=com; escape a comma inside a name as "\\,"',
    ),
  ];
}

export const invalidDn: Lint = {
  code: 'INVALID_DN',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    return desired.directories.flatMap((dir) => {
      const out: Finding[] = [];
      if (dir.namingContext !== undefined && tryNamingContextDn(dir.namingContext) === null) {
        out.push(
          findingAt(
            'INVALID_DN',
            'error',
            dir.name,
            dir.fieldSources.namingContext ?? dir.source,
            `namingContext ${JSON.stringify(dir.namingContext)} is neither a DN nor a domain name`,
            'write the domain as a DN (DC=corp,DC=example,DC=com) or as a domain name (corp.example.com)',
          ),
        );
      }
      for (const ou of dir.importOUs) out.push(...check(dir, (v) => `import OU ${v}`, ou.dn, ou.source));
      for (const g of dir.groups) out.push(...check(dir, (v) => `OU ${v} of group ${JSON.stringify(g.group)}`, g.ou, g.ouSource));
      return out;
    });
  },
};
