// Every kind of response the local Okta gives — success and error — validated against the official
// Okta Management API spec (okta-spec-subset.json), allowing only the recorded deviations in
// deviations.ts. Real HTTP against the sandbox on 127.0.0.1:0.
import * as net from 'node:net';
import { request } from 'undici';
import { DEMO_ORG, setAgents, startSandbox, type OrgSeed, type Sandbox } from '../../src/sandbox';
import { buildRouter } from '../../src/sandbox/routes';
import { DEVIATIONS, checkResponse, type ToleratedNull } from './deviations';
import { fetchAccessToken, newServiceApp } from './oauth';
import { describeError, matchTemplate, operations } from './openapi';

interface Res {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

const PAGED_APP = 'paged.example.com';
const PAGED_GROUPS = Array.from({ length: 25 }, (_, i) => `Paged ${String(i).padStart(2, '0')}`);

// The demo org plus a few things the demo lacks: a group without description, a user type without
// description, an app with more assignments than one page holds.
const ORG: OrgSeed = {
  ...DEMO_ORG,
  users: [...(DEMO_ORG.users ?? []), { login: 'ad.imported@corp.example.com', firstName: 'Ad', lastName: 'Imported', importedFrom: 'corp.example.com' }],
  groups: [
    ...(DEMO_ORG.groups ?? []),
    { name: 'No Description', members: [] },
    ...PAGED_GROUPS.map((name) => ({ name, description: `${name} team` })),
  ],
  apps: [
    ...(DEMO_ORG.apps ?? []),
    {
      label: PAGED_APP, name: 'active_directory', namingContext: PAGED_APP,
      importOUs: ['OU=Staff,DC=paged,DC=example,DC=com'],
      assignments: PAGED_GROUPS.map((group, priority) => ({
        group, priority, profile: { organizationalUnit: 'ou=staff,dc=paged,dc=example,dc=com' },
      })),
      pushMappings: [{ sourceGroup: PAGED_GROUPS[0] }],
    },
  ],
  userTypes: [
    { name: 'user', displayName: 'User', default: true },
    { name: 'contractor', displayName: 'Contractor', description: null, schema: { costCentre: { title: 'Cost centre' } } },
  ],
};

let sb: Sandbox;
const covered = new Set<string>();
const tolerated = new Map<string, ToleratedNull>();

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; auth?: string | null; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const auth = opts.auth === undefined ? `SSWS ${sb.token}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (opts.rawBody !== undefined || opts.body !== undefined) {
    body = opts.rawBody ?? JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await request(`${sb.url}${path}`, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  return {
    method, path, status: res.statusCode, headers: res.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Validates the response against the spec; returns it for further assertions. */
function conforms(res: Res, expectedStatus: number): Res {
  const pathname = new URL(res.path, 'http://x').pathname;
  const template = matchTemplate(pathname);
  if (!template) throw new Error(`${res.path} is not in the spec subset`);
  expect({ request: `${res.method} ${res.path}`, status: res.status }).toEqual({
    request: `${res.method} ${res.path}`, status: expectedStatus,
  });
  const result = checkResponse(res.method, template, res.status, res.body);
  expect({ request: `${res.method} ${res.path} → ${res.status}`, errors: result.errors.map(describeError) }).toEqual({
    request: `${res.method} ${res.path} → ${res.status}`, errors: [],
  });
  covered.add(`${res.method} ${template} ${res.status}`);
  for (const t of result.tolerated) tolerated.set(t.deviation, t);
  return res;
}

/** The {pattern, methods} list the sandbox's router dispatches on (router internals, read-only). */
function servedRoutes(): Array<{ route: { pattern: string; methods: Record<string, { scopes: string[] }> } }> {
  return (buildRouter() as unknown as { routes: ReturnType<typeof servedRoutes> }).routes;
}

function linkRels(res: Res): Record<string, string> {
  const raw = res.headers.link;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out: Record<string, string> = {};
  for (const v of values.flatMap((x) => x.split(/,(?=\s*<)/))) {
    const m = /<([^>]+)>;\s*rel="([^"]+)"/.exec(v.trim());
    if (m) out[m[2]] = m[1];
  }
  return out;
}

function relative(url: string): string {
  const u = new URL(url);
  expect(u.origin).toBe(sb.url);
  return u.pathname + u.search;
}

function expectOktaError(res: Res, code: string): void {
  expect(res.body).toMatchObject({ errorCode: code, errorLink: code, errorCauses: expect.any(Array) });
  expect(res.body.errorId).toMatch(/^oae[A-Za-z0-9_-]{22}$/);
}

beforeAll(async () => {
  sb = await startSandbox({ org: ORG, seed: 7 });
});

afterAll(async () => {
  await sb?.close();
});

const corp = () => sb.org.findApp('corp.example.com')!;
const paged = () => sb.org.findApp(PAGED_APP)!;
const group = (name: string) => sb.org.findGroup(name)!;

describe('apps', () => {
  it('GET /api/v1/apps, pages with Link self/next', async () => {
    const first = conforms(await call('GET', '/api/v1/apps?limit=2'), 200);
    expect(first.body).toHaveLength(2);
    const rels = linkRels(first);
    expect(Object.keys(rels).sort()).toEqual(['next', 'self']);
    let next: string | undefined = rels.next;
    const ids = first.body.map((a: { id: string }) => a.id);
    while (next) {
      const page = conforms(await call('GET', relative(next)), 200);
      ids.push(...page.body.map((a: { id: string }) => a.id));
      next = linkRels(page).next;
    }
    expect(new Set(ids).size).toBe(sb.org.apps.size);
  });

  it('GET /api/v1/apps with the AD filter and q', async () => {
    const ad = conforms(await call('GET', `/api/v1/apps?filter=${encodeURIComponent('name eq "active_directory"')}`), 200);
    expect(ad.body.map((a: { label: string }) => a.label).sort()).toEqual(['corp.example.com', 'emea.example.com', PAGED_APP]);
    expect(ad.body.every((a: { signOnMode: unknown }) => a.signOnMode === null)).toBe(true);
    conforms(await call('GET', '/api/v1/apps?q=Intra'), 200);
  });

  it('GET /api/v1/apps/{appId} for AD, bookmark and OIDC apps', async () => {
    for (const label of ['corp.example.com', 'Intranet', 'Expenses']) {
      const res = conforms(await call('GET', `/api/v1/apps/${sb.org.findApp(label)!.id}`), 200);
      expect(res.body.label).toBe(label);
    }
  });
});

describe('app group assignments', () => {
  it('GET list pages through Link next (limit 20)', async () => {
    const first = conforms(await call('GET', `/api/v1/apps/${paged().id}/groups?limit=20`), 200);
    expect(first.body).toHaveLength(20);
    const next = linkRels(first).next;
    expect(next).toBeDefined();
    const second = conforms(await call('GET', relative(next)), 200);
    expect(second.body).toHaveLength(PAGED_GROUPS.length - 20);
    expect(linkRels(second).next).toBeUndefined();
  });

  it('GET list with expand=group and q', async () => {
    const res = conforms(await call('GET', `/api/v1/apps/${corp().id}/groups?expand=group`), 200);
    expect(res.body[0]._embedded?.group?.id).toBe(res.body[0].id);
    conforms(await call('GET', `/api/v1/apps/${corp().id}/groups?q=Eng`), 200);
  });

  it('GET, PUT, PATCH and DELETE one assignment', async () => {
    const appId = corp().id;
    const groupId = group('Support').id;
    const put = conforms(
      await call('PUT', `/api/v1/apps/${appId}/groups/${groupId}`, {
        body: { priority: 5, profile: { organizationalUnit: 'ou=support,ou=employees,dc=corp,dc=example,dc=com' } },
      }),
      200,
    );
    expect(put.body).toMatchObject({ id: groupId, priority: 5 });
    conforms(await call('GET', `/api/v1/apps/${appId}/groups/${groupId}`), 200);
    const patched = conforms(
      await call('PATCH', `/api/v1/apps/${appId}/groups/${groupId}`, {
        body: [{ op: 'replace', path: '/priority', value: 6 }],
      }),
      200,
    );
    expect(patched.body.priority).toBe(6);
    conforms(await call('DELETE', `/api/v1/apps/${appId}/groups/${groupId}`), 204);
    expectOktaError(conforms(await call('GET', `/api/v1/apps/${appId}/groups/${groupId}`), 404), 'E0000007');
  });

  it('400 E0000001 for an invalid assignment body, E0000003 for malformed JSON', async () => {
    const url = `/api/v1/apps/${corp().id}/groups/${group('Support').id}`;
    expectOktaError(conforms(await call('PUT', url, { body: { priority: 'first' } }), 400), 'E0000001');
    expectOktaError(conforms(await call('PUT', url, { rawBody: '{"priority":' }), 400), 'E0000003');
  });

  it('404 E0000007 for an unknown app', async () => {
    expectOktaError(conforms(await call('GET', '/api/v1/apps/0oaNOPE000000000000/groups'), 404), 'E0000007');
    expectOktaError(conforms(await call('GET', '/api/v1/apps/0oaNOPE000000000000'), 404), 'E0000007');
  });
});

describe('app users', () => {
  it('GET list and one, POST assign and update', async () => {
    const appId = corp().id;
    const list = conforms(await call('GET', `/api/v1/apps/${appId}/users?limit=5`), 200);
    expect(list.body.length).toBeGreaterThan(0);
    conforms(await call('GET', `/api/v1/apps/${appId}/users/${list.body[0].id}`), 200);
    const newcomer = sb.org.findUser('donald.knuth@example.com')!;
    const assigned = conforms(
      await call('POST', `/api/v1/apps/${appId}/users`, { body: { id: newcomer.id, scope: 'USER' } }),
      200,
    );
    expect(assigned.body).toMatchObject({ id: newcomer.id, scope: 'USER' });
    conforms(
      await call('POST', `/api/v1/apps/${appId}/users/${newcomer.id}`, { body: { profile: { title: 'Support Lead' } } }),
      200,
    );
    expectOktaError(conforms(await call('GET', `/api/v1/apps/${appId}/users/00uNOPE00000000000`), 404), 'E0000007');
  });
});

describe('groups', () => {
  it('GET /api/v1/groups with search, q, filter and limit', async () => {
    const search = conforms(
      await call('GET', `/api/v1/groups?search=${encodeURIComponent('profile.name eq "Engineering"')}`),
      200,
    );
    expect(search.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Engineering']);
    const q = conforms(await call('GET', '/api/v1/groups?q=No%20Desc'), 200);
    expect(q.body[0].profile.description).toBeNull();
    expect(q.headers.link).toBeUndefined();
    conforms(await call('GET', `/api/v1/groups?filter=${encodeURIComponent('type eq "APP_GROUP"')}`), 200);
    const page = conforms(await call('GET', '/api/v1/groups?limit=3'), 200);
    expect(page.body).toHaveLength(3);
    expect(linkRels(page).next).toBeDefined();
    conforms(await call('GET', relative(linkRels(page).next)), 200);
  });

  it('GET one group (OKTA_GROUP, APP_GROUP, BUILT_IN) and its members', async () => {
    for (const name of ['Engineering', 'Domain Users', 'Everyone', 'No Description']) {
      conforms(await call('GET', `/api/v1/groups/${group(name).id}`), 200);
    }
    const members = conforms(await call('GET', `/api/v1/groups/${group('Engineering').id}/users`), 200);
    expect(members.body).toHaveLength(group('Engineering').members.size);
    expectOktaError(conforms(await call('GET', '/api/v1/groups/00gNOPE00000000000'), 404), 'E0000007');
    expectOktaError(conforms(await call('GET', '/api/v1/groups/00gNOPE00000000000/users'), 404), 'E0000007');
  });

  it('PUT and DELETE /api/v1/groups/{groupId}/users/{userId}', async () => {
    const path = `/api/v1/groups/${group('Interns').id}/users/${sb.org.findUser('karen.jones@example.com')!.id}`;
    conforms(await call('PUT', path, { body: {} }), 204);
    expect(group('Interns').members.has(sb.org.findUser('karen.jones@example.com')!.id)).toBe(true);
    conforms(await call('DELETE', path), 204);
    expectOktaError(conforms(await call('PUT', `/api/v1/groups/00gNOPE00000000000/users/${sb.org.findUser('karen.jones@example.com')!.id}`, { body: {} }), 404), 'E0000007');
    const appGroup = `/api/v1/groups/${group('Domain Users').id}/users/${sb.org.findUser('karen.jones@example.com')!.id}`;
    expectOktaError(conforms(await call('PUT', appGroup, { body: {} }), 400), 'E0000001');
  });

  it('GET /api/v1/groups/{groupId}/apps', async () => {
    const res = conforms(await call('GET', `/api/v1/groups/${group('Engineering').id}/apps`), 200);
    expect(res.body.map((a: { label: string }) => a.label)).toContain('corp.example.com');
    expectOktaError(conforms(await call('GET', '/api/v1/groups/00gNOPE00000000000/apps'), 404), 'E0000007');
  });
});

describe('profile mappings', () => {
  it('GET list (by sourceId/targetId), GET one, POST update', async () => {
    const all = conforms(await call('GET', '/api/v1/mappings'), 200);
    expect(all.body.every((m: object) => !('properties' in m))).toBe(true);
    const mapping = sb.org.mappingFor('corp.example.com')!;
    conforms(await call('GET', `/api/v1/mappings?targetId=${corp().id}`), 200);
    conforms(await call('GET', `/api/v1/mappings?sourceId=${mapping.source.id}&limit=1`), 200);
    const one = conforms(await call('GET', `/api/v1/mappings/${mapping.id}`), 200);
    expect(one.body.properties.dn).toBeDefined();
    const updated = conforms(
      await call('POST', `/api/v1/mappings/${mapping.id}`, { body: { properties: { dn: null } } }),
      200,
    );
    expect(updated.body.properties.dn).toBeUndefined();
  });

  it('400 E0000001 for an unknown target property, 404 for an unknown mapping', async () => {
    const mapping = sb.org.mappingFor('corp.example.com')!;
    const bad = conforms(
      await call('POST', `/api/v1/mappings/${mapping.id}`, {
        body: { properties: { noSuchAttribute: { expression: 'user.login', pushStatus: 'PUSH' } } },
      }),
      400,
    );
    expectOktaError(bad, 'E0000001');
    expectOktaError(conforms(await call('GET', '/api/v1/mappings/prmNOPE00000000000'), 404), 'E0000007');
  });
});

describe('meta, agents, push mappings, logs', () => {
  it('GET /api/v1/meta/types/user', async () => {
    const res = conforms(await call('GET', '/api/v1/meta/types/user'), 200);
    expect(res.body.some((t: { description: unknown }) => t.description === null)).toBe(true);
  });

  it('GET /api/v1/meta/schemas/apps/{appId}/default', async () => {
    conforms(await call('GET', `/api/v1/meta/schemas/apps/${corp().id}/default`), 200);
    expectOktaError(conforms(await call('GET', '/api/v1/meta/schemas/apps/0oaNOPE000000000000/default'), 404), 'E0000007');
  });

  it('GET /api/v1/meta/schemas/user/{schemaId}: default, a user type\'s schema by its link, unknown', async () => {
    conforms(await call('GET', '/api/v1/meta/schemas/user/default'), 200);
    const types = await call('GET', '/api/v1/meta/types/user');
    const contractor = types.body.find((t: { name: string }) => t.name === 'contractor');
    const res = conforms(await call('GET', new URL(contractor._links.schema.href).pathname), 200);
    expect(Object.keys(res.body.definitions.custom.properties)).toEqual(['costCentre']);
    expectOktaError(conforms(await call('GET', '/api/v1/meta/schemas/user/oscNOPE000000000000'), 404), 'E0000007');
  });

  it('GET /api/v1/agentPools?poolType=AD', async () => {
    const res = conforms(await call('GET', '/api/v1/agentPools?poolType=AD'), 200);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('GET /api/v1/apps/{appId}/group-push/mappings', async () => {
    const res = conforms(await call('GET', `/api/v1/apps/${paged().id}/group-push/mappings`), 200);
    expect(res.body).toHaveLength(1);
  });

  it('GET /api/v1/logs', async () => {
    const res = conforms(await call('GET', '/api/v1/logs?limit=5'), 200);
    expect(res.body.length).toBeGreaterThan(0);
    const failures = conforms(await call('GET', `/api/v1/logs?filter=${encodeURIComponent('outcome.result eq "FAILURE"')}`), 200);
    expect(failures.body.some((e: { outcome: { reason?: string } }) => /import OU/.test(e.outcome.reason ?? ''))).toBe(true);
  });
});

describe('every object of the seeded org', () => {
  it('each app, its assignments (plain, expand=group, expand=metadata), users (plain, expand=user) and schema', async () => {
    for (const app of sb.org.apps.values()) {
      conforms(await call('GET', `/api/v1/apps/${app.id}`), 200);
      for (const expand of ['', '&expand=group', '&expand=metadata']) {
        conforms(await call('GET', `/api/v1/apps/${app.id}/groups?limit=200${expand}`), 200);
      }
      for (const expand of ['', '&expand=user']) {
        const users = conforms(await call('GET', `/api/v1/apps/${app.id}/users?limit=500${expand}`), 200);
        for (const u of users.body.slice(0, 3)) conforms(await call('GET', `/api/v1/apps/${app.id}/users/${u.id}`), 200);
      }
      conforms(await call('GET', `/api/v1/meta/schemas/apps/${app.id}/default`), 200);
    }
    const syncStates = new Set(sb.org.appUsersOf('corp.example.com').map((u) => u.syncState));
    expect(syncStates.has('ERROR')).toBe(true); // the demo's non-import OU produces failed app users
  });

  it('each group (plain and expand=stats) with its members, each mapping', async () => {
    for (const g of sb.org.groups.values()) {
      conforms(await call('GET', `/api/v1/groups/${g.id}`), 200);
      conforms(await call('GET', `/api/v1/groups/${g.id}?expand=stats`), 200);
      conforms(await call('GET', `/api/v1/groups/${g.id}/users`), 200);
    }
    conforms(await call('GET', '/api/v1/groups?limit=200&expand=stats'), 200);
    for (const m of sb.org.mappings.values()) conforms(await call('GET', `/api/v1/mappings/${m.id}`), 200);
  });
});

describe('users and user types', () => {
  it('GET /api/v1/users/{id} and /api/v1/meta/types/user/{typeId}', async () => {
    const user = sb.org.findUser('ada.lovelace@example.com')!;
    const res = conforms(await call('GET', `/api/v1/users/${user.id}`), 200);
    expect(res.body.profile.login).toBe('ada.lovelace@example.com');
    expectOktaError(conforms(await call('GET', '/api/v1/users/00uNOPE00000000000'), 404), 'E0000007');
    for (const type of sb.org.userTypes.values()) {
      conforms(await call('GET', `/api/v1/meta/types/user/${type.id}`), 200);
    }
    expectOktaError(conforms(await call('GET', '/api/v1/meta/types/user/otyNOPE00000000000'), 404), 'E0000007');
  });

  it('GET /api/v1/users?search= and /api/v1/users/{id}/groups', async () => {
    const user = sb.org.findUser('ada.lovelace@example.com')!;
    const found = conforms(await call('GET', `/api/v1/users?search=${encodeURIComponent('profile.email eq "ada.lovelace@example.com"')}`), 200);
    expect(found.body.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const groups = conforms(await call('GET', `/api/v1/users/${user.id}/groups`), 200);
    expect(groups.body.map((g: { id: string }) => g.id).sort()).toEqual([...(sb.org.userGroups.get(user.id) ?? [])].sort());
    expectOktaError(conforms(await call('GET', '/api/v1/users/00uNOPE00000000000/groups'), 404), 'E0000007');
  });

  it('DELETE /api/v1/apps/{appId}/users/{userId}', async () => {
    const appId = corp().id;
    const user = sb.org.findUser('edsger.dijkstra@example.com')!;
    conforms(await call('POST', `/api/v1/apps/${appId}/users`, { body: { id: user.id, scope: 'USER' } }), 200);
    conforms(await call('DELETE', `/api/v1/apps/${appId}/users/${user.id}`), 204);
    expectOktaError(conforms(await call('DELETE', `/api/v1/apps/${appId}/users/${user.id}`), 404), 'E0000007');
  });
});

describe('parameter and body errors', () => {
  it('400 E0000029 for an invalid after cursor', async () => {
    for (const path of ['/api/v1/apps?after=garbage', '/api/v1/mappings?after=garbage']) {
      expectOktaError(conforms(await call('GET', path), 400), 'E0000029');
    }
  });

  it('400 E0000001 for invalid query parameters', async () => {
    const appId = corp().id;
    for (const path of [
      '/api/v1/apps?limit=abc',
      `/api/v1/apps?filter=${encodeURIComponent('bogus')}`,
      `/api/v1/groups?search=${encodeURIComponent('bogus')}`,
      `/api/v1/apps/${appId}/groups?limit=1`,
      `/api/v1/apps/${appId}/groups?expand=bogus`,
      `/api/v1/logs?filter=${encodeURIComponent('bogus')}`,
    ]) {
      expectOktaError(conforms(await call('GET', path), 400), 'E0000001');
    }
  });

  it('400 E0000001 for invalid bodies; 404 for unknown referenced ids', async () => {
    const appId = corp().id;
    const assigned = `/api/v1/apps/${appId}/groups/${group('Engineering').id}`;
    expectOktaError(conforms(await call('PATCH', assigned, { body: [{ op: 'add', path: '/priority', value: 1 }] }), 400), 'E0000001');
    expectOktaError(conforms(await call('PATCH', assigned, { body: { op: 'replace' } }), 400), 'E0000001');
    expectOktaError(conforms(await call('POST', `/api/v1/apps/${appId}/users`, { body: { scope: 'USER' } }), 400), 'E0000001');
    const mapping = sb.org.mappingFor('corp.example.com')!;
    expectOktaError(
      conforms(await call('POST', `/api/v1/mappings/${mapping.id}`, {
        body: { properties: { firstName: { expression: 'user.firstName', pushStatus: 'SOMETIMES' } } },
      }), 400),
      'E0000001',
    );
    expectOktaError(conforms(await call('PUT', `/api/v1/apps/${appId}/groups/00gNOPE00000000000`, { body: {} }), 404), 'E0000007');
    expectOktaError(conforms(await call('POST', `/api/v1/apps/${appId}/users`, { body: { id: '00uNOPE00000000000', scope: 'USER' } }), 404), 'E0000007');
  });

  it('411 for a PUT without a body or Content-Length', async () => {
    const path = `/api/v1/apps/${corp().id}/groups/${group('Support').id}`;
    const { port, hostname, host } = new URL(sb.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(`PUT ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: SSWS ${sb.token}\r\nAccept: application/json\r\nConnection: close\r\n\r\n`);
      });
      let buf = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (buf += d));
      socket.on('end', () => resolve(buf));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    conforms({ method: 'PUT', path, status, headers: {}, body: JSON.parse(body) }, 411);
  });
});

describe('directories integration (AD group membership)', () => {
  const modify = () => `/api/v1/directories/${corp().id}/groups/modify`;
  const body = (action: string, values: string[], id = group('Domain Users').id) => ({ id, parameters: { action, attribute: 'member', values } });
  const imported = () => sb.org.findUser('ad.imported@corp.example.com')!;

  it('POST ADD and REMOVE answer 200 without a body; the group members show the change', async () => {
    const res = conforms(await call('POST', modify(), { body: body('ADD', [imported().id]) }), 200);
    expect(res.body).toBeUndefined();
    const members = conforms(await call('GET', `/api/v1/groups/${group('Domain Users').id}/users`), 200);
    expect(members.body.map((u: { id: string }) => u.id)).toContain(imported().id);
    expect(members.body.find((u: { id: string }) => u.id === imported().id).credentials.provider).toEqual({ type: 'ACTIVE_DIRECTORY', name: 'corp.example.com' });
    conforms(await call('POST', modify(), { body: body('REMOVE', [imported().id]) }), 200);
    expect(group('Domain Users').members.has(imported().id)).toBe(false);
  });

  it('400 E0000001 for an invalid body, a group or user not imported through the integration; nothing changes', async () => {
    const before = [...group('Domain Users').members];
    const notImported = sb.org.findUser('ada.lovelace@example.com')!.id;
    for (const b of [null, {}, { id: group('Domain Users').id }, body('MOVE', [imported().id]), body('ADD', [5 as unknown as string]),
      { id: group('Domain Users').id, parameters: { action: 'ADD', attribute: 'uniqueMember', values: [imported().id] } },
      body('ADD', [imported().id, notImported]), body('ADD', [imported().id], group('Engineering').id)]) {
      expectOktaError(conforms(await call('POST', modify(), { body: b }), 400), 'E0000001');
    }
    expect([...group('Domain Users').members]).toEqual(before);
  });

  it('404 for an unknown app or group; 502 with no connected agent, 504 when the agent does not answer', async () => {
    expectOktaError(conforms(await call('POST', '/api/v1/directories/0oanope/groups/modify', { body: body('ADD', [imported().id]) }), 404), 'E0000007');
    expectOktaError(conforms(await call('POST', modify(), { body: body('ADD', [imported().id], '00gnope') }), 404), 'E0000007');
    try {
      setAgents(sb.org, 'corp.example.com', 'disconnected');
      const down = conforms(await call('POST', modify(), { body: body('ADD', [imported().id]) }), 502);
      expect(down.body.errorSummary).toBe('There are no connected agents');
      setAgents(sb.org, 'corp.example.com', 'unresponsive');
      const slow = conforms(await call('POST', modify(), { body: body('ADD', [imported().id]) }), 504);
      expect(slow.body.errorSummary).toBe('Timed out waiting for agent');
    } finally {
      setAgents(sb.org, 'corp.example.com', 'up');
    }
    expect(group('Domain Users').members.has(imported().id)).toBe(false);
  });
});

describe('odd query parameters on every list', () => {
  // Whatever a client sends, the answer is a documented response: a page, or an Okta 4xx error body.
  const ODD = [
    'limit=-1', 'limit=0', 'limit=100000', 'limit=1.5', 'after=', 'after=%00', 'q=', 'q=%22', 'q=%25', 'filter=',
    'filter=name%20eq', 'search=', 'search=profile.name%20eq%20', 'expand=', 'expand=group,metadata', 'since=notadate',
    'until=x', 'sortOrder=SIDEWAYS', 'sortBy=nope', 'poolType=XX', 'limitPerPoolType=abc', 'sourceId=nope', 'targetId=',
  ];

  it('answers each with a conforming 200 or 4xx, never a 5xx', async () => {
    const lists = [
      '/api/v1/apps', `/api/v1/apps/${corp().id}/groups`, `/api/v1/apps/${corp().id}/users`,
      `/api/v1/apps/${corp().id}/group-push/mappings`, '/api/v1/groups', `/api/v1/groups/${group('Engineering').id}/users`,
      `/api/v1/groups/${group('Engineering').id}/apps`, '/api/v1/mappings', '/api/v1/meta/types/user', '/api/v1/agentPools',
      '/api/v1/logs',
    ];
    const statuses = new Set<number>();
    for (const list of lists) {
      for (const param of ODD) {
        const res = await call('GET', `${list}?${param}`);
        expect({ request: `GET ${list}?${param}`, serverError: res.status >= 500 }).toEqual({
          request: `GET ${list}?${param}`, serverError: false,
        });
        conforms(res, res.status);
        statuses.add(res.status);
      }
    }
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400]));
  });
});

describe('odd request bodies on every write', () => {
  it('answers each with a conforming 200 or 4xx, never a 5xx', async () => {
    const assignment = `/api/v1/apps/${paged().id}/groups/${group(PAGED_GROUPS[24]).id}`;
    const mapping = `/api/v1/mappings/${sb.org.mappingFor(PAGED_APP)!.id}`;
    const member = sb.org.findUser('ada.lovelace@example.com')!.id;
    const writes: Array<[string, string, string]> = [
      ['PUT', assignment, '[]'], ['PUT', assignment, 'null'], ['PUT', assignment, '"x"'], ['PUT', assignment, '{"priority":-5}'],
      ['PUT', assignment, '{"priority":1.5}'], ['PUT', assignment, '{"profile":"x"}'], ['PUT', assignment, '{"profile":null}'],
      ['PATCH', assignment, '[{"op":"remove","path":"/priority"}]'], ['PATCH', assignment, '[null]'], ['PATCH', assignment, 'null'],
      ['PATCH', assignment, '[{"op":"replace","path":"/nope","value":1}]'], ['PATCH', assignment, '[]'],
      ['POST', mapping, 'null'], ['POST', mapping, '{"properties":null}'], ['POST', mapping, '{"properties":{"firstName":"x"}}'],
      ['POST', mapping, '[]'], ['POST', mapping, '{"properties":{"firstName":{"expression":null,"pushStatus":null}}}'],
      ['POST', `/api/v1/apps/${paged().id}/users`, 'null'], ['POST', `/api/v1/apps/${paged().id}/users`, '{"id":5}'],
      ['POST', `/api/v1/apps/${paged().id}/users`, `{"id":"${member}","scope":"EVERYONE"}`],
      ['POST', `/api/v1/apps/${corp().id}/users/${member}`, '{"profile":"x"}'],
      ['POST', `/api/v1/apps/${corp().id}/users/${member}`, '{not json'],
    ];
    for (const [method, path, rawBody] of writes) {
      const res = await call(method, path, { rawBody });
      expect({ request: `${method} ${path} ${rawBody}`, serverError: res.status >= 500 }).toEqual({
        request: `${method} ${path} ${rawBody}`, serverError: false,
      });
      conforms(res, res.status);
    }
  });
});

describe('server-side failures (fault injection)', () => {
  it.each([
    [500, '/api/v1/apps'],
    [502, '/api/v1/groups'],
    [504, '/api/v1/mappings'],
  ])('%i on GET %s has Okta\'s error body', async (status, path) => {
    sb.faults.add({ kind: 'status', status, method: 'GET', path, count: 1 });
    try {
      const res = conforms(await call('GET', path), status);
      expect(res.body.errorCode).toMatch(/^E\d{7}$/);
    } finally {
      sb.faults.clear();
    }
  });
});

describe('rate limits from the limiter itself', () => {
  it('429 E0000047 when a bucket is exhausted and when too many requests are in flight', async () => {
    const small = await startSandbox({ org: ORG, seed: 8, rateLimits: { '/api/v1/groups': 1 }, concurrencyLimit: 1 });
    try {
      const get = async (path: string) => {
        const res = await request(`${small.url}${path}`, { headers: { authorization: `SSWS ${small.token}` } });
        const text = await res.body.text();
        return { method: 'GET', path, status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
      };
      conforms(await get('/api/v1/groups?limit=1'), 200);
      expectOktaError(conforms(await get('/api/v1/groups?limit=1'), 429), 'E0000047');
      small.faults.add({ kind: 'latency', ms: 500, method: 'GET', path: '/api/v1/apps', count: 1 });
      const slow = get('/api/v1/apps?limit=1');
      // The audit entry appears when the request arrives; the latency fault then holds it in flight.
      while (!small.audit.some((e) => e.path === '/api/v1/apps')) await new Promise((resolve) => setTimeout(resolve, 5));
      const refused = await get('/api/v1/mappings?limit=1');
      expectOktaError(conforms(refused, 429), 'E0000047');
      conforms(await slow, 200);
    } finally {
      await small.close();
    }
  });
});

describe('auth, method, rate-limit errors', () => {
  it('401 E0000011 without a token and with a wrong one', async () => {
    expectOktaError(conforms(await call('GET', '/api/v1/apps', { auth: null }), 401), 'E0000011');
    expectOktaError(conforms(await call('GET', '/api/v1/groups', { auth: 'SSWS not-the-token' }), 401), 'E0000011');
  });

  it('403 E0000006 for an OAuth token lacking the scope', async () => {
    const app = newServiceApp('0oaconformance');
    sb.registerClient({ clientId: app.clientId, publicJwk: app.publicJwk, kid: app.kid, scopes: ['okta.groups.read'] });
    const token = await fetchAccessToken(sb.url, app, ['okta.groups.read']);
    conforms(await call('GET', '/api/v1/groups?limit=1', { auth: `Bearer ${token}` }), 200);
    expectOktaError(conforms(await call('GET', '/api/v1/apps', { auth: `Bearer ${token}` }), 403), 'E0000006');
    const url = `/api/v1/apps/${corp().id}/groups/${group('Support').id}`;
    expectOktaError(conforms(await call('PUT', url, { auth: `Bearer ${token}`, body: {} }), 403), 'E0000006');
  });

  it('401 E0000011 on every served route and method without credentials', async () => {
    for (const { route } of servedRoutes()) {
      for (const method of Object.keys(route.methods)) {
        const path = route.pattern.replace(/:(\w+)/g, (_: string, name: string) => `${name}-x`);
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        expectOktaError(conforms(await call(method, path, { auth: null, body }), 401), 'E0000011');
      }
    }
  });

  it('403 E0000006 on every served route and method for a token with only an unrelated scope', async () => {
    const app = newServiceApp('0oaconformance2');
    sb.registerClient({ clientId: app.clientId, publicJwk: app.publicJwk, kid: app.kid, scopes: ['okta.logs.read', 'okta.apps.read'] });
    const tokens = {
      logs: await fetchAccessToken(sb.url, app, ['okta.logs.read']),
      apps: await fetchAccessToken(sb.url, app, ['okta.apps.read']),
    };
    let checked = 0;
    for (const { route } of servedRoutes()) {
      for (const [method, m] of Object.entries(route.methods)) {
        const token = m.scopes.includes('okta.logs.read') ? tokens.apps : tokens.logs;
        expect(m.scopes.includes('okta.logs.read') && m.scopes.includes('okta.apps.read')).toBe(false);
        const path = route.pattern.replace(/:(\w+)/g, (_: string, name: string) => `${name}-x`);
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        expectOktaError(conforms(await call(method, path, { auth: `Bearer ${token}`, body }), 403), 'E0000006');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('405 for a method the resource does not support', async () => {
    const res = conforms(await call('DELETE', '/api/v1/apps'), 405);
    expect(res.body.errorCode).toBeDefined();
  });

  it('429 E0000047 with rate-limit headers', async () => {
    sb.faults.add({ kind: 'rateLimit', method: 'GET', path: '/api/v1/groups', count: 1 });
    try {
      const res = conforms(await call('GET', '/api/v1/groups?limit=1'), 429);
      expectOktaError(res, 'E0000047');
      expect(res.headers['x-rate-limit-remaining']).toBe('0');
      expect(Number(res.headers['x-rate-limit-reset'])).toBeGreaterThan(0);
    } finally {
      sb.faults.clear();
    }
  });
});

describe('coverage', () => {
  it('every route the sandbox serves is an operation of the spec subset', () => {
    const served = servedRoutes().flatMap(({ route }) =>
      Object.keys(route.methods).map((m) => `${m} ${matchTemplate(route.pattern.replace(/:(\w+)/g, 'x')) ?? route.pattern}`),
    );
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((op) => !operations().includes(op))).toEqual([]);
  });
});

// What every test recorded (`covered`, `tolerated`) is judged once all of them have run, whatever their
// order (jest --randomize): run the whole file, not a part of it with -t.
afterAll(() => {
  const missing = operations().filter((op) => ![...covered].some((c) => c.startsWith(`${op} 2`)));
  expect({ 'spec operations never answered with a success status': missing }).toEqual({
    'spec operations never answered with a success status': [],
  });
  const ids = [...tolerated.keys()];
  expect({ 'unlisted deviations': ids.filter((id) => !DEVIATIONS.some((d) => d.id === id)) }).toEqual({ 'unlisted deviations': [] });
  // The sandbox reproduces these recorded nulls (universalLogout is rendered as an object instead).
  expect(ids).toEqual(expect.arrayContaining([
    'ad-app-sign-on-mode-null', 'app-error-redirect-url-null', 'app-login-redirect-url-null',
    'group-description-null', 'user-type-description-null', 'app-user-external-id-null',
  ]));
});
