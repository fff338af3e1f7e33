import { baseSchemaProps, USER_PROFILE_PROPS, userSchemaId } from '../app-schema';
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
      schema: { rel: 'schema', href: `${ctx.base}/api/v1/meta/schemas/user/${userSchemaId(t.id)}`, method: 'GET' },
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

/** A user type's schema id: `osc` + the type id's tail, as its `_links.schema` says; `default` names the default type (spec pathSchemaId). */
function userTypeOfSchema(ctx: RouteContext): UserTypeRec {
  const id = ctx.params.schemaId;
  const t = id === 'default' ? ctx.org.defaultUserType() : [...ctx.org.userTypes.values()].find((u) => userSchemaId(u.id) === id);
  if (!t) throw notFound(id, 'UserSchema');
  return t;
}

/** User schema (spec UserSchema and its examples): id without /api/v1, draft-04, `#base` then `#custom`. */
function userSchema(ctx: RouteContext): Reply {
  const t = userTypeOfSchema(ctx);
  const base = Object.fromEntries(USER_PROFILE_PROPS.map((k) => [k, { title: k, type: 'string', mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }] }]));
  return ok({
    id: `${ctx.base}/meta/schemas/user/${ctx.params.schemaId === 'default' ? 'default' : userSchemaId(t.id)}`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: t.name,
    title: t.displayName,
    lastUpdated: t.lastUpdated,
    created: t.created,
    definitions: {
      base: { id: '#base', type: 'object', properties: base, required: ['login', 'firstName', 'lastName', 'email'] },
      custom: { id: '#custom', type: 'object', properties: JSON.parse(JSON.stringify(t.customSchema)), required: [] },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/base' }, { $ref: '#/definitions/custom' }] } },
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
  {
    pattern: '/api/v1/meta/schemas/user/:schemaId',
    methods: { GET: { scopes: ['okta.schemas.read', 'okta.schemas.manage'], handler: userSchema } },
  },
];
