import type { RouteContext, Reply } from '../context';
import { notFound, validation } from '../okta-errors';
import { provisionApp } from '../provisioning';
import { readWrite, type Route } from '../router';

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
  if (!add && has) {
    group.members.delete(user.id);
    ctx.org.userGroups.get(user.id)?.delete(group.id);
  }
  if (add !== has) {
    group.lastMembershipUpdated = ctx.org.timestamp();
    for (const [appId, idx] of ctx.org.assignments) if (idx.byGroup.has(group.id)) provisionApp(ctx.org, appId, [user.id]);
  }
  return { status: 204, mutated: true };
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
