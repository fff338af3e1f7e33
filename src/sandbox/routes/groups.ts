import { ok, type RouteContext, type Reply } from '../context';
import { assertAttrs, matchExpr, parseExpr, pinnedValues, type Expr } from '../filter';
import { notFound, validation } from '../okta-errors';
import { paginate, parseLimit, resumeBySeq } from '../pagination';
import { readWrite, type Route } from '../router';
import { renderGroup } from '../shapes/group';
import { renderUser } from '../shapes/user';
import type { GroupRec } from '../types';

const S = readWrite('groups');
const U = readWrite('users');

function groupAttr(g: GroupRec, attr: string): unknown {
  switch (attr) {
    case 'id': return g.id;
    case 'type': return g.type;
    case 'created': return g.created;
    case 'lastUpdated': return g.lastUpdated;
    case 'lastMembershipUpdated': return g.lastMembershipUpdated;
    case 'source.id': return g.sourceAppId;
    default: return attr.startsWith('profile.') ? g.profile[attr.slice('profile.'.length)] : undefined;
  }
}

/** Candidates for a search: the name index when the expression pins profile.name, else all groups. */
function candidates(ctx: RouteContext, expr: Expr | undefined): GroupRec[] {
  const names = expr && pinnedValues(expr, 'profile.name');
  if (!names) return Array.from(ctx.org.groups.values());
  const ids = new Set<string>();
  for (const name of names) for (const id of ctx.org.groupsByName.get(name.toLowerCase()) ?? []) ids.add(id);
  return Array.from(ids, (id) => ctx.org.groups.get(id)!).sort((a, b) => a.seq - b.seq);
}

/**
 * GET /api/v1/groups (notes §6): `search` (eventually consistent in Okta; exact here), `filter` (id,
 * type, lastUpdated, lastMembershipUpdated), `q` (startsWith on name, exact matches first, not
 * pageable: no Link header at all, default cap 300), `expand=stats`. Default limit 10000.
 */
function listGroups(ctx: RouteContext): Reply {
  const expand = ctx.query.get('expand');
  if (expand && expand !== 'stats' && expand !== 'app') throw validation('RequestParams', 'Expand query is malformed.');
  const q = ctx.query.get('q');
  if (q !== null && q !== '') {
    const lq = q.toLowerCase();
    const limit = parseLimit(ctx, 300, 10000);
    const found = Array.from(ctx.org.groups.values()).filter((g) => g.profile.name.toLowerCase().startsWith(lq));
    const exact = found.filter((g) => g.profile.name.toLowerCase() === lq);
    const rest = found.filter((g) => g.profile.name.toLowerCase() !== lq);
    return ok([...exact, ...rest].slice(0, limit).map((g) => renderGroupOf(ctx, g, expand)));
  }
  const search = ctx.query.get('search');
  const filter = ctx.query.get('filter');
  let expr: Expr | undefined;
  if (search) {
    expr = parseExpr(search, 'search');
    assertAttrs(expr, ['id', 'type', 'created', 'lastUpdated', 'lastMembershipUpdated', 'source.id', 'profile.*'], 'search');
  }
  let groups = candidates(ctx, expr);
  if (expr) groups = groups.filter((g) => matchExpr(expr!, (a) => groupAttr(g, a)));
  if (filter) {
    const f = parseExpr(filter, 'filter');
    assertAttrs(f, ['id', 'type', 'lastUpdated', 'lastMembershipUpdated'], 'filter');
    groups = groups.filter((g) => matchExpr(f, (a) => groupAttr(g, a)));
  }
  const page = paginate(ctx, {
    items: groups, idOf: (g) => g.id, defaultLimit: 10000, maxLimit: 10000, echo: ['search', 'filter', 'expand'],
    resume: resumeBySeq(groups, ctx.org.seqOf),
  });
  return ok(page.items.map((g) => renderGroupOf(ctx, g, expand)), { Link: page.links });
}

function renderGroupOf(ctx: RouteContext, g: GroupRec, expand: string | null): Record<string, unknown> {
  return renderGroup(g, ctx.base, expand, g.sourceAppId ? ctx.org.apps.get(g.sourceAppId) : undefined);
}

function requireGroup(ctx: RouteContext): GroupRec {
  const g = ctx.org.groups.get(ctx.params.groupId);
  if (!g) throw notFound(ctx.params.groupId, 'UserGroup');
  return g;
}

/** GET /api/v1/groups/{id}/users — default limit 1000 (spec; "recommended 200"). */
function listMembers(ctx: RouteContext): Reply {
  const g = requireGroup(ctx);
  const users = Array.from(g.members, (id) => ctx.org.users.get(id)!).filter(Boolean).sort((a, b) => a.seq - b.seq);
  const page = paginate(ctx, { items: users, idOf: (u) => u.id, defaultLimit: 1000, maxLimit: 10000, resume: resumeBySeq(users, ctx.org.seqOf) });
  return ok(page.items.map((u) => renderUser(u, ctx.base)), { Link: page.links });
}

export const groupRoutes: Route[] = [
  { pattern: '/api/v1/groups', methods: { GET: { scopes: S.read, handler: listGroups } } },
  { pattern: '/api/v1/groups/:groupId', methods: { GET: { scopes: S.read, handler: (ctx) => ok(renderGroupOf(ctx, requireGroup(ctx), ctx.query.get('expand'))) } } },
  { pattern: '/api/v1/groups/:groupId/users', methods: { GET: { scopes: [...S.read, ...U.read], handler: listMembers } } },
  {
    pattern: '/api/v1/users/:userId',
    methods: {
      GET: {
        scopes: U.read,
        handler: (ctx) => {
          const u = ctx.org.findUser(ctx.params.userId);
          if (!u) throw notFound(ctx.params.userId, 'User');
          return ok(renderUser(u, ctx.base));
        },
      },
    },
  },
];
