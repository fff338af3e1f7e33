import { baseSchemaProps } from '../app-schema';
import { ok, type RouteContext, type Reply } from '../context';
import { notFound } from '../okta-errors';
import type { Route } from '../router';
import type { UserTypeRec } from '../types';
import { requireApp } from './apps';

/** User type JSON (recorded Okta responses): `_links` entries carry rel and method, unlike other resources. */
function renderUserType(ctx: RouteContext, t: UserTypeRec): Record<string, unknown> {
  return {
    id: t.id, displayName: t.displayName, name: t.name, description: t.description,
    createdBy: '00u5bsandb0xadm15b7', lastUpdatedBy: '00u5bsandb0xadm15b7',
    created: t.created, lastUpdated: t.lastUpdated, default: t.default,
    _links: {
      schema: { rel: 'schema', href: `${ctx.base}/api/v1/meta/schemas/user/osc${t.id.slice(3)}`, method: 'GET' },
      self: { rel: 'self', href: `${ctx.base}/api/v1/meta/types/user/${t.id}`, method: 'GET' },
    },
  };
}

/** App user schema (recorded Okta responses): id without /api/v1, draft-04, title "<label> User". */
function appSchema(ctx: RouteContext): Reply {
  const app = requireApp(ctx);
  const base = baseSchemaProps(app);
  return ok({
    id: `${ctx.base}/meta/schemas/apps/${app.id}/default`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: app.name,
    title: `${app.label} User`,
    lastUpdated: app.schemaLastUpdated,
    created: app.created,
    definitions: {
      custom: { id: '#custom', type: 'object', properties: JSON.parse(JSON.stringify(app.customSchema)), required: [] },
      base: {
        id: '#base', type: 'object', properties: JSON.parse(JSON.stringify(base)),
        required: Object.entries(base).filter(([, p]) => p.required).map(([k]) => k),
      },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  });
}

export const metaRoutes: Route[] = [
  {
    pattern: '/api/v1/meta/types/user',
    methods: { GET: { scopes: ['okta.userTypes.read', 'okta.userTypes.manage'], handler: (ctx) => ok(Array.from(ctx.org.userTypes.values(), (t) => renderUserType(ctx, t))) } },
  },
  {
    pattern: '/api/v1/meta/types/user/:typeId',
    methods: {
      GET: {
        scopes: ['okta.userTypes.read', 'okta.userTypes.manage'],
        handler: (ctx) => {
          const t = ctx.org.userTypes.get(ctx.params.typeId);
          if (!t) throw notFound(ctx.params.typeId, 'CVDType');
          return ok(renderUserType(ctx, t));
        },
      },
    },
  },
  {
    pattern: '/api/v1/meta/schemas/apps/:appId/default',
    methods: { GET: { scopes: ['okta.schemas.read', 'okta.schemas.manage'], handler: appSchema } },
  },
];
