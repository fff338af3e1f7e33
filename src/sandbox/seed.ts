import { OktaOuError } from '../errors';
import { IdSource } from './ids';
import { OrgState } from './org-state';
import { placeIndividual, provisionApp, newAppUser } from './provisioning';
import type { AppRec, AppSeed, GroupRec, MappingProperty, MappingPropertySeed, OrgSeed, UserRec } from './types';
import { setOwnKey } from './own';

/** Seeded objects carry this fixed creation time so two runs with the same seed are identical. */
export const SEED_EPOCH = Date.parse('2026-01-05T09:00:00.000Z');

const AD_FEATURES = ['IMPORT_PROFILE_UPDATES', 'PROFILE_MASTERING', 'OUTBOUND_DEL_AUTH', 'IMPORT_USER_SCHEMA', 'IMPORT_NEW_USERS'];
export { AD_FEATURES };

function seedError(message: string): OktaOuError {
  return new OktaOuError('SANDBOX_ORG', `org seed: ${message}`, { hint: 'see src/sandbox/README.md "Org file"' });
}

/** Builds the in-memory org from a seed. Deterministic for a given seed number. */
export function buildOrg(seed: OrgSeed, seedNumber = 1): OrgState {
  const ids = new IdSource(seedNumber);
  const org = new OrgState(ids);
  org.now = () => SEED_EPOCH;
  const ts = org.timestamp();
  for (const s of [seed.users, seed.groups, seed.apps, seed.userTypes]) for (const o of s ?? []) {
    const id = (o as { id?: string }).id;
    if (id) ids.reserve(id);
  }

  const types = seed.userTypes?.length ? seed.userTypes : [{ name: 'user', displayName: 'User', default: true }];
  // Every Okta org has exactly one default user type (the source of the default profile mappings).
  if (types.filter((t) => t.default).length !== 1) {
    throw new OktaOuError('SANDBOX_ORG', `the org seed's userTypes must have exactly one with default: true (found ${types.filter((t) => t.default).length})`, {
      hint: 'mark one user type `default: true`, or leave userTypes out for the standard "user" type',
    });
  }
  for (const t of types) {
    const id = t.id ?? ids.next('oty');
    org.userTypes.set(id, {
      id, seq: org.nextSeq(id), name: t.name, displayName: t.displayName ?? t.name,
      description: t.description ?? (t.default ? 'Okta user profile template with default permission settings' : null),
      default: !!t.default, created: ts, lastUpdated: ts, customSchema: {},
    });
    for (const [k, v] of Object.entries(t.schema ?? {})) setOwnKey(org.userTypes.get(id)!.customSchema, k, { title: v.title ?? k, type: v.type ?? 'string' });
  }
  const defaultType = org.defaultUserType() ?? org.userTypes.values().next().value!;

  for (const u of seed.users ?? []) {
    if (!u.login || !u.firstName || !u.lastName) throw seedError(`user ${JSON.stringify(u.login ?? u)} needs login, firstName, lastName`);
    const id = u.id ?? ids.next('00u');
    const { id: _i, importedFrom: _f, ...profile } = u;
    const rec: UserRec = {
      id, seq: org.nextSeq(id), status: 'ACTIVE', created: ts, lastUpdated: ts, typeId: defaultType.id,
      profile: { ...profile, email: u.email ?? u.login, login: u.login, firstName: u.firstName, lastName: u.lastName },
    };
    org.addUser(rec);
  }

  for (const a of seed.apps ?? []) addApp(org, a, ts);
  for (const u of seed.users ?? []) if (u.importedFrom) markImported(org, org.findUser(u.id ?? u.login)!, u.importedFrom);

  const groupSeeds = [...(seed.groups ?? [])];
  if (!groupSeeds.some((g) => g.type === 'BUILT_IN' && g.name === 'Everyone')) {
    groupSeeds.unshift({ name: 'Everyone', type: 'BUILT_IN', description: 'All users in your organization' });
  }
  for (const g of groupSeeds) {
    const id = g.id ?? ids.next('00g');
    const type = g.type ?? 'OKTA_GROUP';
    let members: string[] = g.members ?? [];
    if (type === 'BUILT_IN' && g.name === 'Everyone' && !g.members) members = Array.from(org.users.keys());
    const rec: GroupRec = {
      id, seq: org.nextSeq(id), type, created: ts, lastUpdated: ts, lastMembershipUpdated: ts,
      profile: { name: g.name, description: g.description ?? (g.name === 'Everyone' ? 'All users in your organization' : null) },
      members: new Set(members.map((m) => resolveUser(org, m, `group ${g.name}`))),
    };
    if (g.source) {
      const app = org.findApp(g.source);
      if (!app) throw seedError(`group ${g.name}: source app ${g.source} not found`);
      rec.sourceAppId = app.id;
    }
    if (g.dn) Object.assign(rec.profile, { dn: g.dn, samAccountName: g.name, windowsDomainQualifiedName: g.name, externalId: ids.token(22) + '==' });
    org.addGroup(rec);
  }

  for (const a of seed.apps ?? []) seedAppRelations(org, a, ts);
  for (const app of org.apps.values()) provisionApp(org, app.id, undefined, { ignoreDnMapping: true });
  org.now = () => Date.now();
  return org;
}

function resolveUser(org: OrgState, loginOrId: string, where: string): string {
  const u = org.findUser(loginOrId);
  if (!u) throw seedError(`${where}: user ${loginOrId} not found`);
  return u.id;
}

/** AD-sourced users show the directory as their credentials provider (Users API `credentials.provider`). */
function markImported(org: OrgState, user: UserRec, appRef: string): void {
  const app = org.findApp(appRef);
  if (!app || !DIRECTORY_APPS.has(app.name)) throw seedError(`user ${user.profile.login}: importedFrom ${appRef} is not an AD or LDAP app of the org`);
  user.importedFrom = { appId: app.id, provider: { type: app.name === 'active_directory' ? 'ACTIVE_DIRECTORY' : 'LDAP', name: app.label } };
}

/** App names of directory integrations (AD, LDAP): the ones the Directories Integration API serves. */
export const DIRECTORY_APPS = new Set(['active_directory', 'ldap_sun_one']);

function addApp(org: OrgState, a: AppSeed, ts: string): void {
  const name = a.name ?? 'active_directory';
  const id = a.id ?? org.ids.next('0oa');
  // LDAP instances (ldap_sun_one) carry the same directory facts, import features and agents as AD here.
  const isAd = DIRECTORY_APPS.has(name);
  const rec: AppRec = {
    id, seq: org.nextSeq(id), name, label: a.label, status: a.status ?? 'ACTIVE', created: ts, lastUpdated: ts,
    signOnMode: a.signOnMode !== undefined ? a.signOnMode : isAd ? null : name === 'bookmark' ? 'BOOKMARK' : name === 'oidc_client' ? 'OPENID_CONNECT' : null,
    settingsApp: isAd
      ? { jitGroupsAcrossDomains: false, password: null, scanRate: null, searchOrgUnit: null, filterGroupsByOU: false,
          namingContext: a.namingContext ?? a.label, login: null, activationEmail: null }
      : name === 'bookmark' ? { requestIntegration: false, url: a.url ?? 'https://intranet.example.com' } : {},
    customSchema: {}, schemaLastUpdated: ts,
  };
  if (isAd) {
    rec.ad = { namingContext: a.namingContext ?? a.label, importOUs: a.importOUs ?? [], updateOUOnGroupChange: a.updateOUOnGroupChange ?? false };
  }
  for (const [k, v] of Object.entries(a.schema ?? {})) setOwnKey(rec.customSchema, k, { title: v.title ?? k, type: v.type ?? 'string', scope: 'NONE' });
  org.apps.set(id, rec);
}

function seedAppRelations(org: OrgState, a: AppSeed, ts: string): void {
  const app = org.findApp(a.id ?? a.label)!;
  const idx = org.assignmentIndex(app.id);
  let next = 0;
  for (const s of a.assignments ?? []) {
    const group = org.findGroup(s.group);
    if (!group) throw seedError(`app ${a.label}: assigned group ${s.group} not found`);
    const priority = s.priority ?? next;
    next = Math.max(next, priority + 1);
    idx.byGroup.set(group.id, { appId: app.id, groupId: group.id, seq: org.nextSeq(), priority, profile: { ...(s.profile ?? {}) }, lastUpdated: ts });
  }
  idx.resort();

  const userType = org.defaultUserType()!;
  if (app.ad || a.mapping) {
    const props: Record<string, MappingProperty> = {};
    const seedProps = a.mapping?.properties ?? {
      firstName: 'user.firstName', lastName: 'user.lastName', email: 'user.email',
    };
    for (const [k, v] of Object.entries(seedProps)) {
      const p: MappingPropertySeed = typeof v === 'string' ? { expression: v } : v;
      setOwnKey(props, k, { expression: p.expression, pushStatus: p.pushStatus ?? 'PUSH' });
      if (!app.ad && k !== 'userName' && !Object.hasOwn(app.customSchema, k)) setOwnKey(app.customSchema, k, { title: k, type: 'string', scope: 'NONE' });
    }
    const toApp = org.ids.next('prm');
    org.mappings.set(toApp, { id: toApp, seq: org.nextSeq(toApp), source: { id: userType.id, type: 'user' }, target: { id: app.id, type: 'appuser' }, properties: props });
    const fromApp = org.ids.next('prm');
    org.mappings.set(fromApp, {
      id: fromApp, seq: org.nextSeq(fromApp), source: { id: app.id, type: 'appuser' }, target: { id: userType.id, type: 'user' },
      properties: {
        firstName: { expression: 'appuser.firstName', pushStatus: 'DONT_PUSH' },
        lastName: { expression: 'appuser.lastName', pushStatus: 'DONT_PUSH' },
        email: { expression: 'appuser.email', pushStatus: 'DONT_PUSH' },
        login: { expression: 'appuser.userName', pushStatus: 'DONT_PUSH' },
      },
    });
  }

  for (const s of a.users ?? []) {
    const user = org.users.get(resolveUser(org, s.user, `app ${a.label}`))!;
    const rec = newAppUser(org, app, user, s.scope ?? 'USER', 'ACTIVE', 'DISABLED', { ...(s.profile ?? {}) });
    placeIndividual(org, app, user, rec);
    org.appUserMap(app.id).set(user.id, rec);
  }

  if (app.ad) {
    const agents = a.agents?.length ? a.agents : [{}];
    org.agents.set(app.id, agents.map((s, i) => ({
      id: org.ids.next('a53'), name: s.name ?? `DC${i + 1}-${app.label.split('.')[0].toUpperCase()}`, poolId: app.id,
      operationalStatus: s.operationalStatus ?? 'OPERATIONAL',
      lastConnection: Math.floor((Date.now() - (s.lastConnectionMinutesAgo ?? 1) * 60_000) / 1000) * 1000,
      version: s.version ?? '3.22.0',
    })));
  }

  // Okta keeps one user → app mapping per user type; the non-default ones last, so seeds without them keep their ids.
  if (app.ad || a.mapping) {
    for (const t of org.userTypes.values()) {
      if (t.default) continue;
      const props: Record<string, MappingProperty> = {};
      for (const [k, v] of Object.entries(a.userTypeMappings?.[t.name]?.properties ?? { firstName: 'user.firstName', lastName: 'user.lastName', email: 'user.email' })) {
        const p: MappingPropertySeed = typeof v === 'string' ? { expression: v } : v;
        setOwnKey(props, k, { expression: p.expression, pushStatus: p.pushStatus ?? 'PUSH' });
      }
      const id = org.ids.next('prm');
      org.mappings.set(id, { id, seq: org.nextSeq(id), source: { id: t.id, type: 'user' }, target: { id: app.id, type: 'appuser' }, properties: props });
    }
  }
  for (const n of Object.keys(a.userTypeMappings ?? {})) {
    if (![...org.userTypes.values()].some((t) => t.name === n && !t.default)) throw seedError(`app ${a.label}: userTypeMappings names ${n}, which is not a non-default user type of the org`);
  }

  for (const p of a.pushMappings ?? []) {
    const source = org.findGroup(p.sourceGroup);
    if (!source) throw seedError(`app ${a.label}: push group ${p.sourceGroup} not found`);
    const id = org.ids.next('gPm');
    const targetGroupId = org.ids.next('00g');
    org.pushMappings.set(id, { id, seq: org.nextSeq(id), appId: app.id, sourceGroupId: source.id, targetGroupId, status: p.status ?? 'ACTIVE', created: ts, lastUpdated: ts });
  }
}
