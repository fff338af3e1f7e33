import { ok, noContent, type RouteContext, type Reply } from '../context';
import { removeAssignment, validatePriority, writeAssignment, type AssignmentWrite } from '../assignments';
import { notFound, validation } from '../okta-errors';
import { paginate } from '../pagination';
import { provisionApp, provisionGroupMembers } from '../provisioning';
import { readWrite, type Route } from '../router';
import { renderGroup } from '../shapes/group';
import type { AssignmentRec, GroupRec } from '../types';
import { requireApp } from './apps';
import { setOwnKey } from '../own';

const S = readWrite('apps');
const ADMIN_ID = '00u5bsandb0xadm15b7';

/** Assignment JSON as recorded: {id, lastUpdated, priority, profile, _links{app, self, group}}. */
export function renderAssignment(ctx: RouteContext, a: AssignmentRec, expand: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.groupId,
    lastUpdated: a.lastUpdated,
    priority: a.priority,
    profile: { ...a.profile },
    _links: {
      app: { href: `${ctx.base}/api/v1/apps/${a.appId}` },
      self: { href: `${ctx.base}/api/v1/apps/${a.appId}/groups/${a.groupId}` },
      group: { href: `${ctx.base}/api/v1/groups/${a.groupId}` },
    },
  };
  if (expand === 'group') {
    const g = ctx.org.groups.get(a.groupId);
    if (g) out._embedded = { group: renderGroup(g, ctx.base) };
  } else if (expand === 'metadata') {
    const profile: Record<string, unknown> = {};
    for (const k of Object.keys(a.profile)) {
      profile[k] = { source: { type: 'USER', value: [{ id: ADMIN_ID, self: { href: `${ctx.base}/api/v1/users/${ADMIN_ID}` } }] }, lastUpdated: null };
    }
    out._embedded = { metadata: { credentials: {}, profile } };
  }
  return out;
}

function expandOf(ctx: RouteContext): string | null {
  const e = ctx.query.get('expand');
  if (e && e !== 'group' && e !== 'metadata') throw validation('RequestParams', 'Expand query is malformed.');
  return e;
}

function requireGroup(ctx: RouteContext): GroupRec {
  const g = ctx.org.groups.get(ctx.params.groupId);
  if (!g) throw notFound(ctx.params.groupId, 'UserGroup');
  return g;
}

function requireAssignment(ctx: RouteContext): AssignmentRec {
  const app = requireApp(ctx);
  requireGroup(ctx);
  const a = ctx.org.assignmentIndex(app.id).byGroup.get(ctx.params.groupId);
  if (!a) throw notFound(ctx.params.groupId, 'UserGroup');
  return a;
}

/** GET /api/v1/apps/{appId}/groups — limit default 20, minimum 20 (smaller → 400), maximum 200. */
function listAssignments(ctx: RouteContext): Reply {
  const app = requireApp(ctx);
  const expand = expandOf(ctx);
  let items = ctx.org.assignmentIndex(app.id).sorted;
  const q = ctx.query.get('q');
  if (q) {
    const lq = q.toLowerCase();
    items = items.filter((a) => String(ctx.org.groups.get(a.groupId)?.profile.name ?? '').toLowerCase().startsWith(lq));
  }
  const page = paginate(ctx, { items, idOf: (a) => a.groupId, defaultLimit: 20, minLimit: 20, maxLimit: 200, echo: ['q', 'expand'] });
  return ok(page.items.map((a) => renderAssignment(ctx, a, expand)), { Link: page.links });
}

function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === undefined || ctx.body === null) return {};
  if (typeof ctx.body !== 'object' || Array.isArray(ctx.body)) throw validation('body', 'The request body must be a JSON object');
  return ctx.body as Record<string, unknown>;
}

/** The AD app user schema types organizationalUnit as a string; Okta validates profiles against it. */
function checkOu(value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw validation('profile', 'profile.organizationalUnit: must be a string');
  }
}

function profileOf(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw validation('profile', 'profile: must be an object');
  checkOu((value as Record<string, unknown>).organizationalUnit);
  return value as Record<string, unknown>;
}

function afterWrite(ctx: RouteContext, appId: string, groupId: string, reordered: boolean): void {
  if (reordered) provisionApp(ctx.org, appId);
  else provisionGroupMembers(ctx.org, appId, groupId);
}

/** PUT: create or replace; 200 for both (never 201); body optional. */
function putAssignment(ctx: RouteContext): Reply {
  const app = requireApp(ctx);
  const group = requireGroup(ctx);
  const body = bodyObject(ctx);
  const write: AssignmentWrite = { priority: validatePriority(body.priority), profile: profileOf(body.profile) };
  const { rec, reordered } = writeAssignment(ctx.org, app.id, group.id, write);
  afterWrite(ctx, app.id, group.id, reordered);
  return { status: 200, body: renderAssignment(ctx, rec, null), mutated: true };
}

/** PATCH: JSON Patch with `replace` / `remove` only (spec PatchAction). */
function patchAssignment(ctx: RouteContext): Reply {
  const rec = requireAssignment(ctx);
  if (!Array.isArray(ctx.body)) throw validation('body', 'The request body must be an array of JSON Patch operations');
  let priority: number | undefined;
  const profile: Record<string, unknown> = { ...rec.profile };
  for (const op of ctx.body as Array<Record<string, unknown>>) {
    if (!op || typeof op !== 'object' || (op.op !== 'replace' && op.op !== 'remove')) {
      throw validation('op', `op: unsupported operation ${JSON.stringify(op?.op)}; only replace and remove are supported`);
    }
    const path = typeof op.path === 'string' ? op.path : '';
    if (path === '/priority' && op.op === 'replace') {
      priority = validatePriority(op.value);
      if (priority === undefined) throw validation('priority', 'priority: must be a non-negative integer');
    } else if (path === '/profile' && op.op === 'replace') {
      const p = profileOf(op.value) ?? {};
      for (const k of Object.keys(profile)) delete profile[k];
      Object.assign(profile, p);
    } else if (/^\/profile\/[^/]+$/.test(path)) {
      const key = path.slice('/profile/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
      if (op.op === 'remove') delete profile[key];
      else {
        // RFC 6902 §4.3: replace requires a value.
        if (!('value' in op)) throw validation('value', `value: replace of ${path} needs a value`);
        // RFC 6902 §4.3: the target location must exist (Okta's own answer is unconfirmed; see README).
        if (!Object.hasOwn(profile, key)) throw validation('path', `path: replace of ${path}, which the assignment's profile does not have`);
        if (key === 'organizationalUnit') checkOu(op.value);
        setOwnKey(profile, key, op.value);
      }
    } else {
      throw validation('path', `path: unsupported path ${JSON.stringify(op.path)}`);
    }
  }
  const { reordered } = writeAssignment(ctx.org, rec.appId, rec.groupId, { priority, profile });
  afterWrite(ctx, rec.appId, rec.groupId, reordered);
  return { status: 200, body: renderAssignment(ctx, rec, null), mutated: true };
}

/** DELETE: 204, no body, no Content-Type. Members fall to their next assigned group (provisioning.ts). */
function deleteAssignment(ctx: RouteContext): Reply {
  const rec = requireAssignment(ctx);
  removeAssignment(ctx.org, rec.appId, rec.groupId);
  provisionGroupMembers(ctx.org, rec.appId, rec.groupId);
  return noContent();
}

export const appGroupRoutes: Route[] = [
  { pattern: '/api/v1/apps/:appId/groups', methods: { GET: { scopes: S.read, handler: listAssignments } } },
  {
    pattern: '/api/v1/apps/:appId/groups/:groupId',
    methods: {
      GET: { scopes: S.read, handler: (ctx) => ok(renderAssignment(ctx, requireAssignment(ctx), expandOf(ctx))) },
      PUT: { scopes: S.manage, handler: putAssignment },
      PATCH: { scopes: S.manage, handler: patchAssignment },
      DELETE: { scopes: S.manage, handler: deleteAssignment },
    },
  },
];
