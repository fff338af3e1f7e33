import { ok, type RouteContext, type Reply } from '../context';
import { assertAttrs, matchExpr, parseExpr } from '../filter';
import { notFound } from '../okta-errors';
import { paginate, resumeBySeq } from '../pagination';
import { readWrite, type Route } from '../router';
import { renderGroup } from '../shapes/group';
import { renderUser } from '../shapes/user';
import type { UserRec } from '../types';

const U = readWrite('users');

function userAttr(u: UserRec, attr: string): unknown {
  if (attr === 'id') return u.id;
  if (attr === 'status') return u.status;
  return attr.startsWith('profile.') ? u.profile[attr.slice('profile.'.length)] : undefined;
}

/**
 * GET /api/v1/users (spec listUsers): `search` on id, status and profile.* (exact here; eventually
 * consistent in Okta), default limit 200, max 200. Without `search`, every user.
 */
function listUsers(ctx: RouteContext): Reply {
  let users = Array.from(ctx.org.users.values()).sort((a, b) => a.seq - b.seq);
  const search = ctx.query.get('search');
  if (search) {
    const expr = parseExpr(search, 'search');
    assertAttrs(expr, ['id', 'status', 'profile.*'], 'search');
    users = users.filter((u) => matchExpr(expr, (a) => userAttr(u, a)));
  }
  const page = paginate(ctx, { items: users, idOf: (u) => u.id, defaultLimit: 200, maxLimit: 200, echo: ['search'], resume: resumeBySeq(users, ctx.org.seqOf) });
  return ok(page.items.map((u) => renderUser(u, ctx.base)), { Link: page.links });
}

/**
 * GET /api/v1/users/{id}/groups (spec listUserGroups): the groups the user is a member of, paged with
 * `after` and `limit` (default and max 200).
 */
function listUserGroups(ctx: RouteContext): Reply {
  const user = ctx.org.findUser(ctx.params.userId);
  if (!user) throw notFound(ctx.params.userId, 'User');
  const groups = Array.from(ctx.org.userGroups.get(user.id) ?? [], (id) => ctx.org.groups.get(id)!).filter(Boolean).sort((a, b) => a.seq - b.seq);
  const page = paginate(ctx, { items: groups, idOf: (g) => g.id, defaultLimit: 200, maxLimit: 200, resume: resumeBySeq(groups, ctx.org.seqOf) });
  return ok(page.items.map((g) => renderGroup(g, ctx.base, null, g.sourceAppId ? ctx.org.apps.get(g.sourceAppId) : undefined)), { Link: page.links });
}

export const userRoutes: Route[] = [
  { pattern: '/api/v1/users', methods: { GET: { scopes: U.read, handler: listUsers } } },
  { pattern: '/api/v1/users/:userId/groups', methods: { GET: { scopes: U.read, handler: listUserGroups } } },
];
