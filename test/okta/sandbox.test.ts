/**
 * The client against the local Okta (src/sandbox), over real HTTP: paging, typed errors from Okta-shaped
 * answers, retries under injected faults, the governor against the sandbox's per-minute buckets, and
 * OAuth (private_key_jwt, DPoP) against its org authorization server.
 */
import { generateKeyPairSync } from 'node:crypto';
import { startSandbox, type Sandbox, type OrgSeed } from '../../src/sandbox';
import { createOktaClient, type OktaClientOptions } from '../../src/okta/client';
import type { ConnectionConfig } from '../../src/okta/config';
import { FakeClock } from './support/fake-okta';

const SEED: OrgSeed = {
  users: [{ login: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
  groups: Array.from({ length: 1000 }, (_, i) => ({ name: `Team ${String(i).padStart(4, '0')}` })),
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      assignments: [{ group: 'Team 0000', priority: 0, profile: { organizationalUnit: 'ou=team0,dc=corp,dc=example,dc=com' } }],
    },
  ],
};

const ssws = (sb: Sandbox, maxCapacity = 0.5): ConnectionConfig => ({ orgUrl: sb.url, auth: { mode: 'SSWS', token: sb.token }, maxCapacity });

describe('against the local Okta', () => {
  let sb: Sandbox;
  let appId: string;
  let groupId: string;
  beforeAll(async () => {
    sb = await startSandbox({ org: SEED, seed: 7 });
    appId = sb.org.findApp('corp.example.com')!.id;
    groupId = sb.org.findGroup('Team 0001')!.id;
  });
  afterAll(async () => {
    await sb.close();
  });
  afterEach(() => {
    sb.faults.clear();
    sb.rateLimiter.resetAll();
  });

  const withClient = async <T>(fn: (c: ReturnType<typeof createOktaClient>) => Promise<T>, opts: OktaClientOptions = {}, config = ssws(sb)): Promise<T> => {
    const client = createOktaClient(config, { sleep: new FakeClock().sleep, ...opts });
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  };
  const auditSince = (n: number) => sb.audit.slice(n).map((e) => `${e.method} ${e.path} ${e.status}`);

  it('lists every group in pages of 200, one call per page', async () => {
    const start = sb.audit.length;
    const groups = await withClient((c) => c.list<{ id: string; profile: { name: string } }>('/api/v1/groups'));
    const total = sb.org.groups.size;
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(new Set(groups.map((g) => g.id)).size).toBe(total);
    const calls = sb.audit.slice(start);
    expect(calls).toHaveLength(Math.ceil(total / 200));
    expect(calls.every((e) => e.path === '/api/v1/groups' && e.query.limit === '200' && e.status === 200)).toBe(true);
  });

  it('maps Okta errors to typed errors', async () => {
    await withClient(async (c) => {
      await expect(c.request('GET', '/api/v1/apps/0oaDOESNOTEXIST')).rejects.toMatchObject({
        code: 'OKTA_NOT_FOUND',
        errorCode: 'E0000007',
        message: expect.stringMatching(/^GET \/api\/v1\/apps\/0oaDOESNOTEXIST → 404 E0000007: Not found: .*\[X-Okta-Request-Id \S+\]$/),
      });
      sb.faults.add({ method: 'POST', path: '/api/v1/mappings', kind: 'status', status: 502, errorCode: 'E0000240', errorSummary: 'Request timed out waiting for agent.' });
      const start = sb.audit.length;
      await expect(c.request('POST', '/api/v1/mappings/prmX', { body: { properties: {} } })).rejects.toMatchObject({
        code: 'OKTA_AGENT_UNAVAILABLE',
        status: 502,
      });
      expect(sb.audit.length - start).toBe(1);
    });
    await withClient(
      async (c) => {
        await expect(c.request('GET', '/api/v1/apps')).rejects.toMatchObject({ code: 'OKTA_AUTH', exitCode: 4, status: 401 });
      },
      {},
      { ...ssws(sb), auth: { mode: 'SSWS', token: 'not-the-token' } },
    );
  });

  it('retries a PUT whose connection is reset, but not a POST', async () => {
    await withClient(async (c) => {
      sb.faults.add({ method: 'PUT', path: `/api/v1/apps/${appId}/groups`, kind: 'reset', count: 1 });
      let start = sb.audit.length;
      await c.request('PUT', `/api/v1/apps/${appId}/groups/${groupId}`, { body: { priority: 1, profile: { organizationalUnit: 'ou=team1,dc=corp,dc=example,dc=com' } } });
      expect(auditSince(start)).toEqual([`PUT /api/v1/apps/${appId}/groups/${groupId} 0`, `PUT /api/v1/apps/${appId}/groups/${groupId} 200`]);
      expect(sb.org.assignmentsOf(appId).map((a) => a.groupId)).toContain(groupId);

      sb.faults.add({ method: 'POST', kind: 'reset', count: 1 });
      start = sb.audit.length;
      await expect(c.request('POST', '/api/v1/mappings/prmX', { body: {} })).rejects.toMatchObject({ code: 'OKTA_NETWORK' });
      expect(sb.audit.length - start).toBe(1);
    });
  });

  it('waits out a 429 storm using Date and X-Rate-Limit-Reset', async () => {
    const clock = new FakeClock();
    sb.faults.add({ path: '/api/v1/apps', method: 'GET', kind: 'rateLimit', count: 3, resetSeconds: 5 });
    const start = sb.audit.length;
    const res = await withClient((c) => c.request('GET', `/api/v1/apps/${appId}`), { sleep: clock.sleep, now: clock.now });
    expect(res.status).toBe(200);
    expect(auditSince(start)).toEqual([429, 429, 429, 200].map((s) => `GET /api/v1/apps/${appId} ${s}`));
    // reset − Date is 5–6 s (whole seconds either side), plus Okta's 1 s.
    expect(clock.slept).toHaveLength(3);
    for (const ms of clock.slept) expect(ms === 6000 || ms === 7000).toBe(true);
  });

  it('keeps 300 requests under half of a 60/min bucket with no 429 reaching Okta or the caller', async () => {
    const limited = await startSandbox({ org: SEED, seed: 7, rateLimits: { '/api/v1/apps': 60 } });
    const clock = new FakeClock();
    const windows: number[] = [];
    let windowStart = 0;
    // A wait for the reset stands in for the minute passing: the sandbox starts a new window.
    const sleep = async (ms: number): Promise<void> => {
      await clock.sleep(ms);
      windows.push(limited.audit.length - windowStart);
      windowStart = limited.audit.length;
      limited.rateLimiter.resetAll();
    };
    const client = createOktaClient(ssws(limited), { now: clock.now, sleep, maxConcurrency: 8 });
    try {
      const id = limited.org.findApp('corp.example.com')!.id;
      const results = await Promise.all(Array.from({ length: 300 }, () => client.request('GET', `/api/v1/apps/${id}/groups`)));
      windows.push(limited.audit.length - windowStart);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(limited.audit.filter((e) => e.status === 429)).toEqual([]);
      expect(windows).toEqual(Array(10).fill(30));
      expect(client.counts().reads).toEqual({ '/api/v1/apps': 300 });
    } finally {
      await client.close();
      await limited.close();
    }
  });

  it('authenticates with private_key_jwt (RSA) and reuses the token', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sb.registerClient({ clientId: '0oaRSA', publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), kid: 'r1', scopes: ['okta.apps.read', 'okta.groups.read'] });
    const config: ConnectionConfig = {
      orgUrl: sb.url,
      auth: { mode: 'PrivateKey', clientId: '0oaRSA', scopes: ['okta.apps.read'], privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), keyId: 'r1' },
      maxCapacity: 0.5,
    };
    const start = sb.audit.length;
    await withClient(async (c) => {
      await Promise.all([c.request('GET', `/api/v1/apps/${appId}`), c.list('/api/v1/apps'), c.request('GET', `/api/v1/apps/${appId}/groups`)]);
      await expect(c.request('PUT', `/api/v1/apps/${appId}/groups/${groupId}`, { body: { priority: 2 } })).rejects.toMatchObject({
        code: 'OKTA_AUTH',
        status: 403,
        hint: expect.stringContaining('okta.apps.manage'),
      });
    }, {}, config);
    expect(auditSince(start).filter((l) => l.includes('/oauth2/'))).toEqual(['POST /oauth2/v1/token 200']);
  });

  it('authenticates with an EC key and DPoP after the nonce round-trip', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    sb.registerClient({ clientId: '0oaDPOP', publicJwk: publicKey.export({ format: 'jwk' }), kid: 'e1', scopes: ['okta.apps.read'], dpop: true });
    const config: ConnectionConfig = {
      orgUrl: sb.url,
      auth: { mode: 'PrivateKey', clientId: '0oaDPOP', scopes: ['okta.apps.read'], privateKey: JSON.stringify(privateKey.export({ format: 'jwk' })), keyId: 'e1' },
      maxCapacity: 0.5,
    };
    const start = sb.audit.length;
    const apps = await withClient(async (c) => {
      await c.request('GET', `/api/v1/apps/${appId}`, { query: { expand: undefined } });
      return c.list<{ id: string }>('/api/v1/apps');
    }, {}, config);
    expect(apps.map((a) => a.id)).toContain(appId);
    expect(auditSince(start)).toEqual([
      'POST /oauth2/v1/token 400',
      'POST /oauth2/v1/token 400',
      'POST /oauth2/v1/token 200',
      `GET /api/v1/apps/${appId} 200`,
      'GET /api/v1/apps 200',
    ]);
  });
});
