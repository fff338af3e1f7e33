import { ok, type RouteContext, type Reply } from '../context';
import { assertAttrs, clausesOf, matchExpr, parseExpr } from '../filter';
import { notFound, validation } from '../okta-errors';
import { paginate, resumeBySeq } from '../pagination';
import type { Route } from '../router';
import { readWrite } from '../router';
import { renderApp } from '../shapes/app';
import type { AppRec } from '../types';

const S = readWrite('apps');

/** GET /api/v1/apps — spec L1828: `q` (startsWith on name or label), `filter` (id, status, name), limit ≤ 200. */
function listApps(ctx: RouteContext): Reply {
  const expand = ctx.query.get('expand');
  // Only `expand=user/{userId}` exists (spec listApplications); anything else is refused as recorded.
  if (expand && !/^user\/[^/,]+$/.test(expand)) throw validation('RequestParams', 'Expand query is malformed.');
  let apps = Array.from(ctx.org.apps.values());
  const q = ctx.query.get('q');
  if (q) {
    const lq = q.toLowerCase();
    apps = apps.filter((a) => a.label.toLowerCase().startsWith(lq) || a.name.toLowerCase().startsWith(lq));
  }
  const filter = ctx.query.get('filter');
  if (filter) {
    const expr = parseExpr(filter, 'filter');
    assertAttrs(expr, ['id', 'status', 'name', 'user.id', 'group.id', 'credentials.signing.kid', 'settings.slo.enabled'], 'filter');
    // group.id / user.id select the apps a group or user is assigned to (legacy Apps API filter).
    const wanted = (attr: string) => clausesOf(expr).filter((c) => c.attr === attr).map((c) => c.value);
    apps = apps.filter((a) => matchExpr(expr, (attr) => {
      if (attr === 'group.id') return wanted(attr).find((g) => ctx.org.assignments.get(a.id)?.byGroup.has(g));
      if (attr === 'user.id') return wanted(attr).find((u) => ctx.org.appUsers.get(a.id)?.has(u));
      return appAttr(a, attr);
    }));
  }
  const page = paginate(ctx, {
    items: apps, idOf: (a) => a.id, defaultLimit: 20, maxLimit: 200, echo: ['q', 'filter'],
    resume: resumeBySeq(apps, ctx.org.seqOf),
  });
  return ok(page.items.map((a) => renderApp(a, ctx.base)), { Link: page.links });
}

function appAttr(a: AppRec, attr: string): unknown {
  switch (attr) {
    case 'id': return a.id;
    case 'status': return a.status;
    case 'name': return a.name;
    default: return undefined;
  }
}

export function requireApp(ctx: RouteContext): AppRec {
  const app = ctx.org.apps.get(ctx.params.appId);
  if (!app) throw notFound(ctx.params.appId, 'AppInstance');
  return app;
}

export const appRoutes: Route[] = [
  { pattern: '/api/v1/apps', methods: { GET: { scopes: S.read, handler: listApps } } },
  { pattern: '/api/v1/apps/:appId', methods: { GET: { scopes: S.read, handler: (ctx) => ok(renderApp(requireApp(ctx), ctx.base)) } } },
];
