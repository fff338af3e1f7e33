import { ok, type RouteContext, type Reply } from '../context';
import { notFound, validation } from '../okta-errors';
import { paginate, resumeBySeq } from '../pagination';
import { chosenAssignment, newAppUser, placeIndividual, provisionApp } from '../provisioning';
import { readWrite, type Route } from '../router';
import { renderUser } from '../shapes/user';
import type { AppUserRec } from '../types';
import { requireApp } from './apps';

const S = readWrite('apps');

/** AppUser JSON per spec `AppUser` (notes §4). */
export function renderAppUser(ctx: RouteContext, u: AppUserRec, expand: string | null): Record<string, unknown> {
  const user = ctx.org.users.get(u.userId);
  const out: Record<string, unknown> = {
    id: u.userId,
    externalId: u.externalId,
    created: u.created,
    lastUpdated: u.lastUpdated,
    scope: u.scope,
    status: u.status,
    statusChanged: u.statusChanged,
    passwordChanged: null,
    syncState: u.syncState,
    // Never-synced app users have no lastSync key at all (recorded: okta-sdk-python cassette
    // TestApplicationsResource.test_get_list_assign_users_app); the spec has no null for it.
    ...(u.lastSync !== null ? { lastSync: u.lastSync } : {}),
    credentials: { userName: String(u.profile.userName ?? user?.profile.login ?? '') },
    profile: { ...u.profile },
  };
  if (expand === 'user' && user) out._embedded = { user: renderUser(user, ctx.base) };
  out._links = {
    app: { href: `${ctx.base}/api/v1/apps/${u.appId}` },
    user: { href: `${ctx.base}/api/v1/users/${u.userId}` },
    ...(u.scope === 'GROUP' ? { group: { name: 'group', href: `${ctx.base}/api/v1/apps/${u.appId}/groups` } } : {}),
  };
  return out;
}

function expandOf(ctx: RouteContext): string | null {
  const e = ctx.query.get('expand');
  if (e && e !== 'user') throw validation('RequestParams', 'Expand query is malformed.');
  return e;
}

/** GET /api/v1/apps/{appId}/users — limit default 50, max 500; q startsWith on userName, firstName, lastName, email. */
function listAppUsers(ctx: RouteContext): Reply {
  const app = requireApp(ctx);
  const expand = expandOf(ctx);
  let items = Array.from(ctx.org.appUserMap(app.id).values()).sort((a, b) => a.seq - b.seq);
  const q = ctx.query.get('q');
  if (q) {
    const lq = q.toLowerCase();
    items = items.filter((u) => ['userName', 'firstName', 'lastName', 'email'].some((k) => String(u.profile[k] ?? '').toLowerCase().startsWith(lq)));
  }
  const page = paginate(ctx, { items, idOf: (u) => u.userId, defaultLimit: 50, maxLimit: 500, echo: ['q', 'expand'], resume: resumeBySeq(items, ctx.org.seqOf) });
  return ok(page.items.map((u) => renderAppUser(ctx, u, expand)), { Link: page.links });
}

function requireAppUser(ctx: RouteContext): AppUserRec {
  const app = requireApp(ctx);
  const rec = ctx.org.appUserMap(app.id).get(ctx.params.userId);
  if (!rec) throw notFound(ctx.params.userId, 'AppUser');
  return rec;
}

function bodyOf(ctx: RouteContext): Record<string, unknown> {
  const b = ctx.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw validation('body', 'The request body must be a JSON object');
  return b as Record<string, unknown>;
}

/**
 * POST /api/v1/apps/{appId}/users/{userId}: profile update and scope conversion (Okta workflows template
 * "convert application assignment scope"): GROUP only when the user is a member of an assigned group,
 * else 400; USER converts (or creates) an individual assignment that keeps its own placement.
 */
function updateAppUser(ctx: RouteContext): Reply {
  const app = requireApp(ctx);
  const user = ctx.org.findUser(ctx.params.userId);
  if (!user) throw notFound(ctx.params.userId, 'User');
  const body = bodyOf(ctx);
  const map = ctx.org.appUserMap(app.id);
  let rec = map.get(user.id);
  const scope = body.scope;
  if (scope !== undefined && scope !== 'USER' && scope !== 'GROUP') throw validation('scope', 'scope: must be USER or GROUP');
  if (!rec && scope === undefined) throw notFound(ctx.params.userId, 'AppUser');
  if (body.profile !== undefined && (typeof body.profile !== 'object' || body.profile === null || Array.isArray(body.profile))) {
    throw validation('profile', 'profile: must be an object');
  }
  if (scope === 'GROUP') {
    if (!chosenAssignment(ctx.org, app.id, user.id)) {
      throw validation('scope', 'The user is not a member of a group assigned to this application.');
    }
  }
  if (!rec) {
    rec = newAppUser(ctx.org, app, user, 'USER', 'ACTIVE', 'DISABLED', { ...(body.profile as object ?? {}) });
    placeIndividual(ctx.org, app, user, rec);
    map.set(user.id, rec);
  } else {
    if (body.profile) Object.assign(rec.profile, body.profile);
    if (scope) rec.scope = scope;
    rec.lastUpdated = ctx.org.timestamp();
  }
  if (scope === 'GROUP') provisionApp(ctx.org, app.id, [user.id]);
  return { status: 200, body: renderAppUser(ctx, rec, null), mutated: true };
}

/** POST /api/v1/apps/{appId}/users — assign a user individually ({id, scope?, profile?}). */
function assignAppUser(ctx: RouteContext): Reply {
  const body = bodyOf(ctx);
  if (typeof body.id !== 'string') throw validation('id', 'id: the user id is required');
  ctx.params.userId = body.id;
  return updateAppUser({ ...ctx, body: { ...body, scope: body.scope ?? 'USER' } });
}

function unassignAppUser(ctx: RouteContext): Reply {
  const rec = requireAppUser(ctx);
  ctx.org.appUserMap(rec.appId).delete(rec.userId);
  return { status: 204, mutated: true };
}

export const appUserRoutes: Route[] = [
  { pattern: '/api/v1/apps/:appId/users', methods: { GET: { scopes: S.read, handler: listAppUsers }, POST: { scopes: S.manage, handler: assignAppUser } } },
  {
    pattern: '/api/v1/apps/:appId/users/:userId',
    methods: {
      GET: { scopes: S.read, handler: (ctx) => ok(renderAppUser(ctx, requireAppUser(ctx), expandOf(ctx))) },
      POST: { scopes: S.manage, handler: updateAppUser },
      DELETE: { scopes: S.manage, handler: unassignAppUser },
    },
  },
];
