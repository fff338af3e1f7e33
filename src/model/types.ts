/**
 * The shared data model of okta-ou. Pure types only: desired state (from YAML), live state (from Okta),
 * findings, and the plan. Desired and live use the same shapes where they describe the same thing, so the
 * diff compares like with like. The plan shape is the user-facing contract of docs/design.md §4.
 */

import type { LivePeople, PlanImpact } from './people';

/** A 1-based position in a mapping file. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'YAML_SYNTAX'
  | 'DUPLICATE_KEY'
  | 'SCHEMA'
  | 'INVALID_DN'
  | 'OU_NOT_IMPORT_OU'
  | 'OU_OUTSIDE_DOMAIN'
  | 'DN_MAPPED'
  | 'DUPLICATE_GROUP'
  | 'DIRECTORY_CONFLICT'
  | 'PROFILE_OU_CONFLICT'
  | 'GROUP_NOT_FOUND'
  | 'GROUP_AMBIGUOUS'
  | 'APP_NOT_FOUND'
  | 'APP_NOT_AD'
  | 'APP_AMBIGUOUS'
  | 'NAMING_CONTEXT_MISMATCH'
  | 'PRIORITY_DUPLICATE'
  | 'PRIORITY_UNKNOWN'
  | 'PRIORITY_CONFLICT'
  | 'UPDATE_OU_DISABLED'
  | 'OU_NOT_SEEN_LIVE'
  | 'USER_SCOPE_ASSIGNMENT'
  | 'UNMANAGED_PROFILE_KEYS'
  | 'NO_MAPPINGS'
  | 'ENCODING'
  | 'FILE_TOO_LARGE'
  | 'PROFILE_MAPPING_NOT_FOUND'
  | 'USER_OU_MISMATCH'
  | 'AD_GROUP_NOT_FOUND'
  | 'AD_GROUP_AMBIGUOUS'
  | 'AD_MEMBER_NOT_FOUND'
  | 'AD_USER_NOT_IMPORTED'
  | 'AD_MEMBER_ATTRIBUTE'
  | 'LDAP_AD_CHECKS_SKIPPED'
  | 'USER_TYPE_NOT_FOUND'
  | 'MAPPING_TARGET_UNKNOWN'
  | 'MAPPING_SOURCE_UNKNOWN';

/** The Okta object a live finding concerns. */
export interface OktaObjectRef {
  type: 'app' | 'group' | 'assignment' | 'mapping' | 'user';
  id: string;
  name?: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, one line. */
  message: string;
  /** What to do about it. */
  hint?: string;
  directory?: string;
  file?: string;
  line?: number;
  column?: number;
  /** For findings about live Okta objects. */
  object?: OktaObjectRef;
  /** A second place, e.g. the other side of a conflict. */
  related?: SourceRef[];
}

import type { AdGroupMembershipChange, DesiredAdGroup, LiveAdGroupEntry } from './ad-groups';
import type { LiveUserScoped, UserScopeChange } from './user-scope';
import type { DesiredTypeMapping, LiveMappingSchemas, LiveTypeMapping } from './user-types';
export type { AdGroupMembershipChange, DesiredAdGroup, LiveAdGroupEntry } from './ad-groups';
export type { LiveUserScoped, UserScopeChange } from './user-scope';

// ---------------------------------------------------------------------------------------------
// Desired state (mappings/*.yaml after loading, validation and merging)

export type PushStatus = 'PUSH' | 'DONT_PUSH';

export interface DesiredMappingProperty {
  expression: string;
  pushStatus: PushStatus;
  source: SourceRef;
}

export interface DesiredAttributeMappings {
  prune: boolean;
  properties: Record<string, DesiredMappingProperty>;
  source: SourceRef;
  /** Other user types' mappings, by user type name (`attributeMappings.userTypes`). */
  userTypes?: Record<string, DesiredTypeMapping>;
}

export interface DesiredGroup {
  /** As written in the file: an exact Okta group name or a group id (00g…). */
  group: string;
  /** The OU DN as written (not normalised). */
  ou: string;
  /** Other assignment profile keys; only these keys (plus organizationalUnit) are managed. */
  profile: Record<string, unknown>;
  /** Position in the directory's list: 0 = first = highest priority. */
  index: number;
  source: SourceRef;
  ouSource: SourceRef;
  /** Positions of the keys inside `profile`, for findings about them. */
  profileSources?: Record<string, SourceRef>;
}

export interface DesiredImportOU {
  dn: string;
  source: SourceRef;
}

export interface SafetySettings {
  /** Share (0..1) of existing assignments deleted or changed above which the plan is unsafe. Default 0.25. */
  maxChangeShare: number;
  /** The threshold only applies when at least this many assignments exist. Default 10. */
  minExisting: number;
  /** Share of existing assignments updated (reorder moves included) above which the plan is unsafe. Default 0.3. */
  maxUpdateShare: number;
  /** Share of existing assignments deleted above which the plan is unsafe. Default 0.3. */
  maxDeleteShare: number;
  /** Share of the app's users who would lose the AD app (deprovisioned). Default 0.05. */
  maxUsersLosingAppShare: number;
  /** Share of the app's users who would move to another OU. Default 0.2. */
  maxUsersMovingShare: number;
}

export interface DesiredDirectory {
  /** The user's name for the directory, unique across files. */
  name: string;
  /** AD app instance id (0oa…) or label. */
  app: string;
  namingContext?: string;
  importOUs: DesiredImportOU[];
  updateOUOnGroupChange?: boolean;
  ouCase: 'lower' | 'preserve';
  assignments: { mode: 'additive' | 'authoritative'; ignore: string[]; convertUserScope?: boolean };
  groups: DesiredGroup[];
  attributeMappings?: DesiredAttributeMappings;
  /** AD groups whose membership okta-ou manages (absent: none). */
  adGroups?: DesiredAdGroup[];
  safety: SafetySettings;
  /** Where the directory's key is declared. */
  source: SourceRef;
  /** Per-field positions for findings, keyed by field name (app, namingContext, importOUs, …). */
  fieldSources: Record<string, SourceRef>;
}

export interface DesiredState {
  directories: DesiredDirectory[];
}

// ---------------------------------------------------------------------------------------------
// Live state (what src/live reads from Okta; only the slice the desired state touches)

export interface LiveApp {
  id: string;
  label: string;
  /** Okta app name; `active_directory` for AD instances. */
  name: string;
  status: string;
  /** settings.app.namingContext (for AD, the domain, e.g. "corp.example.com"). */
  namingContext: string | null;
}

export interface LiveGroup {
  id: string;
  name: string;
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN' | string;
  /** From expand=stats, when read. */
  usersCount?: number;
  /** profile.dn of AD-imported (APP_GROUP) groups, when known. */
  dn?: string;
}

export interface LiveAssignment {
  groupId: string;
  /** NaN when Okta returned no numeric priority (PRIORITY_UNKNOWN); never used for slot maths then. */
  priority: number;
  profile: Record<string, unknown>;
  lastUpdated: string;
}

export interface LiveMappingProperty {
  expression: string;
  pushStatus: PushStatus | string;
}

export interface LiveMapping {
  id: string;
  sourceId: string;
  targetId: string;
  properties: Record<string, LiveMappingProperty>;
}

export interface LiveUserRef {
  id: string;
  userName?: string;
}

export interface LiveDirectory {
  /** The desired directory's name this slice was read for. */
  name: string;
  /** null: no app matched the desired `app` (APP_NOT_FOUND), or several did (see `appCandidates`). */
  app: LiveApp | null;
  /** Every app the `app:` label matched, when more than one did (APP_AMBIGUOUS); `app` is then null. */
  appCandidates?: LiveApp[];
  /** When no app matched: the labels of the org's AD apps (for "did you mean"). */
  adAppLabels?: string[];
  assignments: LiveAssignment[];
  /** Groups known by id: every assigned group plus every group the files name. */
  groups: Record<string, LiveGroup>;
  /** Resolution of each `group:` reference in the files (name or id) to the matching live groups. */
  resolved: Record<string, LiveGroup[]>;
  /** For a name reference that matched no group: live group names starting like it (for "did you mean"). */
  nearGroupNames?: Record<string, string[]>;
  /** The Okta user → AD app user profile mapping; null when none exists. */
  mapping: LiveMapping | null;
  /** App users assigned individually (scope USER) who are members of managed groups. */
  userScoped: { count: number; sample: LiveUserRef[] };
  /** DNs (profile.dn) seen on AD app users and AD-imported groups: evidence for import OUs. */
  observedDns: string[];
  /** App users and the memberships the impact needs (src/live/read-people.ts); absent where no app was read. */
  people?: LivePeople;
  /** The slice read for the directory's `adGroups`, one entry per desired entry (absent: none declared). */
  adGroups?: LiveAdGroupEntry[];
  /** With `assignments.convertUserScope`: every individually assigned app user in a managed group. */
  toConvert?: LiveUserScoped[];
  /** The Okta → AD mappings of the other user types (absent: the org has only the default type, or none maps). */
  typeMappings?: LiveTypeMapping[];
  /** The schemas the declared mapping properties are checked against (absent: no property declared). */
  mappingSchemas?: LiveMappingSchemas;
}

export interface LiveState {
  orgUrl: string;
  directories: LiveDirectory[];
}

// ---------------------------------------------------------------------------------------------
// The plan (docs/design.md §4)

export interface AssignmentState {
  /** null in `before` when Okta returned no numeric priority (PRIORITY_UNKNOWN; NaN in LiveAssignment). */
  priority: number | null;
  profile: Record<string, unknown>;
}

/** A managed group whose priority a reorder changes. `respace`: renumbered only to make room (same place in the order). */
export interface AssignmentMove {
  group: { id: string; name: string };
  from: number;
  to: number;
  respace?: true;
}

/** What every assignment change has. */
interface AssignmentChangeBase {
  /** `<directory>/assign/<groupId>`, or `<directory>/reorder` for the reorder change. */
  id: string;
  directory: string;
  kind: 'assignment';
  /** The group; for `reorder`, the first group moved (all moves are in `moves`). */
  group: { id: string; name: string };
  reason: string;
  /** Member count of the group (blast radius), when known. */
  members?: number;
}

/** The intended state of an assignment: its priority is always a known slot. */
export type AssignmentTarget = AssignmentState & { priority: number };

/**
 * One change per kind and action (octoDNS's Create / Update / Delete), so the impossible states are
 * unrepresentable: a create has no `before`, a delete no `after`, only a reorder has `moves`.
 */
export interface AssignmentCreate extends AssignmentChangeBase {
  action: 'create';
  before: null;
  after: AssignmentTarget;
  moves?: undefined;
}

/** `before` is the whole live assignment, `after` the whole intended one. */
export interface AssignmentUpdate extends AssignmentChangeBase {
  action: 'update';
  before: AssignmentState;
  after: AssignmentTarget;
  moves?: undefined;
}

export interface AssignmentDelete extends AssignmentChangeBase {
  action: 'delete';
  before: AssignmentState;
  after: null;
  moves?: undefined;
}

/** Every managed group whose priority changes, in the new order. */
export interface AssignmentReorder extends AssignmentChangeBase {
  action: 'reorder';
  before: null;
  after: null;
  moves: AssignmentMove[];
}

export type AssignmentChange = AssignmentCreate | AssignmentUpdate | AssignmentDelete | AssignmentReorder;

export interface MappingPropertyState {
  expression: string | null;
  pushStatus: PushStatus | string | null;
}

/** A mapping property as written: both fields set. */
export interface MappingPropertyTarget {
  expression: string;
  pushStatus: PushStatus | string;
}

interface AttributeMappingChangeBase {
  /** `<directory>/mapping/<property>` */
  id: string;
  directory: string;
  kind: 'attributeMapping';
  mappingId: string;
  property: string;
  reason: string;
  /** A user type other than the default: the change is to that type's mapping. */
  userType?: string;
}

export interface MappingCreate extends AttributeMappingChangeBase {
  action: 'create';
  before: null;
  after: MappingPropertyTarget;
}

export interface MappingUpdate extends AttributeMappingChangeBase {
  action: 'update';
  before: MappingPropertyState;
  after: MappingPropertyTarget;
}

export interface MappingDelete extends AttributeMappingChangeBase {
  action: 'delete';
  before: MappingPropertyState;
  after: null;
}

export type AttributeMappingChange = MappingCreate | MappingUpdate | MappingDelete;

export type Change = AssignmentChange | AttributeMappingChange | AdGroupMembershipChange | UserScopeChange;

export interface PlanDirectory {
  name: string;
  appId: string;
  appLabel: string;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  reorder: number;
  errors: number;
  warnings: number;
}

/** One assignment write of the schedule, exactly as apply sends it (src/plan/schedule.ts). */
export interface PlannedWrite {
  groupId: string;
  name: string;
  /**
   * `put`: full body `{priority, profile}`. `patch`: JSON Patch `replace` of the changed profile keys
   * only, no priority sent (an in-place profile change where every changed key already exists).
   */
  method: 'put' | 'patch';
  priority: number;
  /** The full profile after the write: the live keys overlaid with the changed managed ones. */
  profile: Record<string, unknown>;
  /** For `patch`: the keys replaced. */
  patchKeys?: string[];
  changeIds: string[];
  /** A temporary write to a free slot that frees this group's slot for another (briefly reorders its users). */
  parking: boolean;
}

/** The exact assignment writes of one directory, in order (docs/design.md §2; src/plan/write-schedule.ts). */
export interface DirectorySchedule {
  directory: string;
  appId: string;
  /** Before the deletes, one at a time. */
  writes: PlannedWrite[];
  deletes: Array<{ groupId: string; name: string; changeId: string }>;
  /** After the deletes (writes whose slot a deleted group held), one at a time. */
  settle: PlannedWrite[];
  /** What each written group must read back as: its planned priority and the profile keys the plan changes. */
  expect: Array<{ groupId: string; priority: number; profile: Record<string, unknown>; changeIds: string[] }>;
  /** No priority at or past this rank is written (src/plan/assign-slots.ts). */
  bound: number;
}

export interface Plan {
  formatVersion: 1;
  createdAt: string;
  orgUrl: string;
  tool: string;
  directories: PlanDirectory[];
  changes: Change[];
  findings: Finding[];
  summary: PlanSummary;
  safety: { exceeded: boolean; reasons: string[] };
  /** Calls made while planning, per rate-limit bucket; writes `apply` would make. */
  budget: { reads: Record<string, number>; writes: Record<string, number> };
  fingerprint: string;
  /**
   * Digest of the desired state of the directories the plan covers (source positions left out), so
   * apply can tell "the mapping files changed" from "Okta changed". Absent in plans made before it existed.
   */
  desiredDigest?: string;
  /** Who the changes affect (src/plan/impact.ts); absent when the memberships were not read (apply re-checking a saved plan). */
  impact?: PlanImpact;
  /**
   * The mappings folder the plan was made from, relative to the directory okta-ou ran in (`/`-separated),
   * so `apply PLANFILE` needs no repeated `--mappings`.
   */
  mappings?: string;
  /** The exact assignment writes, per directory with assignment changes; absent when a PRIORITY_CONFLICT finding says why. */
  schedule?: DirectorySchedule[];
}
