import type { RouteContext, Reply } from '../context';
import { notFound, OktaHttpError, validation } from '../okta-errors';
import { DIRECTORY_APPS } from '../seed';
import type { Route } from '../router';
import type { AppRec, GroupRec, UserRec } from '../types';
import { membershipChanged } from './memberships';

/**
 * The spec's own error examples for this operation (Error502NoConnectedAgents, Error504AgentTimeOut);
 * Okta's error catalogue lists other codes for the same messages, so clients must not branch on them.
 */
const noConnectedAgents = () => new OktaHttpError(502, 'E0000236', 'There are no connected agents');
const agentTimeOut = () => new OktaHttpError(504, 'E0000237', 'Timed out waiting for agent');

interface AgentAction {
  id: string;
  action: 'ADD' | 'REMOVE';
  attribute: string;
  values: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body as the spec's AgentAction (required id, parameters.action/attribute/values) or 400 E0000001. */
function parseAction(body: unknown): AgentAction {
  if (!isObject(body)) throw validation('AgentAction', 'The request body must be an object with id and parameters.');
  const { id, parameters: p } = body;
  if (typeof id !== 'string' || !id) throw validation('id', 'id: the id of the directory group is required.');
  if (!isObject(p)) throw validation('parameters', 'parameters: an object with action, attribute and values is required.');
  if (p.action !== 'ADD' && p.action !== 'REMOVE') throw validation('parameters.action', 'parameters.action: must be ADD or REMOVE.');
  if (typeof p.attribute !== 'string' || !p.attribute) throw validation('parameters.attribute', 'parameters.attribute: the membership attribute is required (member for Active Directory).');
  if (!Array.isArray(p.values) || p.values.some((v) => typeof v !== 'string' || !v)) {
    throw validation('parameters.values', 'parameters.values: a list of user ids is required.');
  }
  return { id, action: p.action, attribute: p.attribute, values: p.values as string[] };
}

/** The agent pool of the app (pool id = app id) answers: 502 with none connected, 504 when none responds. */
function requireAgent(ctx: RouteContext, app: AppRec): void {
  const connected = (ctx.org.agents.get(app.id) ?? []).filter((a) => a.operationalStatus === 'OPERATIONAL' || a.operationalStatus === 'DEGRADED');
  if (connected.length === 0) throw noConnectedAgents();
  if (!connected.some((a) => a.responding !== false)) throw agentTimeOut();
}

function requireDirectoryApp(ctx: RouteContext): AppRec {
  const app = ctx.org.apps.get(ctx.params.appInstanceId);
  if (!app) throw notFound(ctx.params.appInstanceId, 'AppInstance');
  if (!DIRECTORY_APPS.has(app.name)) throw validation('appInstanceId', `App instance ${app.id} is not an Active Directory or LDAP integration.`);
  return app;
}

/**
 * "Okta can only manage group memberships for users and groups imported into Okta using the AD or LDAP
 * integration" (spec tag DirectoriesIntegration). Which error Okta answers for the others is not
 * documented: here 400 E0000001 naming each one, and nothing changes.
 */
function requireImported(ctx: RouteContext, app: AppRec, action: AgentAction): { group: GroupRec; users: UserRec[] } {
  const group = ctx.org.groups.get(action.id);
  if (!group) throw notFound(action.id, 'UserGroup');
  if (group.type !== 'APP_GROUP' || group.sourceAppId !== app.id) {
    throw validation('id', `Group ${group.id} was not imported through this directory integration.`);
  }
  if (app.name === 'active_directory' && action.attribute !== 'member') {
    throw validation('parameters.attribute', 'parameters.attribute: Active Directory group memberships are in the member attribute.');
  }
  const users: UserRec[] = [];
  const causes: string[] = [];
  for (const id of action.values) {
    const user = ctx.org.users.get(id);
    if (!user) causes.push(`User ${id} was not found.`);
    else if (user.importedFrom?.appId !== app.id) causes.push(`User ${id} was not imported through this directory integration.`);
    else users.push(user);
  }
  if (causes.length) throw validation('parameters.values', ...causes);
  return { group, users };
}

/**
 * POST /api/v1/directories/{appInstanceId}/groups/modify (spec updateGroupMembership): adds or removes
 * the users in the directory group through the app's agent; 200 without a body. All or nothing: one
 * bad value refuses the request. The change shows in GET /api/v1/groups/{id}/users at once (the agent
 * writes AD and Okta keeps the imported group in step).
 */
function modify(ctx: RouteContext): Reply {
  const app = requireDirectoryApp(ctx);
  const action = parseAction(ctx.body);
  const { group, users } = requireImported(ctx, app, action);
  requireAgent(ctx, app);
  const changed: string[] = [];
  for (const user of users) {
    const has = group.members.has(user.id);
    if (action.action === 'ADD' && !has) {
      ctx.org.addMember(group.id, user.id);
      changed.push(user.id);
    } else if (action.action === 'REMOVE' && has) {
      ctx.org.removeMember(group.id, user.id);
      changed.push(user.id);
    }
  }
  membershipChanged(ctx.org, group, changed);
  return { status: 200, mutated: true };
}

export const directoriesIntegrationRoutes: Route[] = [
  { pattern: '/api/v1/directories/:appInstanceId/groups/modify', methods: { POST: { scopes: ['okta.directories.groups.manage'], handler: modify } } },
];
