import { ok, type RouteContext, type Reply } from '../context';
import { clausesOf, matchExpr, parseExpr } from '../filter';
import { notFound, validation } from '../okta-errors';
import { renderApp } from '../shapes/app';
import { paginate, resumeBySeq } from '../pagination';
import type { Route } from '../router';
import type { LogEventRec, PushMappingRec } from '../types';
import { requireApp } from './apps';

const SANDBOX_ORG_ID = '00o5bsandb0x0rg5b7';

/** Group push mapping JSON (recorded Okta responses): timestamps without milliseconds. */
function renderPush(ctx: RouteContext, p: PushMappingRec): Record<string, unknown> {
  const noMs = (t: string) => t.replace(/\.\d{3}Z$/, 'Z');
  return {
    created: noMs(p.created), id: p.id, lastUpdated: noMs(p.lastUpdated), sourceGroupId: p.sourceGroupId, status: p.status,
    targetGroupId: p.targetGroupId,
    _links: {
      app: { href: `${ctx.base}/api/v1/apps/${p.appId}` },
      sourceGroup: { href: `${ctx.base}/api/v1/groups/${p.sourceGroupId}` },
      targetGroup: { href: `${ctx.base}/api/v1/groups/${p.targetGroupId}` },
    },
  };
}

/** GET /api/v1/apps/{appId}/group-push/mappings — limit default 100, max 1000; self link drops filters; `after=` empty is accepted. */
function listPush(ctx: RouteContext): Reply {
  const app = requireApp(ctx);
  const source = ctx.query.get('sourceGroupId');
  const status = ctx.query.get('status');
  const items = Array.from(ctx.org.pushMappings.values())
    .filter((p) => p.appId === app.id && (!source || p.sourceGroupId === source) && (!status || p.status === status));
  const page = paginate(ctx, { items, idOf: (p) => p.id, defaultLimit: 100, maxLimit: 1000 });
  return ok(page.items.map((p) => renderPush(ctx, p)), { Link: page.links });
}

/**
 * GET /api/v1/agentPools — spec AgentPool/Agent; the AD pool id is the AD app id (TF fixtures); agents carry
 * operationalStatus and lastConnection as epoch ms; no Link header (recorded Okta responses).
 */
function listPools(ctx: RouteContext): Reply {
  const poolType = ctx.query.get('poolType');
  if (poolType && poolType !== 'AD') return ok([]);
  const raw = Number(ctx.query.get('limitPerPoolType') ?? '5');
  const cap = Number.isInteger(raw) && raw > 0 ? raw : 5;
  const pools: unknown[] = [];
  for (const app of ctx.org.apps.values()) {
    if (!app.ad || app.name !== 'active_directory' || pools.length >= cap) continue;
    const agents = ctx.org.agents.get(app.id) ?? [];
    const worst = agents.length === 0 ? 'INACTIVE'
      : agents.every((a) => a.operationalStatus === 'OPERATIONAL') ? 'OPERATIONAL'
        : agents.some((a) => a.operationalStatus === 'OPERATIONAL') ? 'DEGRADED' : 'DISRUPTED';
    pools.push({
      id: app.id, name: app.label, type: 'AD', operationalStatus: worst,
      disruptedAgents: agents.filter((a) => a.operationalStatus === 'DISRUPTED').length,
      inactiveAgents: agents.filter((a) => a.operationalStatus === 'INACTIVE').length,
      agents: agents.map((a) => ({
        id: a.id, name: a.name, type: 'AD', poolId: a.poolId, operationalStatus: a.operationalStatus,
        lastConnection: a.lastConnection, version: a.version, isHidden: false, isLatestGAedVersion: true,
        latestGAedVersion: true, updateStatus: 'Success', updateMessage: '',
        _links: {},
      })),
    });
  }
  return ok(pools);
}

/**
 * Okta's docs show these log fields as null, but the official spec does not allow null there and no
 * recorded /api/v1/logs response backs that deviation (test/conformance/deviations.ts), so null
 * fields are left out — every client must treat an absent field like a null one anyway.
 */
function withoutNulls<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Partial<T>;
}

function renderEvent(ctx: RouteContext, e: LogEventRec): Record<string, unknown> {
  return {
    actor: withoutNulls({ id: '0oa5bsandb0xsyst5b7', type: 'PublicClientApp', alternateId: 'Okta System', displayName: 'Okta System', detailEntry: null }),
    client: withoutNulls({ userAgent: null, zone: null, device: null, id: null, ipAddress: null, geographicalContext: null }),
    authenticationContext: withoutNulls({ authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: null }),
    displayMessage: e.displayMessage,
    eventType: e.eventType,
    outcome: withoutNulls({ ...e.outcome }),
    published: e.published,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: e.severity,
    debugContext: { debugData: {} },
    // The spec types legacyEventType as a non-null string: leave it out where there is none.
    ...(e.eventType.startsWith('application.provision') ? { legacyEventType: 'app.ad.user.push' } : {}),
    transaction: { type: 'JOB', id: e.uuid.replace(/-/g, '').slice(0, 20), detail: {} },
    uuid: e.uuid,
    version: '0',
    request: { ipChain: [] },
    target: e.target.map((t) => withoutNulls({ ...t, detailEntry: null })),
    _orgId: SANDBOX_ORG_ID,
  };
}

/**
 * GET /api/v1/logs — System Log: `since`, `until`, `filter` (eventType, outcome.result, target.id,
 * actor.id eq …), `q` (keywords in displayMessage), `sortOrder`, `limit` default 100 max 1000, Link paging.
 */
function listLogs(ctx: RouteContext): Reply {
  const since = ctx.query.get('since');
  const until = ctx.query.get('until');
  const filter = ctx.query.get('filter');
  const q = ctx.query.get('q');
  // An unparsable timestamp is a client error (400), not a crash (was 500 E0000009 via RangeError).
  for (const [name, value] of [['since', since], ['until', until]] as const) {
    if (value && Number.isNaN(Date.parse(value))) throw validation(name, `${name}: must be an ISO 8601 timestamp`);
  }
  const expr = filter ? parseExpr(filter, 'filter') : undefined;
  let items = ctx.org.logs.filter((e) => (!since || e.published >= new Date(since).toISOString())
    && (!until || e.published < new Date(until).toISOString()));
  if (expr) {
    const targetIds = new Set(clausesOf(expr).filter((c) => c.attr === 'target.id').map((c) => c.value));
    items = items.filter((e) => matchExpr(expr, (attr) => {
      if (attr === 'eventType') return e.eventType;
      if (attr === 'outcome.result') return e.outcome.result;
      if (attr === 'outcome.reason') return e.outcome.reason;
      if (attr === 'severity') return e.severity;
      if (attr === 'target.id') return e.target.find((t) => targetIds.has(t.id))?.id ?? e.target[0]?.id;
      if (attr === 'uuid') return e.uuid;
      return undefined;
    }));
  }
  if (q) {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    items = items.filter((e) => words.every((w) => `${e.displayMessage} ${e.outcome.reason ?? ''} ${e.target.map((t) => t.displayName).join(' ')}`.toLowerCase().includes(w)));
  }
  if (ctx.query.get('sortOrder') === 'DESCENDING') items = [...items].reverse();
  const echo = ['since', 'until', 'filter', 'q', 'sortOrder'];
  const page = paginate(ctx, { items, idOf: (e) => e.uuid, defaultLimit: 100, maxLimit: 1000, echo, resume: resumeBySeq(items, ctx.org.seqOf) });
  // Polling (no `until`, ascending): Okta always returns a next link, even at the end, so a client
  // can poll for new events (core-okta-api "Link header": the System Log is the exception).
  const cursor = page.items.at(-1)?.uuid ?? ctx.query.get('after');
  if (!until && ctx.query.get('sortOrder') !== 'DESCENDING' && page.links.length === 1 && cursor) {
    const next = new URLSearchParams([['after', cursor], ['limit', new URL(page.links[0].slice(1, page.links[0].indexOf('>'))).searchParams.get('limit')!]]);
    for (const k of echo) {
      const v = ctx.query.get(k);
      if (v) next.append(k, v);
    }
    page.links.push(`<${ctx.base}${ctx.url.pathname}?${next}>; rel="next"`);
  }
  return ok(page.items.map((e) => renderEvent(ctx, e)), { Link: page.links });
}

/** GET /api/v1/groups/{groupId}/apps — apps the group is assigned to (recorded Okta responses). */
function groupApps(ctx: RouteContext): Reply {
  const group = ctx.org.groups.get(ctx.params.groupId);
  if (!group) throw notFound(ctx.params.groupId, 'UserGroup');
  const apps = Array.from(ctx.org.apps.values()).filter((a) => ctx.org.assignments.get(a.id)?.byGroup.has(group.id));
  const page = paginate(ctx, { items: apps, idOf: (a) => a.id, defaultLimit: 20, maxLimit: 200, resume: resumeBySeq(apps, ctx.org.seqOf) });
  return ok(page.items.map((a) => renderApp(a, ctx.base)), { Link: page.links });
}

export const directoryRoutes: Route[] = [
  { pattern: '/api/v1/groups/:groupId/apps', methods: { GET: { scopes: ['okta.groups.read', 'okta.groups.manage'], handler: groupApps } } },
  { pattern: '/api/v1/apps/:appId/group-push/mappings', methods: { GET: { scopes: ['okta.apps.read', 'okta.apps.manage', 'okta.groups.read'], handler: listPush } } },
  { pattern: '/api/v1/agentPools', methods: { GET: { scopes: ['okta.agentPools.read', 'okta.agentPools.manage'], handler: listPools } } },
  { pattern: '/api/v1/logs', methods: { GET: { scopes: ['okta.logs.read'], handler: listLogs } } },
];
