import type { AppRec } from './types';

type Prop = Record<string, unknown>;

const str = (title: string, extra: Prop = {}): Prop => ({ title, type: 'string', scope: 'NONE', ...extra });

/**
 * Base app-user attributes. AD: Okta's "Base Active Directory attributes" (help.okta.com
 * ad-agent-base-attributes.htm: dn = distinguishedName, externalId = objectGUID, …) plus the common
 * directory attributes an AD import schema carries. Other apps: userName only (recorded Okta responses).
 */
const AD_BASE: Record<string, Prop> = {
  dn: str('Distinguished name', { externalName: 'distinguishedName' }),
  email: str('Email', { externalName: 'mail' }),
  externalId: str('Unique identifier', { externalName: 'objectGUID' }),
  firstName: str('First name', { externalName: 'givenName' }),
  lastName: str('Last name', { externalName: 'sn' }),
  managerUpn: str('Manager UPN'),
  managerDn: str('Manager DN'),
  objectSid: str('Object SID', { externalName: 'objectSid' }),
  primaryGroupID: str('Primary group ID'),
  samAccountName: str('Username', { externalName: 'sAMAccountName' }),
  userName: str('Username', { required: true, externalName: 'userPrincipalName' }),
  displayName: str('Display name', { externalName: 'displayName' }),
  department: str('Department', { externalName: 'department' }),
  title: str('Title', { externalName: 'title' }),
  employeeID: str('Employee ID', { externalName: 'employeeID' }),
  employeeNumber: str('Employee number', { externalName: 'employeeNumber' }),
  division: str('Division', { externalName: 'division' }),
  company: str('Company', { externalName: 'company' }),
  manager: str('Manager', { externalName: 'manager' }),
  mobilePhone: str('Mobile phone', { externalName: 'mobile' }),
  telephoneNumber: str('Telephone number', { externalName: 'telephoneNumber' }),
  streetAddress: str('Street address', { externalName: 'streetAddress' }),
  city: str('City', { externalName: 'l' }),
  state: str('State', { externalName: 'st' }),
  postalCode: str('Postal code', { externalName: 'postalCode' }),
  countryCode: str('Country code', { externalName: 'countryCode' }),
  description: str('Description', { externalName: 'description' }),
  middleName: str('Middle name', { externalName: 'middleName' }),
  honorificPrefix: str('Honorific prefix', { externalName: 'personalTitle' }),
};

const OTHER_BASE: Record<string, Prop> = {
  userName: str('Username', { required: true, scope: 'SELF' }),
};

export function baseSchemaProps(app: AppRec): Record<string, Prop> {
  return app.ad ? AD_BASE : OTHER_BASE;
}

export function appSchemaHasProperty(app: AppRec, name: string): boolean {
  return Object.hasOwn(baseSchemaProps(app), name) || Object.hasOwn(app.customSchema, name);
}

/** Okta user profile (default user type) attributes a mapping may target. */
export const USER_PROFILE_PROPS = [
  'login', 'email', 'secondEmail', 'firstName', 'lastName', 'middleName', 'honorificPrefix', 'honorificSuffix',
  'title', 'displayName', 'nickName', 'profileUrl', 'primaryPhone', 'mobilePhone', 'streetAddress', 'city',
  'state', 'zipCode', 'countryCode', 'postalAddress', 'preferredLanguage', 'locale', 'timezone', 'userType',
  'employeeNumber', 'costCenter', 'organization', 'division', 'department', 'managerId', 'manager',
];

/** A user type's schema id, as its `_links.schema` names it: `osc` + the tail of the type's id. */
export function userSchemaId(userTypeId: string): string {
  return `osc${userTypeId.slice(3)}`;
}
