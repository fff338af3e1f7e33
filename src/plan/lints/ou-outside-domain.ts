/**
 * OU_OUTSIDE_DOMAIN: with a `namingContext` declared, every import OU and group OU must lie in that
 * domain. An AD app instance serves one domain (its `settings.app.namingContext`); an OU elsewhere belongs
 * to another domain's directory and the agent cannot create users there.
 */
import type { DesiredDirectory, Finding, SourceRef } from '../../model/types';
import { isUnder, tryNamingContextDn, tryNormaliseDn } from '../../model/dn';
import type { Lint } from './types';
import { findingAt } from '../../model/finding';

function outside(dir: DesiredDirectory, nc: string, what: (v: string) => string, dn: string, at: SourceRef): Finding[] {
  if (tryNormaliseDn(dn) === null || isUnder(dn, nc)) return [];
  return [
    findingAt('OU_OUTSIDE_DOMAIN', 'error', at, `${what(dn)} is not in the directory's domain ${dir.namingContext}`, { hint: `use an OU ending in ${dir.namingContext}, or move this entry to the directory of its domain`, directory: dir.name, related: [dir.fieldSources.namingContext ?? dir.source] }),
  ];
}

export const ouOutsideDomain: Lint = {
  code: 'OU_OUTSIDE_DOMAIN',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    return desired.directories.flatMap((dir) => {
      if (dir.namingContext === undefined) return [];
      const nc = tryNamingContextDn(dir.namingContext);
      if (nc === null) return [];
      return [
        ...dir.importOUs.flatMap((i) => outside(dir, nc, (v) => `import OU ${v}`, i.dn, i.source)),
        ...dir.groups.flatMap((g) => outside(dir, nc, (v) => `OU ${v} of group ${JSON.stringify(g.group)}`, g.ou, g.ouSource)),
      ];
    });
  },
};
