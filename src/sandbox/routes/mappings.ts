import { appSchemaHasProperty, USER_PROFILE_PROPS, userSchemaId } from '../app-schema';
import { ok, type RouteContext, type Reply } from '../context';
import { notFound, validation } from '../okta-errors';
import { paginate, resumeBySeq } from '../pagination';
import { readWrite, type Route } from '../router';
import type { MappingProperty, MappingRec } from '../types';
import { setOwnKey } from '../own';

const S = readWrite('profileMappings');

function side(ctx: RouteContext, s: MappingRec['source']): Record<string, unknown> {
  if (s.type === 'appuser') {
    const app = ctx.org.apps.get(s.id);
    return {
      id: s.id, name: app?.name ?? 'unknown', type: 'appuser',
      _links: { self: { href: `${ctx.base}/api/v1/apps/${s.id}` }, schema: { href: `${ctx.base}/api/v1/meta/schemas/apps/${s.id}/default` } },
    };
  }
  const t = ctx.org.userTypes.get(s.id);
  return {
    id: s.id, name: t?.name ?? 'user', type: 'user',
    _links: {
      self: { href: `${ctx.base}/api/v1/meta/types/user/${s.id}` },
      schema: { href: `${ctx.base}/api/v1/meta/schemas/user/${userSchemaId(s.id)}` },
    },
  };
}

/** Mapping JSON (recorded Okta responses): list items never include `properties`. */
export function renderMapping(ctx: RouteContext, m: MappingRec, withProperties: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: m.id, source: side(ctx, m.source), target: side(ctx, m.target) };
  if (withProperties) {
    const props: Record<string, MappingProperty> = {};
    for (const [k, v] of Object.entries(m.properties)) setOwnKey(props, k, { ...v });
    out.properties = props;
  }
  out._links = { self: { href: `${ctx.base}/api/v1/mappings/${m.id}` } };
  return out;
}

/** GET /api/v1/mappings — limit default 20, max 200; the self link keeps only `limit` (recorded). */
function listMappings(ctx: RouteContext): Reply {
  const sourceId = ctx.query.get('sourceId');
  const targetId = ctx.query.get('targetId');
  const all = Array.from(ctx.org.mappings.values());
  const items = all.filter((m) => (!sourceId || m.source.id === sourceId) && (!targetId || m.target.id === targetId));
  const page = paginate(ctx, { items, idOf: (m) => m.id, defaultLimit: 20, maxLimit: 200, resume: resumeBySeq(items, ctx.org.seqOf) });
  return ok(page.items.map((m) => renderMapping(ctx, m, false)), { Link: page.links });
}

function requireMapping(ctx: RouteContext): MappingRec {
  const m = ctx.org.mappings.get(ctx.params.mappingId);
  if (!m) throw notFound(ctx.params.mappingId, 'ProfileMapping');
  return m;
}

function targetHas(ctx: RouteContext, m: MappingRec, prop: string): boolean {
  if (m.target.type === 'user') return USER_PROFILE_PROPS.includes(prop);
  const app = ctx.org.apps.get(m.target.id);
  return !!app && appSchemaHasProperty(app, prop);
}

/**
 * POST /api/v1/mappings/{id} — partial update: listed properties are added or changed, others kept; a
 * property sent as null or {expression: null, pushStatus: null} is removed (spec RemoveMappingBody; TF
 * sends null). The whole object (id, source, target, _links) may be sent back. An unknown target
 * property fails the whole update: 400 E0000001 "updateMapping" / "Invalid target field X".
 */
function updateMapping(ctx: RouteContext): Reply {
  const m = requireMapping(ctx);
  const body = ctx.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw validation('updateMapping', 'The request body must be a JSON object');
  const props = body.properties;
  if (props === undefined || props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw validation('updateMapping', 'properties: must be an object');
  }
  const removals: string[] = [];
  const sets: Array<[string, MappingProperty]> = [];
  const invalid: string[] = [];
  for (const [k, v] of Object.entries(props as Record<string, unknown>)) {
    const obj = v as Record<string, unknown> | null;
    if (obj === null || (typeof obj === 'object' && (obj.expression === null || obj.expression === undefined) && (obj.pushStatus === null || obj.pushStatus === undefined))) {
      removals.push(k);
      continue;
    }
    if (typeof obj !== 'object' || typeof obj.expression !== 'string') {
      throw validation('updateMapping', `Invalid expression for target field ${k}`);
    }
    if (!targetHas(ctx, m, k)) {
      invalid.push(k);
      continue;
    }
    const push = obj.pushStatus ?? (Object.hasOwn(m.properties, k) ? m.properties[k].pushStatus : undefined) ?? 'PUSH';
    if (push !== 'PUSH' && push !== 'DONT_PUSH') throw validation('updateMapping', `Invalid pushStatus for target field ${k}`);
    sets.push([k, { expression: obj.expression, pushStatus: push }]);
  }
  if (invalid.length) throw validation('updateMapping', ...invalid.map((k) => `Invalid target field ${k}`));
  for (const k of removals) delete m.properties[k];
  for (const [k, v] of sets) setOwnKey(m.properties, k, v);
  return { status: 200, body: renderMapping(ctx, m, true), mutated: true };
}

export const mappingRoutes: Route[] = [
  { pattern: '/api/v1/mappings', methods: { GET: { scopes: S.read, handler: listMappings } } },
  {
    pattern: '/api/v1/mappings/:mappingId',
    methods: {
      GET: { scopes: S.read, handler: (ctx) => ok(renderMapping(ctx, requireMapping(ctx), true)) },
      POST: { scopes: S.manage, handler: updateMapping },
    },
  },
];
