/**
 * Data shapes of the local Okta: the org seed (what an org file holds) and the in-memory records the
 * server keeps. Records hold only what the API renders; shapes/*.ts turn them into Okta's JSON.
 */

// ---------- Org seed (YAML/JSON org file, `okta-ou sandbox --org FILE`) ----------

export interface UserSeed {
  login: string;
  firstName: string;
  lastName: string;
  email?: string;
  department?: string;
  title?: string;
  employeeNumber?: string;
  id?: string;
  /** Label or id of the AD (or LDAP) app the user was imported from; only such users' AD group memberships can be managed. */
  importedFrom?: string;
  [key: string]: unknown;
}

export interface GroupSeed {
  name: string;
  description?: string | null;
  type?: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  members?: string[];
  /** Label or id of the app an APP_GROUP was imported from. */
  source?: string;
  /** profile.dn of an AD-imported group. */
  dn?: string;
  id?: string;
}

export interface AssignmentSeed {
  group: string;
  priority?: number;
  profile?: Record<string, unknown>;
}

export interface MappingPropertySeed {
  expression: string;
  pushStatus?: 'PUSH' | 'DONT_PUSH';
}

export interface AppUserSeed {
  user: string;
  scope?: 'USER' | 'GROUP';
  profile?: Record<string, unknown>;
}

export interface AgentSeed {
  name?: string;
  operationalStatus?: 'OPERATIONAL' | 'DEGRADED' | 'DISRUPTED' | 'INACTIVE';
  lastConnectionMinutesAgo?: number;
  version?: string;
}

export interface PushMappingSeed {
  sourceGroup: string;
  targetGroupName?: string;
  status?: 'ACTIVE' | 'INACTIVE';
}

export interface AppSeed {
  label: string;
  name?: string;
  id?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  signOnMode?: string | null;
  namingContext?: string;
  importOUs?: string[];
  updateOUOnGroupChange?: boolean;
  assignments?: AssignmentSeed[];
  /** Okta user (default user type) → app user. */
  mapping?: { properties: Record<string, MappingPropertySeed | string> };
  /** Other user types' → app user mappings, by user type name (default: firstName, lastName, email). */
  userTypeMappings?: Record<string, { properties: Record<string, MappingPropertySeed | string> }>;
  users?: AppUserSeed[];
  agents?: AgentSeed[];
  pushMappings?: PushMappingSeed[];
  /** Extra app-user schema properties (custom). */
  schema?: Record<string, { title?: string; type?: string }>;
  url?: string;
}

export interface UserTypeSeed {
  name: string;
  displayName?: string;
  description?: string | null;
  default?: boolean;
  id?: string;
  /** Custom profile properties of the user type's schema. */
  schema?: Record<string, { title?: string; type?: string }>;
}

/** An OAuth service app the token endpoint accepts (registered at start, as with `sb.registerClient`). */
export interface ServiceAppSeed {
  clientId: string;
  publicKeyPem?: string;
  publicJwk?: Record<string, unknown>;
  kid?: string;
  scopes: string[];
  dpop?: boolean;
}

export interface OrgSeed {
  users?: UserSeed[];
  groups?: GroupSeed[];
  apps?: AppSeed[];
  userTypes?: UserTypeSeed[];
  serviceApps?: ServiceAppSeed[];
}

// ---------- In-memory records ----------

export interface UserRec {
  id: string;
  seq: number;
  status: string;
  created: string;
  lastUpdated: string;
  typeId: string;
  profile: Record<string, unknown> & { login: string; firstName: string; lastName: string; email: string };
  /** The directory app the user was imported from, and the credentials provider Okta shows for it. */
  importedFrom?: { appId: string; provider: { type: 'ACTIVE_DIRECTORY' | 'LDAP'; name: string } };
}

export interface GroupRec {
  id: string;
  seq: number;
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  profile: Record<string, unknown> & { name: string; description: string | null };
  sourceAppId?: string;
  members: Set<string>;
}

/** Directory facts of an AD instance that Okta keeps but does not expose through the API. */
export interface DirectoryFacts {
  namingContext: string;
  importOUs: string[];
  updateOUOnGroupChange: boolean;
}

export interface AppRec {
  id: string;
  seq: number;
  name: string;
  label: string;
  status: string;
  signOnMode: string | null;
  created: string;
  lastUpdated: string;
  settingsApp: Record<string, unknown>;
  ad?: DirectoryFacts;
  customSchema: Record<string, Record<string, unknown>>;
  schemaLastUpdated: string;
}

export interface AssignmentRec {
  appId: string;
  /** Insertion order, the tie-breaker between equal priorities (seeds may carry duplicates). */
  seq: number;
  groupId: string;
  priority: number;
  profile: Record<string, unknown>;
  lastUpdated: string;
}

export interface AppUserRec {
  appId: string;
  userId: string;
  seq: number;
  scope: 'USER' | 'GROUP';
  status: string;
  syncState: 'DISABLED' | 'ERROR' | 'OUT_OF_SYNC' | 'SYNCHRONIZED' | 'SYNCING';
  created: string;
  lastUpdated: string;
  statusChanged: string;
  lastSync: string | null;
  externalId: string | null;
  profile: Record<string, unknown>;
}

export interface MappingProperty {
  expression: string;
  pushStatus: 'PUSH' | 'DONT_PUSH';
}

export interface MappingRec {
  id: string;
  seq: number;
  source: { id: string; type: 'user' | 'appuser' };
  target: { id: string; type: 'user' | 'appuser' };
  properties: Record<string, MappingProperty>;
}

export interface UserTypeRec {
  id: string;
  seq: number;
  name: string;
  displayName: string;
  description: string | null;
  default: boolean;
  created: string;
  lastUpdated: string;
  /** Custom profile properties of the type's user schema (`#custom`), by variable name. */
  customSchema: Record<string, Record<string, unknown>>;
}

export interface LogEventRec {
  uuid: string;
  seq: number;
  published: string;
  eventType: string;
  displayMessage: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  outcome: { result: 'SUCCESS' | 'FAILURE' | 'SKIPPED' | 'ALLOW' | 'DENY' | 'CHALLENGE' | 'UNKNOWN'; reason: string | null };
  target: Array<{ id: string; type: string; alternateId: string; displayName: string }>;
}

export interface AgentRec {
  id: string;
  name: string;
  poolId: string;
  operationalStatus: 'OPERATIONAL' | 'DEGRADED' | 'DISRUPTED' | 'INACTIVE';
  lastConnection: number;
  version: string;
  /** false: connected but never answers (the Directories Integration API times out with 504). */
  responding?: boolean;
}

export interface PushMappingRec {
  id: string;
  seq: number;
  appId: string;
  sourceGroupId: string;
  targetGroupId: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
}
