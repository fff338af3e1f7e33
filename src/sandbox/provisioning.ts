import { escapeRdnValue, isAtOrUnder, namingContextDn, parentDn, sameDn } from './dn';
import type { OrgState } from './org-state';
import type { AppRec, AppUserRec, AssignmentRec, UserRec } from './types';
import { setOwnKey } from './own';

/**
 * Provisioning simulation for AD app instances (docs/okta-api.md §1 "Priority", §2 "Where Target OU is
 * not an import OU surfaces", §4):
 * - each member of an assigned group becomes an app user (scope GROUP) placed in the OU of the
 *   highest-priority (lowest number) assigned group it belongs to;
 * - an existing user moves only when "Update OU when the group that provisions a user changes" is on;
 *   a user whose first push failed (STAGED) is retried with the new OU regardless;
 * - individually assigned users (scope USER) keep their own placement;
 * - removing the last assigned group of a GROUP-scoped user unassigns it ("picks the next priority AD
 *   group", help topic ad-agent-remove-group-provisioning; with none left, the user is unassigned);
 * - the push fails — syncState ERROR plus a System Log FAILURE "Error provisioning AD user: Target OU is
 *   not an import OU" — when the OU is not at or below an import OU, or `dn` is mapped Okta→AD.
 */
export const TARGET_OU_ERROR = 'Error provisioning AD user: Target OU is not an import OU';

export interface ProvisionOptions {
  /**
   * Seed time only: the org file describes a state reached over time, in which a `dn` mapping may have
   * been added after the users were pushed (mapping changes are not re-applied to existing users, notes
   * §3), so the initial sync checks only the import-OU rule.
   */
  ignoreDnMapping?: boolean;
}

export function provisionApp(org: OrgState, appId: string, onlyUsers?: Iterable<string>, opts: ProvisionOptions = {}): void {
  const app = org.apps.get(appId);
  if (!app) return;
  const idx = org.assignmentIndex(appId);
  const appUsers = org.appUserMap(appId);
  let candidates: Iterable<string>;
  if (onlyUsers) {
    candidates = onlyUsers;
  } else {
    const all = new Set<string>(appUsers.keys());
    for (const a of idx.byGroup.values()) for (const u of org.groups.get(a.groupId)?.members ?? []) all.add(u);
    candidates = all;
  }
  for (const userId of candidates) provisionUser(org, app, userId, opts);
}

/** Users affected by a change of one group's assignment. */
export function provisionGroupMembers(org: OrgState, appId: string, groupId: string): void {
  const members = org.groups.get(groupId)?.members;
  if (members) provisionApp(org, appId, members);
}

export function chosenAssignment(org: OrgState, appId: string, userId: string): AssignmentRec | undefined {
  const idx = org.assignments.get(appId);
  if (!idx) return undefined;
  let best: AssignmentRec | undefined;
  for (const gid of org.userGroups.get(userId) ?? []) {
    const a = idx.byGroup.get(gid);
    if (a && (!best || a.priority < best.priority || (a.priority === best.priority && a.seq < best.seq))) best = a;
  }
  return best;
}

function provisionUser(org: OrgState, app: AppRec, userId: string, opts: ProvisionOptions): void {
  const user = org.users.get(userId);
  if (!user) return;
  const appUsers = org.appUserMap(app.id);
  const existing = appUsers.get(userId);
  const chosen = chosenAssignment(org, app.id, userId);
  if (!chosen) {
    if (existing && existing.scope === 'GROUP') {
      appUsers.delete(userId);
      log(org, app, user, 'application.user_membership.remove', 'Remove user from application membership', 'SUCCESS', null);
    }
    return;
  }
  if (existing?.scope === 'USER') return;
  if (!app.ad) {
    if (!existing) appUsers.set(userId, newAppUser(org, app, user, 'GROUP', 'ACTIVE', 'DISABLED', {}));
    return;
  }
  const ou = typeof chosen.profile.organizationalUnit === 'string' && chosen.profile.organizationalUnit
    ? chosen.profile.organizationalUnit
    : `CN=Users,${namingContextDn(app.ad.namingContext)}`;
  const targetDn = `CN=${escapeRdnValue(`${user.profile.firstName} ${user.profile.lastName}`)},${ou}`;
  const failure = pushFailure(org, app, ou, opts);
  if (!existing || existing.status === 'STAGED') {
    const rec = existing ?? newAppUser(org, app, user, 'GROUP', 'STAGED', 'SYNCING', {});
    Object.assign(rec.profile, adProfile(org, app, user), { dn: targetDn });
    rec.lastUpdated = org.timestamp();
    if (failure) {
      rec.status = 'STAGED';
      rec.syncState = 'ERROR';
      log(org, app, user, 'application.provision.user.push', 'Push new user to external application', 'FAILURE', failure);
    } else {
      rec.status = 'PROVISIONED';
      rec.syncState = 'SYNCHRONIZED';
      rec.statusChanged = rec.lastUpdated;
      rec.lastSync = rec.lastUpdated;
      rec.externalId = rec.externalId ?? org.ids.token(22) + '==';
      log(org, app, user, 'application.provision.user.push', 'Push new user to external application', 'SUCCESS', null);
    }
    appUsers.set(userId, rec);
    return;
  }
  const currentDn = typeof existing.profile.dn === 'string' ? existing.profile.dn : '';
  if (currentDn && sameDn(parentDn(currentDn), ou)) return;
  if (!app.ad.updateOUOnGroupChange) return;
  existing.lastUpdated = org.timestamp();
  if (failure) {
    existing.syncState = 'ERROR';
    // Failures always carry application.provision.user.push, so one System Log filter finds them all.
    log(org, app, user, 'application.provision.user.push', 'Push user profile update to external application', 'FAILURE', failure);
  } else {
    existing.profile.dn = targetDn;
    existing.syncState = 'SYNCHRONIZED';
    existing.lastSync = existing.lastUpdated;
    log(org, app, user, 'application.provision.user.push_profile', 'Push user profile update to external application', 'SUCCESS', null);
  }
}

function pushFailure(org: OrgState, app: AppRec, ou: string, opts: ProvisionOptions): string | null {
  const facts = app.ad!;
  const underImport = facts.importOUs.some((imp) => isAtOrUnder(ou, imp));
  const dnMapped = !opts.ignoreDnMapping && !!org.mappingFor(app.id)?.properties.dn;
  return underImport && !dnMapped ? null : TARGET_OU_ERROR;
}

export function adProfile(org: OrgState, app: AppRec, user: UserRec): Record<string, unknown> {
  const local = user.profile.login.split('@')[0];
  const profile: Record<string, unknown> = {
    userName: `${local}@${app.ad?.namingContext ?? ''}`,
    samAccountName: local,
    email: user.profile.email,
    firstName: user.profile.firstName,
    lastName: user.profile.lastName,
  };
  const mapping = org.mappingFor(app.id);
  for (const [prop, m] of Object.entries(mapping?.properties ?? {})) {
    const match = /^user\.(\w+)$/.exec(m.expression);
    if (match && prop !== 'dn' && Object.hasOwn(user.profile, match[1]) && user.profile[match[1]] !== undefined) setOwnKey(profile, prop, user.profile[match[1]]);
  }
  return profile;
}

export function newAppUser(
  org: OrgState, app: AppRec, user: UserRec, scope: 'USER' | 'GROUP', status: string,
  syncState: AppUserRec['syncState'], profile: Record<string, unknown>,
): AppUserRec {
  const now = org.timestamp();
  return {
    appId: app.id, userId: user.id, seq: org.nextSeq(), scope, status, syncState,
    created: now, lastUpdated: now, statusChanged: now, lastSync: null, externalId: null, profile,
  };
}

function log(
  org: OrgState, app: AppRec, user: UserRec, eventType: string, displayMessage: string,
  result: 'SUCCESS' | 'FAILURE', reason: string | null,
): void {
  org.addLog({
    eventType,
    displayMessage,
    severity: result === 'FAILURE' ? 'ERROR' : 'INFO',
    outcome: { result, reason },
    target: [
      { id: user.id, type: 'User', alternateId: user.profile.login, displayName: `${user.profile.firstName} ${user.profile.lastName}` },
      { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.name === 'active_directory' ? 'Active Directory' : app.name === 'ldap_sun_one' ? 'LDAP' : app.label },
    ],
  });
}

/** Place an individually assigned (scope USER) AD user: its own DN, or CN=…,<first import OU>. */
export function placeIndividual(org: OrgState, app: AppRec, user: UserRec, rec: AppUserRec): void {
  if (!app.ad) return;
  Object.assign(rec.profile, adProfile(org, app, user), rec.profile);
  if (typeof rec.profile.dn !== 'string') {
    const ou = app.ad.importOUs[0] ?? `CN=Users,${namingContextDn(app.ad.namingContext)}`;
    rec.profile.dn = `CN=${escapeRdnValue(`${user.profile.firstName} ${user.profile.lastName}`)},${ou}`;
  }
  rec.status = 'PROVISIONED';
  rec.syncState = 'SYNCHRONIZED';
  rec.externalId = rec.externalId ?? org.ids.token(22) + '==';
}
