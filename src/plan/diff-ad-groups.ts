/**
 * AD group memberships (`adGroups`): desired entries + the live slice read for them → membership changes
 * and findings (pure). Only users imported through this directory integration can be added or removed
 * (spec tag DirectoriesIntegration); others are reported, never sent. Additive entries only add;
 * authoritative ones also remove imported members that the source does not list.
 */
import type { AdGroupMembershipChange, AdMemberRef, LiveAdGroupEntry, LiveAdUser } from '../model/ad-groups';
import { findingAt } from '../model/finding';
import { AD_APP_NAME } from '../model/okta-ids';
import { someOf } from '../model/some-of';
import { byCodeUnits } from '../model/sorted-json';
import type { DesiredDirectory, Finding, LiveDirectory } from '../model/types';

/**
 * Users per `POST /api/v1/directories/{appInstanceId}/groups/modify`. Okta documents no maximum for
 * `parameters.values`; 100 keeps each agent round trip short (the agent times out with a 504), and a
 * change of 1,000 members is still 10 requests.
 */
export const AD_MEMBERSHIP_BATCH = 100;

const SHOWN = 5;

function names(users: Array<{ login: string }>): string {
  return someOf(users.map((u) => `"${u.login}"`), SHOWN);
}

const byLogin = (a: AdMemberRef, b: AdMemberRef): number => byCodeUnits(a.login, b.login);
const ref = (u: LiveAdUser): AdMemberRef => ({ id: u.id, login: u.login });

export function diffAdGroups(desired: DesiredDirectory, live: LiveDirectory): { changes: AdGroupMembershipChange[]; findings: Finding[] } {
  const changes: AdGroupMembershipChange[] = [];
  const findings: Finding[] = [];
  const entries = desired.adGroups ?? [];
  const app = live.app?.label ?? desired.app;
  const seen = new Map<string, string>();
  entries.forEach((e, i) => {
    const l: LiveAdGroupEntry | undefined = live.adGroups?.[i];
    if (!l) return;
    const at = (where: typeof e.source, code: Finding['code'], severity: Finding['severity'], message: string, hint: string): void => {
      findings.push(findingAt(code, severity, where, message, { hint, directory: desired.name }));
    };
    if (l.matches.length === 0) {
      at(e.groupSource, 'AD_GROUP_NOT_FOUND', 'error', `adGroups: "${e.group}" is not a group imported from ${app}`,
        `name an AD group Okta imported from this app, by its DN, name or id (Directory › Groups, source ${app}); only imported groups can be managed through Okta's Directories Integration API`);
      return;
    }
    if (l.matches.length > 1) {
      at(e.groupSource, 'AD_GROUP_AMBIGUOUS', 'error', `adGroups: "${e.group}" matches ${l.matches.length} groups imported from ${app} (${l.matches.map((m) => m.dn ?? m.id).join('; ')})`,
        'write the AD group\'s DN or its Okta id (00g…) instead of its name');
      return;
    }
    const group = l.matches[0];
    const first = seen.get(group.id);
    if (first !== undefined) {
      at(e.groupSource, 'DUPLICATE_GROUP', 'error', `adGroups: "${e.group}" is the same AD group as "${first}" above`, 'list each AD group once per directory');
      return;
    }
    seen.set(group.id, e.group);
    // Okta's agent writes AD memberships only through `member`; any other name would be refused at apply time.
    if (live.app?.name === AD_APP_NAME && e.attribute !== 'member') {
      at(e.attributeSource ?? e.source, 'AD_MEMBER_ATTRIBUTE', 'error', `adGroups "${e.group}": attribute "${e.attribute}" is not how ${app} keeps group members; Active Directory uses "member"`,
        'remove the attribute line (it is only for LDAP directories whose server uses another one, e.g. uniqueMember)');
      return;
    }
    if (l.missing.length > 0) {
      const what = 'fromGroup' in e.members ? 'Okta group' : l.missing.length === 1 ? 'user' : 'users';
      at(e.membersSource, 'AD_MEMBER_NOT_FOUND', 'error', `adGroups "${e.group}": no ${what} ${l.missing.map((m) => `"${m}"`).join(', ')} in Okta${'fromGroup' in e.members ? ' (or several groups have that name)' : ''}`,
        'fromGroup' in e.members ? 'name an existing Okta group by its exact name or its id (00g…)' : 'list users by their Okta login or id (00u…)');
    }
    const notImported = l.desired.filter((u) => !u.imported);
    if (notImported.length > 0) {
      // Listed by hand, a user Okta cannot add is a mistake in the file; coming from a group, it is that group's other members.
      const explicit = 'users' in e.members;
      at(e.membersSource, 'AD_USER_NOT_IMPORTED', explicit ? 'error' : 'warning',
        `adGroups "${e.group}": ${notImported.length} ${notImported.length === 1 ? 'user was' : 'users were'} not imported from ${app} and cannot be made members: ${names(notImported)}`,
        explicit ? 'remove them from the list: Okta manages AD group memberships only of users imported through this AD integration'
          : 'they are left out; Okta manages AD group memberships only of users imported through this AD integration');
    }
    // With its source only partly read, an authoritative entry would remove members the file means to keep: no change.
    if (l.missing.length > 0) return;
    const current = new Set(l.members.map((u) => u.id));
    const wanted = new Set(l.desired.map((u) => u.id));
    const add = l.desired.filter((u) => u.imported && !current.has(u.id)).map(ref);
    const removable = e.mode === 'authoritative' ? l.members.filter((u) => !wanted.has(u.id)) : [];
    const stuck = removable.filter((u) => !u.imported);
    if (stuck.length > 0) {
      at(e.groupSource, 'AD_USER_NOT_IMPORTED', 'warning',
        `adGroups "${e.group}": ${stuck.length} current ${stuck.length === 1 ? 'member was' : 'members were'} not imported from ${app} and cannot be removed through Okta: ${names(stuck)}`,
        'remove them in Active Directory, or add them to the source so they stay');
    }
    const remove = removable.filter((u) => u.imported).map(ref);
    if (add.length === 0 && remove.length === 0) return;
    add.sort(byLogin);
    remove.sort(byLogin);
    const source = 'fromGroup' in e.members ? `the members of Okta group "${e.members.fromGroup}"` : 'the users listed';
    changes.push({
      id: `${desired.name}/adgroup/${group.id}`,
      directory: desired.name,
      kind: 'adGroupMembership',
      action: 'update',
      group,
      attribute: e.attribute,
      add,
      remove,
      membersBefore: l.members.length,
      reason: `${e.mode === 'authoritative' ? 'authoritative' : 'additive'}: the AD group gets ${source}`,
    });
  });
  return { changes, findings };
}

/** The POST bodies of one membership change, in order: adds first, then removes, each in batches. */
export function adMembershipBatches(c: AdGroupMembershipChange): Array<{ action: 'ADD' | 'REMOVE'; values: string[] }> {
  const out: Array<{ action: 'ADD' | 'REMOVE'; values: string[] }> = [];
  for (const [action, users] of [['ADD', c.add], ['REMOVE', c.remove]] as const) {
    for (let i = 0; i < users.length; i += AD_MEMBERSHIP_BATCH) out.push({ action, values: users.slice(i, i + AD_MEMBERSHIP_BATCH).map((u) => u.id) });
  }
  return out;
}
