// Okta's own Node SDK (@okta/okta-sdk-nodejs, generated from the official spec) as an independent
// client of the local Okta: if the sandbox's wire format, paging or 429 headers drift from Okta's,
// this client breaks the way it would against a real org.
import { isolatedClient } from '../../bench/naive-sdk';
import { Client, type ApplicationGroupAssignment, type OktaApiError } from '@okta/okta-sdk-nodejs';
import { setAgents, startSandbox, type OrgSeed, type Sandbox } from '../../src/sandbox';

const APP = 'sdk.example.com';
const DN = 'DC=sdk,DC=example,DC=com';
const SDK_GROUPS = Array.from({ length: 45 }, (_, i) => `SDK ${String(i).padStart(2, '0')}`);
const USERS = ['ada', 'alan', 'grace'].map((first) => ({
  login: `${first}@sdk.example.com`, firstName: first[0].toUpperCase() + first.slice(1), lastName: 'Example', title: 'Engineer',
}));

const AD_USERS = ['edsger', 'barbara'].map((first) => ({
  login: `${first}@sdk.example.com`, firstName: first[0].toUpperCase() + first.slice(1), lastName: 'Imported', importedFrom: APP,
}));

const ORG: OrgSeed = {
  users: [...USERS, ...AD_USERS],
  groups: [
    { name: 'VPN Users', type: 'APP_GROUP', source: APP, dn: `CN=VPN Users,OU=Groups,${DN}`, members: [AD_USERS[0].login] },
    { name: 'Everyone', type: 'BUILT_IN', description: 'All users in your organization', members: USERS.map((u) => u.login) },
    ...SDK_GROUPS.map((name, i) => ({ name, description: `${name} team`, members: i === 0 ? [USERS[0].login] : [] })),
    { name: 'Unassigned', description: 'Not yet assigned', members: [USERS[1].login] },
  ],
  apps: [
    {
      label: APP, name: 'active_directory', namingContext: APP, importOUs: [`OU=Staff,${DN}`],
      updateOUOnGroupChange: true,
      // Priorities with gaps: Okta keeps them as sent (recorded terraform-provider-okta cassettes of app group assignments).
      assignments: SDK_GROUPS.map((group, i) => ({ group, priority: i * 2, profile: { organizationalUnit: `ou=staff,${DN.toLowerCase()}` } })),
      mapping: { properties: { firstName: 'user.firstName', lastName: 'user.lastName' } },
      users: [{ user: USERS[2].login, scope: 'USER' }],
    },
  ],
};

let sb: Sandbox;
let client: Client;
beforeAll(async () => {
  sb = await startSandbox({ org: ORG, seed: 3 });
  client = isolatedClient(sb.url, sb.token);
});

afterAll(async () => {
  await sb?.close();
});

const app = () => sb.org.findApp(APP)!;
const groupId = (name: string) => sb.org.findGroup(name)!.id;
const requestsTo = (p: string) => sb.audit.filter((e) => e.path === p);

/** Drains an SDK Collection (typed as yielding T | null; a null item would be an SDK parse failure). */
async function collect<T>(items: AsyncIterable<T | null>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    if (item === null) throw new Error('the SDK yielded a null item');
    out.push(item);
  }
  return out;
}

describe('the official Okta Node SDK against the local Okta', () => {
  it('lists 45 group assignments in pages of 20 by following Link next', async () => {
    const appId = app().id;
    const before = requestsTo(`/api/v1/apps/${appId}/groups`).length;
    const assignments = await collect(await client.applicationApi.listApplicationGroupAssignments({ appId, limit: 20 }));
    expect(assignments.map((a) => a.id)).toEqual(SDK_GROUPS.map(groupId));
    expect(assignments.map((a) => a.priority)).toEqual(SDK_GROUPS.map((_, i) => i * 2));
    expect((assignments[0].profile as Record<string, unknown>).organizationalUnit).toBe(`ou=staff,${DN.toLowerCase()}`);
    const pages = requestsTo(`/api/v1/apps/${appId}/groups`).slice(before);
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(pages[0].query.after).toBeUndefined();
    expect(pages[1].query.after).toBe(assignments[19].id);
    expect(pages[2].query.after).toBe(assignments[39].id);
  });

  it('assigns a group with priority and organizationalUnit (PUT), reprioritises it (PATCH), unassigns it (DELETE)', async () => {
    const appId = app().id;
    const gid = groupId('Unassigned');
    const ou = `ou=new hires,ou=staff,${DN.toLowerCase()}`;
    const created: ApplicationGroupAssignment = await client.applicationApi.assignGroupToApplication({
      appId, groupId: gid, applicationGroupAssignment: { priority: 1, profile: { organizationalUnit: ou } },
    });
    expect(created.id).toBe(gid);
    expect(created.priority).toBe(1);
    expect((created.profile as Record<string, unknown>).organizationalUnit).toBe(ou);
    expect(created._links?.group?.href).toBe(`${sb.url}/api/v1/groups/${gid}`);
    const stored = sb.org.assignmentsOf(APP).find((a) => a.groupId === gid);
    expect(stored).toMatchObject({ priority: 1, profile: { organizationalUnit: ou } });

    const readBack = await client.applicationApi.getApplicationGroupAssignment({ appId, groupId: gid });
    expect(readBack.priority).toBe(1);

    const patched = await client.applicationApi.updateGroupAssignmentToApplication({
      appId, groupId: gid, jsonPatchOperation: [{ op: 'replace', path: '/priority', value: 7 }],
    });
    expect(patched.priority).toBe(7);
    expect((patched.profile as Record<string, unknown>).organizationalUnit).toBe(ou);

    await client.applicationApi.unassignApplicationFromGroup({ appId, groupId: gid });
    expect(sb.org.assignmentsOf(APP).some((a) => a.groupId === gid)).toBe(false);
    expect(requestsTo(`/api/v1/apps/${appId}/groups/${gid}`).map((e) => `${e.method} ${e.status}`)).toEqual([
      'PUT 200', 'GET 200', 'PATCH 200', 'DELETE 204',
    ]);

    const gone = await client.applicationApi.getApplicationGroupAssignment({ appId, groupId: gid }).catch((e: OktaApiError) => e);
    expect(gone).toMatchObject({ status: 404, errorCode: 'E0000007' });
  });

  it('updates the Okta → app profile mapping and reads it back', async () => {
    const appId = app().id;
    const mappings = await collect(await client.profileMappingApi.listProfileMappings({ targetId: appId }));
    expect(mappings).toHaveLength(1);
    const mappingId = mappings[0].id!;
    expect(mappings[0].target?.id).toBe(appId);

    const updated = await client.profileMappingApi.updateProfileMapping({
      mappingId,
      profileMapping: { properties: { title: { expression: 'user.title', pushStatus: 'PUSH' } } },
    });
    expect(updated.properties?.title).toMatchObject({ expression: 'user.title', pushStatus: 'PUSH' });

    const readBack = await client.profileMappingApi.getProfileMapping({ mappingId });
    expect(Object.keys(readBack.properties ?? {}).sort()).toEqual(['firstName', 'lastName', 'title']);
    expect(sb.org.mappingFor(APP)?.properties.title).toEqual({ expression: 'user.title', pushStatus: 'PUSH' });
  });

  it('reads the AD app user schema and the default user type\'s schema', async () => {
    const appSchema = await client.schemaApi.getApplicationUserSchema({ appInstanceId: app().id });
    // The SDK's models keep only the base properties its generated types name.
    expect(appSchema.name).toBe('active_directory');
    expect(Object.keys(appSchema.definitions?.base?.properties ?? {})).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName']));
    const userSchema = await client.schemaApi.getUserSchema({ schemaId: 'default' });
    expect(userSchema.name).toBe('user');
    expect(Object.keys(userSchema.definitions?.base?.properties ?? {})).toEqual(expect.arrayContaining(['login', 'email', 'firstName', 'lastName']));
  });

  it('lists the app users', async () => {
    const users = await collect(await client.applicationApi.listApplicationUsers({ appId: app().id }));
    const expected = sb.org.appUsersOf(APP);
    expect(users.map((u) => u.id).sort()).toEqual(expected.map((u) => u.userId).sort());
    expect(users.length).toBeGreaterThan(0);
    const individual = users.find((u) => u.id === sb.org.findUser(USERS[2].login)!.id);
    expect(individual?.scope).toBe('USER');
  });

  it('searches groups by name', async () => {
    const found = await collect(await client.groupApi.listGroups({ search: 'profile.name eq "SDK 07"' }));
    expect(found.map((g) => g.profile?.name)).toEqual(['SDK 07']);
    expect(found[0].id).toBe(groupId('SDK 07'));
  });

  it('waits out a 429 using X-Rate-Limit-Reset and Date, then succeeds', async () => {
    const backoffs: Array<{ delayMs: number; reset: number; date: number }> = [];
    const onBackoff = (_req: unknown, res: { headers: { get(name: string): string | null } }, _id: string, delayMs: number) => {
      backoffs.push({
        delayMs,
        reset: Number(res.headers.get('x-rate-limit-reset')),
        date: Date.parse(res.headers.get('date') ?? '') / 1000,
      });
    };
    const executor = client.requestExecutor as unknown as NodeJS.EventEmitter;
    executor.on('backoff', onBackoff);
    // resetSeconds 0: the reset epoch is the next whole second, i.e. Date + 1 s; the SDK waits
    // (reset - Date) + 1 s, so about 2 s.
    sb.faults.add({ kind: 'rateLimit', method: 'GET', path: '/api/v1/groups', count: 1, resetSeconds: 0 });
    try {
      const before = requestsTo('/api/v1/groups').length;
      const found = await collect(await client.groupApi.listGroups({ search: 'profile.name eq "SDK 01"' }));
      expect(found.map((g) => g.profile?.name)).toEqual(['SDK 01']);
      expect(requestsTo('/api/v1/groups').slice(before).map((e) => e.status)).toEqual([429, 200]);
      expect(backoffs).toHaveLength(1);
      const [b] = backoffs;
      expect(b.delayMs).toBe((b.reset - b.date) * 1000 + 1000);
      expect(b.reset - b.date).toBeLessThanOrEqual(1);
    } finally {
      executor.off('backoff', onBackoff);
      sb.faults.clear();
    }
  });

  it('adds and removes AD group members through the Directories Integration API, and reads the agent errors', async () => {
    const appInstanceId = app().id;
    const vpn = sb.org.findGroup('VPN Users')!;
    const [edsger, barbara] = AD_USERS.map((u) => sb.org.findUser(u.login)!.id);
    const members = async () => (await collect(await client.groupApi.listGroupUsers({ groupId: vpn.id }))).map((u) => u.id).sort();
    await client.directoriesIntegrationApi.updateGroupMembership({
      appInstanceId, agentAction: { id: vpn.id, parameters: { action: 'ADD', attribute: 'member', values: [barbara] } },
    });
    expect(await members()).toEqual([edsger, barbara].sort());
    const users = await collect(await client.groupApi.listGroupUsers({ groupId: vpn.id }));
    expect(users.map((u) => u.credentials?.provider)).toEqual([{ type: 'ACTIVE_DIRECTORY', name: APP }, { type: 'ACTIVE_DIRECTORY', name: APP }]);
    await client.directoriesIntegrationApi.updateGroupMembership({
      appInstanceId, agentAction: { id: vpn.id, parameters: { action: 'REMOVE', attribute: 'member', values: [edsger] } },
    });
    expect(await members()).toEqual([barbara]);

    const send = () => client.directoriesIntegrationApi.updateGroupMembership({
      appInstanceId, agentAction: { id: vpn.id, parameters: { action: 'ADD', attribute: 'member', values: [edsger] } },
    }).then(() => undefined, (e: OktaApiError) => e);
    try {
      setAgents(sb.org, APP, 'disconnected');
      expect(await send()).toMatchObject({ status: 502, errorSummary: 'There are no connected agents' });
      setAgents(sb.org, APP, 'unresponsive');
      expect(await send()).toMatchObject({ status: 504, errorSummary: 'Timed out waiting for agent' });
    } finally {
      setAgents(sb.org, APP, 'up');
    }
    expect(await members()).toEqual([barbara]);
    const notImported = await client.directoriesIntegrationApi.updateGroupMembership({
      appInstanceId, agentAction: { id: vpn.id, parameters: { action: 'ADD', attribute: 'member', values: [sb.org.findUser(USERS[0].login)!.id] } },
    }).then(() => undefined, (e: OktaApiError) => e);
    expect(notImported).toMatchObject({ status: 400, errorCode: 'E0000001' });
    expect(await members()).toEqual([barbara]);
  });
});
