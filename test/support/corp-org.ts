/**
 * A small org for the CI tests against the local Okta: one AD app, corp.example.com, with one import OU,
 * and the mapping file that manages it. Groups and assignments are the test's own.
 */
import type { OrgSeed } from '../../src/sandbox/types';
import { mappingFile } from '../e2e/helpers';

export const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';

/** An OU under the import OU as Okta stores it (lower case). */
export const liveOu = (name: string): string => `ou=${name.toLowerCase()},${EMP.toLowerCase()}`;

/** Groups by name with their members' logins; `assigned`: [group, OU name] in priority order. */
export function corpOrg(groups: Record<string, string[]>, assigned: Array<[string, string]> = []): OrgSeed {
  const logins = [...new Set(Object.values(groups).flat())];
  return {
    users: logins.map((login) => ({ login, firstName: login.split('@')[0]!, lastName: 'Test' })),
    groups: Object.entries(groups).map(([name, members]) => ({ name, members })),
    apps: [
      {
        label: 'corp.example.com',
        name: 'active_directory',
        namingContext: 'corp.example.com',
        importOUs: [EMP],
        updateOUOnGroupChange: true,
        assignments: assigned.map(([group, ou], priority) => ({ group, priority, profile: { organizationalUnit: liveOu(ou) } })),
      },
    ],
  };
}

/** The mapping file: `groups` as [group, OU name under the import OU], in priority order. */
export function corpMappings(groups: Array<[string, string]>): string {
  const list = groups.map(([g, ou]) => `      - group: ${g}\n        ou: OU=${ou},${EMP}\n`).join('');
  return mappingFile(`  corp:\n    app: corp.example.com\n    importOUs: ['${EMP}']\n    groups:\n${list}`);
}
