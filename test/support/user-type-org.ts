/** A one-app org with a default and a `contractor` user type, and its mapping file: the user-type mapping tests' fixture. */
import type { AppSeed, OrgSeed, UserTypeSeed } from '../../src/sandbox/types';

export const APP = 'corp.example.com';
export const DC = 'dc=corp,dc=example,dc=com';

/** `contractor` and `app` add to the base type and the AD app (its mappings, a schema). */
export function userTypeOrg(contractor: Partial<UserTypeSeed>, app: Partial<AppSeed>): OrgSeed {
  return {
    users: [{ login: 'ada@corp.example.com', firstName: 'Ada', lastName: 'Lovelace' }],
    groups: [{ name: 'Engineering', members: ['ada@corp.example.com'] }],
    userTypes: [
      { name: 'user', displayName: 'User', default: true },
      { name: 'contractor', displayName: 'Contractor', ...contractor },
    ],
    apps: [{
      label: APP, namingContext: APP, importOUs: [`ou=employees,${DC}`],
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,ou=employees,${DC}` } }],
      ...app,
    }],
  };
}

/** The directory's mapping file; `extra` goes under the directory (attributeMappings). */
export const corpYaml = (extra = ''): string => `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["ou=employees,${DC}"]
    groups:
      - group: Engineering
        ou: ou=engineering,ou=employees,${DC}
${extra}`;
