import type { RouteContext, Reply } from '../context';
import { notFound, validation } from '../okta-errors';
import { provisionApp } from '../provisioning';
import type { OrgState } from '../org-state';
import { readWrite, type Route } from '../router';
import type { GroupRec } from '../types';

const S = readWrite('groups');

/**
 * PUT / DELETE /api/v1/groups/{groupId}/users/{userId} → 204 (spec assignUserToGroup /
 * unassignUserFromGroup). Only OKTA_GROUP memberships can be changed: "App imports are responsible for
 * managing group memberships for groups of the APP_GROUP type" (the error Okta answers is not
 * documented; we answer 400 E0000001). A change re-runs provisioning for the user on every app the
 * group is assigned to, as Okta does on membership change.
 */
function changeMembership(ctx: RouteContext, add: boolean): Reply {
  const group = ctx.org.groups.get(ctx.params.groupId);
  if (!group) throw notFound(ctx.params.groupId, 'UserGroup');
  const user = ctx.org.findUser(ctx.params.userId);
  if (!user) throw notFound(ctx.params.userId, 'User');
  if (group.type !== 'OKTA_GROUP') {
    throw validation('group', `Memberships of ${group.type} groups are managed by their source and cannot be changed.`);
  }
  const has = group.members.has(user.id);
  if (add && !has) ctx.org.addMember(group.id, user.id);
  if (!add && has) ctx.org.removeMember(group.id, user.id);
  if (add !== has) membershipChanged(ctx.org, group, [user.id]);
  return { status: 204, mutated: true };
}

/** After members joined or left a group: its timestamp moves and they are re-provisioned on every app it is assigned to. */
export function membershipChanged(org: OrgState, group: GroupRec, userIds: string[]): void {
  if (userIds.length === 0) return;
  group.lastMembershipUpdated = org.timestamp();
  for (const [appId, idx] of org.assignments) if (idx.byGroup.has(group.id)) provisionApp(org, appId, userIds);
}

export const membershipRoutes: Route[] = [
  {
    pattern: '/api/v1/groups/:groupId/users/:userId',
    methods: {
      PUT: { scopes: S.manage, handler: (ctx) => changeMembership(ctx, true) },
      DELETE: { scopes: S.manage, handler: (ctx) => changeMembership(ctx, false) },
    },
  },
];
