/**
 * Okta's table "Active Directory attribute mappings to Okta properties" (help.okta.com
 * Topics/Directory/Directory_AD_Field_Mappings.htm): each native AD attribute and the variable name Okta
 * gives it on the AD app user. Used for "did you mean" when a mapping targets a name the app user schema
 * does not have: an AD name (`mail`, `sn`) or a near miss (`employeeId`) points at Okta's variable. Pure data.
 */
export interface AdAttribute {
  /** The native AD attribute (`distinguishedName`, `employeeID`). */
  native: string;
  /** The AD app user variable Okta maps it to (`dn`, `employeeID`). */
  variable: string;
  /** What to know before mapping it (the manager attributes' different domain rules). */
  note?: string;
}

const MANAGER_UPN = 'managerUpn takes the manager\'s userPrincipalName, and the manager must be in the same domain as the user';
const MANAGER_DN = 'managerDn takes the manager\'s distinguished name, and the manager may be in another domain';

export const AD_ATTRIBUTES: readonly AdAttribute[] = [
  { native: 'distinguishedName', variable: 'dn' },
  { native: 'givenName', variable: 'firstName' },
  { native: 'mail', variable: 'email' },
  { native: 'objectGUID', variable: 'externalId' },
  { native: 'objectSid', variable: 'objectSid' },
  { native: 'primaryGroupID', variable: 'primaryGroupID' },
  { native: 'userPrincipalName', variable: 'userName' },
  { native: 'sn', variable: 'lastName' },
  { native: 'sAMAccountName', variable: 'samAccountName' },
  { native: 'c', variable: 'countryCode' },
  { native: 'cn', variable: 'cn' },
  { native: 'co', variable: 'co' },
  { native: 'countryCode', variable: 'adCountryCode' },
  { native: 'department', variable: 'department' },
  { native: 'departmentNumber', variable: 'departmentNumber' },
  { native: 'displayName', variable: 'displayName' },
  { native: 'division', variable: 'division' },
  { native: 'employeeID', variable: 'employeeID' },
  { native: 'employeeNumber', variable: 'employeeNumber' },
  { native: 'generationQualifier', variable: 'honorificPrefix' },
  { native: 'l', variable: 'city' },
  { native: 'managerDN', variable: 'managerDn', note: MANAGER_DN },
  { native: 'managerUPN', variable: 'managerUpn', note: MANAGER_UPN },
  { native: 'middleName', variable: 'middleName' },
  { native: 'mobile', variable: 'mobilePhone' },
  { native: 'personalTitle', variable: 'honorificSuffix' },
  { native: 'postalCode', variable: 'postalCode' },
  { native: 'preferredLanguage', variable: 'preferredLanguage' },
  { native: 'st', variable: 'state' },
  { native: 'streetAddress', variable: 'streetAddress' },
  { native: 'telephoneNumber', variable: 'telephoneNumber' },
  { native: 'title', variable: 'title' },
];

/** The note for a variable, if the table has one (the manager attributes). */
export function adNote(variable: string): string | undefined {
  return AD_ATTRIBUTES.find((a) => a.variable === variable)?.note;
}
