/**
 * AD group memberships managed through Okta's Directories Integration API (`adGroups` in a directory):
 * the desired entries, the live slice read for them, and the plan change. Pure types.
 */
import type { SourceRef } from './types';

/** Where the members of a managed AD group come from. */
export type AdGroupMembersSource = { fromGroup: string } | { users: string[] };

export interface DesiredAdGroup {
  /** As written: the AD group's DN, its name, or its Okta id (00g…); an APP_GROUP imported from this app. */
  group: string;
  members: AdGroupMembersSource;
  /** additive (default): only adds; authoritative: also removes members not listed. */
  mode: 'additive' | 'authoritative';
  /** The membership attribute sent to Okta: `member` (AD) unless the file names another (LDAP). */
  attribute: string;
  source: SourceRef;
  groupSource: SourceRef;
  membersSource: SourceRef;
  /** Where `attribute` is written, when it is. */
  attributeSource?: SourceRef;
}

/** A user as okta-ou saw it: imported through this directory integration or not. */
export interface LiveAdUser {
  id: string;
  login: string;
  /** credentials.provider says the user was imported from this app's directory (docs/okta-api.md §5). */
  imported: boolean;
}

export interface LiveAdGroupEntry {
  /** The entry's `group` reference, as written. */
  ref: string;
  /** The matching imported groups of the app (none: not found; several: ambiguous). */
  matches: Array<{ id: string; name: string; dn?: string }>;
  /** Current members of the AD group (when exactly one matched). */
  members: LiveAdUser[];
  /** The desired members resolved to users; `missing` are references that match no user or group. */
  desired: LiveAdUser[];
  missing: string[];
}

export interface AdMemberRef {
  id: string;
  login: string;
}

export interface AdGroupMembershipChange {
  /** `<directory>/adgroup/<groupId>` */
  id: string;
  directory: string;
  kind: 'adGroupMembership';
  action: 'update';
  group: { id: string; name: string; dn?: string };
  /** The membership attribute (`member` for AD; the LDAP server's for LDAP). */
  attribute: string;
  add: AdMemberRef[];
  remove: AdMemberRef[];
  /** Members before the change (the count, for safety and review). */
  membersBefore: number;
  reason: string;
}
