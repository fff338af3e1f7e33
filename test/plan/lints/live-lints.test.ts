import type { Finding, LiveDirectory } from '../../../src/model/types';
import { liveLints } from '../../../src/plan/lints/live';
import type { Lint } from '../../../src/plan/lints/types';
import { appNotFound } from '../../../src/plan/lints/app-not-found';
import { appNotAd } from '../../../src/plan/lints/app-not-ad';
import { appAmbiguous } from '../../../src/plan/lints/app-ambiguous';
import { directoryConflictLive } from '../../../src/plan/lints/directory-conflict-live';
import { namingContextMismatch } from '../../../src/plan/lints/naming-context-mismatch';
import { groupNotFound } from '../../../src/plan/lints/group-not-found';
import { groupAmbiguous } from '../../../src/plan/lints/group-ambiguous';
import { duplicateGroupResolved } from '../../../src/plan/lints/duplicate-group-resolved';
import { profileMappingNotFound } from '../../../src/plan/lints/profile-mapping-not-found';
import { dnMappedLive } from '../../../src/plan/lints/dn-mapped-live';
import { mappingTargetUnknown } from '../../../src/plan/lints/mapping-target-unknown';
import { mappingSourceUnknown } from '../../../src/plan/lints/mapping-source-unknown';
import { updateOuDisabled } from '../../../src/plan/lints/update-ou-disabled';
import { priorityDuplicate } from '../../../src/plan/lints/priority-duplicate';
import { priorityUnknown } from '../../../src/plan/lints/priority-unknown';
import { ouNotImportOuLive } from '../../../src/plan/lints/ou-not-import-ou-live';
import { ouNotSeenLive } from '../../../src/plan/lints/ou-not-seen-live';
import { userScopeAssignment } from '../../../src/plan/lints/user-scope-assignment';
import { userOuMismatch } from '../../../src/plan/lints/user-ou-mismatch';
import { USER_SAMPLE_SIZE } from '../../../src/model/user-sample';
import { unmanagedProfileKeys } from '../../../src/plan/lints/unmanaged-profile-keys';
import { ldapAdChecksSkipped } from '../../../src/plan/lints/ldap-ad-checks-skipped';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState, type DesiredDirectoryBuilder, type LiveDirectoryBuilder } from '../../support/builders';

const C = 'DC=corp,DC=example,DC=com';
const ou = (name: string): string => `OU=${name},OU=Employees,${C}`;
const lc = (name: string): string => `ou=${name.toLowerCase()},ou=employees,dc=corp,dc=example,dc=com`;
const FILE = 'mappings/corp.yaml';
// Builder positions: directory 3:3, app 4:10, namingContext 5:20, import OU i at (6+i):9,
// group i at (20+3i):9 and its ou one line below at column 13, attributeMappings 58:5.
const APP = { type: 'app' as const, id: '0oacorp', name: 'corp.example.com' };

type Several<T> = T | T[];
const several = <T,>(v: Several<T>): T[] => (Array.isArray(v) ? v : [v]);

function run(lint: Lint, desired: Several<DesiredDirectoryBuilder>, live: Several<LiveDirectoryBuilder | LiveDirectory>): Finding[] {
  return lint.check({ desired: aDesiredState(...several(desired)), live: aLiveState(...several(live)) });
}

const SHARED_APP = { id: '0oacorp', label: 'corp.example.com', namingContext: 'corp.example.com' };

const cases: Array<{ lint: Lint; name: string; desired: Several<DesiredDirectoryBuilder>; live: Several<LiveDirectoryBuilder | LiveDirectory>; want: Finding[] }> = [
  {
    lint: appNotFound,
    name: 'no app matches',
    desired: aDesiredDirectory().with({ app: 'nope.example.com' }),
    live: aLiveDirectory().withApp(null),
    want: [
      {
        code: 'APP_NOT_FOUND',
        severity: 'error',
        message: 'directory "corp": no Okta app matches "nope.example.com"',
        hint: 'use the AD app instance id (0oa…) or its exact label, as shown under Directory > Directory Integrations',
        directory: 'corp',
        file: FILE,
        line: 4,
        column: 10,
        object: { type: 'app', id: 'nope.example.com', name: 'nope.example.com' },
      },
    ],
  },
  {
    lint: appAmbiguous,
    name: 'two AD apps share the label',
    desired: aDesiredDirectory().with({ app: 'corp.example.com' }),
    live: { ...aLiveDirectory().withApp(null).build(), appCandidates: ['0oaONE00001', '0oaTWO00002'].map((id) => ({ id, label: 'corp.example.com', name: 'active_directory', status: 'ACTIVE', namingContext: 'corp.example.com' })) },
    want: [
      {
        code: 'APP_AMBIGUOUS',
        severity: 'error',
        message: 'directory "corp": 2 Okta apps match "corp.example.com": 0oaONE00001 (corp.example.com, active_directory), 0oaTWO00002 (corp.example.com, active_directory)',
        hint: 'write the id of the intended app instead of its label, e.g. app: 0oaONE00001',
        directory: 'corp',
        file: FILE,
        line: 4,
        column: 10,
        object: { type: 'app', id: '0oaONE00001', name: 'corp.example.com' },
      },
    ],
  },
  {
    lint: appNotAd,
    name: 'a bookmark app',
    desired: aDesiredDirectory(),
    live: aLiveDirectory().withApp({ name: 'bookmark', label: 'Intranet', id: '0oaINTRA' }),
    want: [
      {
        code: 'APP_NOT_AD',
        severity: 'error',
        message: 'directory "corp": app "Intranet" (0oaINTRA) is a bookmark app, not an Active Directory or LDAP app',
        hint: 'point app: at the AD instance (app name active_directory) or LDAP instance (ldap_sun_one) of this domain',
        directory: 'corp',
        file: FILE,
        line: 4,
        column: 10,
        object: { type: 'app', id: '0oaINTRA', name: 'Intranet' },
      },
    ],
  },
  {
    lint: directoryConflictLive,
    name: 'one directory names the app by id, the other by label: both resolve to 0oacorp',
    desired: [aDesiredDirectory('corp').with({ app: '0oacorp' }), aDesiredDirectory('hq').with({ app: 'corp.example.com' })],
    live: [aLiveDirectory('corp'), aLiveDirectory('hq').withApp(SHARED_APP)],
    want: [
      {
        code: 'DIRECTORY_CONFLICT',
        severity: 'error',
        message: 'directories "corp" (app: 0oacorp) and "hq" (app: corp.example.com) both manage app "corp.example.com" (0oacorp) (other at mappings/hq.yaml:4:10)',
        hint: 'manage each AD app from one directory; merge the two, or correct the app of one of them',
        directory: 'corp',
        file: FILE,
        line: 4,
        column: 10,
        object: APP,
        related: [{ file: 'mappings/hq.yaml', line: 4, column: 10 }],
      },
      {
        code: 'DIRECTORY_CONFLICT',
        severity: 'error',
        message: 'directories "hq" (app: corp.example.com) and "corp" (app: 0oacorp) both manage app "corp.example.com" (0oacorp) (other at mappings/corp.yaml:4:10)',
        hint: 'manage each AD app from one directory; merge the two, or correct the app of one of them',
        directory: 'hq',
        file: 'mappings/hq.yaml',
        line: 4,
        column: 10,
        object: APP,
        related: [{ file: FILE, line: 4, column: 10 }],
      },
    ],
  },
  {
    lint: directoryConflictLive,
    name: 'the same app text twice is the loader\'s finding, not repeated here',
    desired: [aDesiredDirectory('corp').with({ app: 'corp.example.com' }), aDesiredDirectory('hq').with({ app: ' CORP.example.com' })],
    live: [aLiveDirectory('corp'), aLiveDirectory('hq').withApp(SHARED_APP)],
    want: [],
  },
  {
    lint: namingContextMismatch,
    name: 'declared DN differs from the app domain',
    desired: aDesiredDirectory().with({ namingContext: 'DC=emea,DC=example,DC=com' }),
    live: aLiveDirectory(),
    want: [
      {
        code: 'NAMING_CONTEXT_MISMATCH',
        severity: 'error',
        message: 'directory "corp" declares naming context DC=emea,DC=example,DC=com, but app "corp.example.com" serves corp.example.com (dc=corp,dc=example,dc=com)',
        hint: 'set namingContext: DC=corp,DC=example,DC=com, or point app: at the AD instance of DC=emea,DC=example,DC=com',
        directory: 'corp',
        file: FILE,
        line: 5,
        column: 20,
        object: APP,
      },
    ],
  },
  {
    lint: groupNotFound,
    name: 'a name that matches nothing',
    desired: aDesiredDirectory().withGroup('Engineerin', ou('Eng')),
    live: aLiveDirectory().withResolved('Engineerin', []),
    want: [
      {
        code: 'GROUP_NOT_FOUND',
        severity: 'error',
        message: 'group "Engineerin" matches no Okta group',
        hint: 'check the exact group name (names are exact, not prefixes) or use the group id (00g…)',
        directory: 'corp',
        file: FILE,
        line: 20,
        column: 9,
        object: { type: 'group', id: 'Engineerin', name: 'Engineerin' },
      },
    ],
  },
  {
    lint: groupAmbiguous,
    name: 'an OKTA_GROUP and an APP_GROUP share a name',
    desired: aDesiredDirectory().withGroup('Sales', ou('Sales')),
    live: aLiveDirectory().withGroup('Sales', { id: '00gS1' }).withGroup('Sales', { id: '00gS2', type: 'APP_GROUP' }),
    want: [
      {
        code: 'GROUP_AMBIGUOUS',
        severity: 'error',
        message: 'group "Sales" matches 2 Okta groups: 00gS1 (OKTA_GROUP), 00gS2 (APP_GROUP)',
        hint: 'use the id of the intended group instead of its name, e.g. group: 00gS1',
        directory: 'corp',
        file: FILE,
        line: 20,
        column: 9,
        object: { type: 'group', id: '00gS1', name: 'Sales' },
      },
    ],
  },
  {
    lint: duplicateGroupResolved,
    name: 'the same group by name and by id',
    desired: aDesiredDirectory().withGroup('Sales', ou('Sales')).withGroup('00gSales', ou('Other')),
    live: aLiveDirectory().withGroup('Sales'),
    want: [
      {
        code: 'DUPLICATE_GROUP',
        severity: 'error',
        message: 'group "00gSales" is the same Okta group as "Sales" (00gSales), already listed at line 20',
        hint: 'list each group once per directory',
        directory: 'corp',
        file: FILE,
        line: 23,
        column: 9,
        object: { type: 'group', id: '00gSales', name: 'Sales' },
        related: [{ file: FILE, line: 20, column: 9 }],
      },
    ],
  },
  {
    lint: profileMappingNotFound,
    name: 'mappings declared, none in Okta',
    desired: aDesiredDirectory().withMappings({ email: 'user.email' }),
    live: aLiveDirectory().withoutMapping(),
    want: [
      {
        code: 'PROFILE_MAPPING_NOT_FOUND',
        severity: 'error',
        message: 'app "corp.example.com" has no Okta user → AD profile mapping, so attributeMappings cannot be applied',
        hint: 'enable provisioning To App on the AD integration in the Admin Console (Okta then creates the mapping), or remove attributeMappings',
        directory: 'corp',
        file: FILE,
        line: 58,
        column: 5,
        object: APP,
      },
    ],
  },
  {
    lint: mappingTargetUnknown,
    name: 'a target the app user schema does not have; an AD attribute name; a manager attribute',
    desired: aDesiredDirectory().withMappings({ employeeId: 'user.employeeNumber', sn: 'user.lastName', managerUPN: 'user.managerId', title: 'user.title' }),
    live: { ...aLiveDirectory().withMapping({}).build(), mappingSchemas: { target: ['employeeID', 'lastName', 'managerDn', 'managerUpn', 'title'], defaultSource: ['employeeNumber', 'lastName', 'managerId', 'title'], typeSources: {} } },
    want: [
      {
        code: 'MAPPING_TARGET_UNKNOWN',
        severity: 'error',
        message: 'attributeMappings: employeeId is not an attribute of the corp.example.com app user; Okta would refuse the mapping update with "Invalid target field employeeId"',
        hint: 'did you mean employeeID?',
        directory: 'corp',
        file: FILE,
        line: 60,
        column: 9,
        object: APP,
      },
      {
        code: 'MAPPING_TARGET_UNKNOWN',
        severity: 'error',
        message: 'attributeMappings: sn is not an attribute of the corp.example.com app user; Okta would refuse the mapping update with "Invalid target field sn"',
        hint: "did you mean lastName? (AD's sn is lastName on the app user)",
        directory: 'corp',
        file: FILE,
        line: 61,
        column: 9,
        object: APP,
      },
      {
        code: 'MAPPING_TARGET_UNKNOWN',
        severity: 'error',
        message: 'attributeMappings: managerUPN is not an attribute of the corp.example.com app user; Okta would refuse the mapping update with "Invalid target field managerUPN"',
        hint: "did you mean managerUpn?; managerUpn takes the manager's userPrincipalName, and the manager must be in the same domain as the user; managerDn takes the manager's distinguished name, and the manager may be in another domain",
        directory: 'corp',
        file: FILE,
        line: 62,
        column: 9,
        object: APP,
      },
    ],
  },
  {
    lint: mappingSourceUnknown,
    name: 'an expression reads a user attribute the user type does not have (string literals are not read)',
    desired: aDesiredDirectory().withMappings({ title: 'user.titel + " user.nope"', department: 'user.department' }),
    live: { ...aLiveDirectory().withMapping({}).build(), mappingSchemas: { target: ['department', 'title'], defaultSource: ['department', 'title'], typeSources: {} } },
    want: [
      {
        code: 'MAPPING_SOURCE_UNKNOWN',
        severity: 'error',
        message: 'attributeMappings: title reads user.titel, which is not an attribute of the default user type',
        hint: 'did you mean user.title?',
        directory: 'corp',
        file: FILE,
        line: 60,
        column: 9,
        object: APP,
      },
    ],
  },
  {
    lint: ldapAdChecksSkipped,
    name: 'an LDAP instance: the AD-only checks are skipped, and DN_MAPPED stays silent about its dn mapping',
    desired: aDesiredDirectory().with({ updateOUOnGroupChange: false }),
    live: aLiveDirectory().withApp({ name: 'ldap_sun_one', label: 'ldap.example.com', id: '0oaLDAP' }).withMapping({ dn: 'user.x' }),
    want: [
      {
        code: 'LDAP_AD_CHECKS_SKIPPED',
        severity: 'info',
        message: 'directory "corp": app "ldap.example.com" is an LDAP instance; the Active Directory checks DN_MAPPED, UPDATE_OU_DISABLED and NAMING_CONTEXT_MISMATCH are skipped (the live dn mapping is left alone)',
        hint: 'nothing to do; the OU and DN checks apply to LDAP as to AD',
        directory: 'corp',
        file: FILE,
        line: 4,
        column: 10,
        object: { type: 'app', id: '0oaLDAP', name: 'ldap.example.com' },
      },
    ],
  },
  {
    lint: dnMappedLive,
    name: 'dn mapped live only',
    desired: aDesiredDirectory(),
    live: aLiveDirectory().withMapping({ dn: 'user.x' }),
    want: [
      {
        code: 'DN_MAPPED',
        severity: 'warning',
        message: 'the Okta → AD mapping of "corp.example.com" maps dn (distinguishedName) from user.x: provisioning can fail with "Target OU is not an import OU"; the plan removes it',
        hint: "nothing to do: apply removes the mapping; AD derives the DN from the group's OU",
        directory: 'corp',
        object: { type: 'mapping', id: 'prmcorp', name: 'dn' },
      },
    ],
  },
  {
    lint: dnMappedLive,
    name: 'dn declared in the file too: the static error covers it',
    desired: aDesiredDirectory().withMappings({ dn: 'user.x' }),
    live: aLiveDirectory().withMapping({ dn: 'user.x' }),
    want: [],
  },
  {
    lint: updateOuDisabled,
    name: 'an OU change with updateOUOnGroupChange: false',
    desired: aDesiredDirectory().with({ updateOUOnGroupChange: false }).withGroup('Partners', ou('External')),
    live: aLiveDirectory().withAssignment('Partners', lc('Partners'), 0, { usersCount: 8 }),
    want: [
      {
        code: 'UPDATE_OU_DISABLED',
        severity: 'warning',
        message: `group "Partners" moves from ${lc('Partners')} to ${lc('External')} while updateOUOnGroupChange is false: the existing users it places (of its 8 members) stay in the old OU, only new users go to the new one`,
        hint: 'enable "Update OU when the group that provisions a user to AD changes" (AD integration > Provisioning > To App), then set updateOUOnGroupChange: true; or move existing users in AD',
        directory: 'corp',
        file: FILE,
        line: 21,
        column: 13,
        object: { type: 'assignment', id: '00gPartners', name: 'Partners' },
      },
    ],
  },
  {
    lint: updateOuDisabled,
    name: 'the same change with the setting on: silent',
    desired: aDesiredDirectory().with({ updateOUOnGroupChange: true }).withGroup('Partners', ou('External')),
    live: aLiveDirectory().withAssignment('Partners', lc('Partners'), 0),
    want: [],
  },
  {
    lint: priorityDuplicate,
    name: 'two live assignments share a priority, one managed',
    desired: aDesiredDirectory().withGroup('A', ou('A')),
    live: aLiveDirectory().withAssignment('B', lc('B'), 1).withAssignment('A', lc('A'), 1).withAssignment('C', lc('C'), 2),
    want: [
      {
        code: 'PRIORITY_DUPLICATE',
        severity: 'warning',
        message: 'live assignments of "A", "B" share priority 1: which OU wins for users in several of them is undefined',
        hint: "list these groups in the mappings to order them, or drag them into order under the app's Assignments > Groups in the Admin Console",
        directory: 'corp',
        file: FILE,
        line: 20,
        column: 9,
        object: { type: 'assignment', id: '00gB', name: 'B' },
      },
    ],
  },
  {
    lint: priorityUnknown,
    name: 'Okta returned no priority for an unmanaged assignment; NaN is not a shared priority',
    desired: aDesiredDirectory().withGroup('A', ou('A')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0).withAssignment('U', lc('U'), NaN).withAssignment('W', lc('W'), NaN),
    want: ['U', 'W'].map((n) => ({
      code: 'PRIORITY_UNKNOWN' as const,
      severity: 'warning' as const,
      message: `Okta returned no priority for the live assignment of "${n}": which OU wins for its users who are in other assigned groups is unknown`,
      hint: "list the group in the mappings so the plan gives it a priority, or set its order under the app's Assignments > Groups in the Admin Console",
      directory: 'corp',
      object: { type: 'assignment' as const, id: `00g${n}`, name: n },
    })),
  },
  {
    lint: priorityDuplicate,
    name: 'two unknown (NaN) priorities are not a duplicate',
    desired: aDesiredDirectory().withGroup('A', ou('A')),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0).withAssignment('U', lc('U'), NaN).withAssignment('W', lc('W'), NaN),
    want: [],
  },
  {
    lint: ouNotImportOuLive,
    name: 'unmanaged live assignments outside the import OUs (kept or deleted)',
    desired: aDesiredDirectory().authoritative(['legacy-*']).withGroup('A', ou('A')),
    live: aLiveDirectory()
      .withAssignment('A', 'ou=a,ou=elsewhere,dc=corp,dc=example,dc=com', 0)
      .withAssignment('legacy-vpn', 'ou=vpn,ou=legacy,dc=corp,dc=example,dc=com', 1)
      .withAssignment('Old', 'ou=old,dc=corp,dc=example,dc=com', 2)
      .withAssignment('Fine', lc('Fine'), 3),
    want: [
      {
        code: 'OU_NOT_IMPORT_OU',
        severity: 'warning',
        message: 'live assignment of "legacy-vpn" targets ou=vpn,ou=legacy,dc=corp,dc=example,dc=com, which is not under an import OU: provisioning its members fails with "Target OU is not an import OU" (okta-ou leaves it alone)',
        hint: `connect the OU to Okta (AD integration > Provisioning > Integration > User OUs connected to Okta) and add it to importOUs, or point the assignment at an OU under OU=Employees,${C}`,
        directory: 'corp',
        object: { type: 'assignment', id: '00glegacyvpn', name: 'legacy-vpn' },
      },
      {
        code: 'OU_NOT_IMPORT_OU',
        severity: 'warning',
        message: 'live assignment of "Old" targets ou=old,dc=corp,dc=example,dc=com, which is not under an import OU: provisioning its members fails with "Target OU is not an import OU" (the plan removes this assignment)',
        hint: `connect the OU to Okta (AD integration > Provisioning > Integration > User OUs connected to Okta) and add it to importOUs, or point the assignment at an OU under OU=Employees,${C}`,
        directory: 'corp',
        object: { type: 'assignment', id: '00gOld', name: 'Old' },
      },
    ],
  },
  {
    lint: ouNotSeenLive,
    name: 'no observed DN under the second import OU',
    desired: aDesiredDirectory().withImportOUs(`OU=Employees,${C}`, `OU=Contractors,${C}`),
    live: aLiveDirectory().withObservedDns(`CN=Ada,OU=Eng,OU=Employees,${C}`, 'CN=Domain Users,CN=Users,DC=corp,DC=example,DC=com'),
    want: [
      {
        code: 'OU_NOT_SEEN_LIVE',
        severity: 'warning',
        message: `import OU OU=Contractors,${C}: none of the 2 DNs seen on users and groups imported from "corp.example.com" lies under it`,
        hint: 'check the spelling against "User OUs connected to Okta" (AD integration > Provisioning > Integration in the Admin Console); provisioning into an OU that is not connected fails with "Target OU is not an import OU"',
        directory: 'corp',
        file: FILE,
        line: 7,
        column: 9,
        object: APP,
      },
    ],
  },
  {
    lint: ouNotSeenLive,
    name: 'nothing observed: no evidence either way',
    desired: aDesiredDirectory().withImportOUs(`OU=Contractors,${C}`),
    live: aLiveDirectory(),
    want: [],
  },
  {
    lint: userScopeAssignment,
    name: 'individually assigned members',
    desired: aDesiredDirectory(),
    live: aLiveDirectory().withUserScoped(7, [
      { id: '00u1', userName: 'ada.lovelace@example.com' },
      { id: '00u2', userName: 'alan.turing@example.com' },
      { id: '00u3' },
    ]),
    want: [
      {
        code: 'USER_SCOPE_ASSIGNMENT',
        severity: 'warning',
        message: '7 members of managed groups are assigned to "corp.example.com" individually (scope USER), so their OU does not follow their group: ada.lovelace@example.com, alan.turing@example.com, 00u3, and 4 more',
        hint: 'convert each to a group assignment: POST /api/v1/apps/0oacorp/users/00u1 with {"scope":"GROUP"} (or Assignments > Convert Assignments in the Admin Console)',
        directory: 'corp',
        object: APP,
      },
    ],
  },
  {
    lint: userOuMismatch,
    name: 'provisioned users outside their winning group\'s OU (every member and dn read)',
    desired: aDesiredDirectory(),
    live: aLiveDirectory()
      .withAssignment('A', lc('A'), 0)
      .withAssignment('B', lc('B'), 1)
      .withPeople({
        users: { '00u1': 'one@example.com', '00u2': 'two@example.com', '00u3': 'three@example.com' },
        members: { '00gA': ['00u1', '00u2'], '00gB': ['00u2', '00u3'] },
        individual: ['00u3'],
        appUsers: 4,
        membersRead: true,
        allMembers: true,
        // 00u1 sits where A says; 00u2 where B says although A outranks B; 00u3 (individual) elsewhere; 00u4 in no group.
        dns: { '00u1': `CN=One,${ou('A')}`, '00u2': `CN=Two,${lc('B')}`, '00u3': `CN=Three,${ou('Old')}`, '00u4': `CN=Four,${ou('Old')}` },
      }),
    want: [
      {
        code: 'USER_OU_MISMATCH',
        severity: 'warning',
        message: `2 provisioned users of "corp.example.com" are not in the OU their winning group says: three@example.com (assigned individually) is in CN=Three,${ou('Old')}, B says ${lc('B')}; two@example.com is in CN=Two,${lc('B')}, A says ${lc('A')}`,
        hint: 'okta-ou explain USER shows why for one user; convert individual assignments to group assignments, move users left behind (updateOUOnGroupChange off) in AD, and look for failed pushes in the System Log',
        directory: 'corp',
        object: APP,
      },
    ],
  },
  {
    lint: userOuMismatch,
    name: 'placement not read (no --check-placement): silent',
    desired: aDesiredDirectory(),
    live: aLiveDirectory()
      .withAssignment('A', lc('A'), 0)
      .withPeople({ users: {}, members: { '00gA': ['00u1'] }, individual: [], appUsers: 1, membersRead: true, dns: { '00u1': `CN=One,${ou('Old')}` } }),
    want: [],
  },
  {
    lint: unmanagedProfileKeys,
    name: 'live profile keys the file does not list',
    desired: aDesiredDirectory().withGroup('A', ou('A'), { division: 'x' }),
    live: aLiveDirectory().withAssignment('A', lc('A'), 0, { profile: { division: 'x', manager: 'm', costCenter: 'c', empty: null } }),
    want: [
      {
        code: 'UNMANAGED_PROFILE_KEYS',
        severity: 'info',
        message: 'live assignment profile of "A" has keys the file does not manage: costCenter, manager (kept as they are)',
        hint: "to manage them, list them under the group's profile:",
        directory: 'corp',
        file: FILE,
        line: 20,
        column: 9,
        object: { type: 'assignment', id: '00gA', name: 'A' },
      },
    ],
  },
];

describe('live lints', () => {
  it.each(cases)('$lint.code: $name', ({ lint, desired, live, want }) => {
    expect(run(lint, desired, live)).toEqual(want);
  });

  it('every registered live lint is covered by a case above, and needs live data', () => {
    const covered = new Set(cases.map((c) => c.lint));
    expect(liveLints.filter((l) => !covered.has(l))).toEqual([]);
    expect(liveLints.filter((l) => l.needs !== 'live')).toEqual([]);
  });

  it('every finding of a case carries its lint\'s code and declared severity (no live lint has a lower form today)', () => {
    const off = cases.flatMap(({ lint, desired, live }) => run(lint, desired, live).filter((f) => f.code !== lint.code || f.severity !== lint.severity).map((f) => [lint.code, f.code, f.severity]));
    expect(off).toEqual([]);
    const reporting = new Set(cases.filter(({ lint, desired, live }) => run(lint, desired, live).length > 0).map((c) => c.lint));
    expect(liveLints.filter((l) => !reporting.has(l)).map((l) => l.code)).toEqual([]);
  });

  it('a quiet, matching directory gives no live finding at all', () => {
    const desired = aDesiredDirectory().authoritative().withImportOUs(`OU=Employees,${C}`).withGroup('A', ou('A')).withMappings({ email: 'user.email' });
    const live = aLiveDirectory().withAssignment('A', lc('A'), 0).withMapping({ email: 'user.email' }).withObservedDns(`CN=x,${ou('A')}`);
    expect(liveLints.flatMap((l) => run(l, desired, live))).toEqual([]);
  });

  it('a directory whose app is missing gets APP_NOT_FOUND only, not noise about its groups', () => {
    const desired = aDesiredDirectory().withGroup('A', ou('A'));
    const live = aLiveDirectory().withApp(null).withResolved('A', []);
    expect(liveLints.flatMap((l) => run(l, desired, live)).map((f) => f.code)).toEqual(['APP_NOT_FOUND']);
  });

  it('USER_SCOPE_ASSIGNMENT names as many users as the reader samples (one USER_SAMPLE_SIZE, 5)', () => {
    expect(USER_SAMPLE_SIZE).toBe(5);
    const sample = Array.from({ length: 8 }, (_, i) => ({ id: `00u${i}` }));
    const [f] = run(userScopeAssignment, aDesiredDirectory(), aLiveDirectory().withUserScoped(8, sample));
    expect(f.message).toBe('8 members of managed groups are assigned to "corp.example.com" individually (scope USER), so their OU does not follow their group: 00u0, 00u1, 00u2, 00u3, 00u4, and 3 more');
  });

  it('live lints are silent without live data (validate)', () => {
    expect(liveLints.flatMap((l) => l.check({ desired: aDesiredState(aDesiredDirectory().withGroup('A', ou('A'))) }))).toEqual([]);
  });
});
