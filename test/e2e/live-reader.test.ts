/**
 * src/live against the local Okta over real HTTP: how apps and group references are found, and what
 * each costs in calls (counted from the audit log).
 */
import { parseDesired } from '../../src/config';
import { readLive } from '../../src/live';
import type { LiveDirectory } from '../../src/model/types';
import { createOktaClient, resolveConnection } from '../../src/okta';
import type { OrgSeed } from '../../src/sandbox/types';
import { callsByPath, expectReadOnly, mappingFile, oktaEnv, seeded, type Sandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const many = Array.from({ length: 21 }, (_, i) => `Extra ${i}`);

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
  groups: [
    { name: 'Engineering', members: ['ada@example.com'] },
    { name: 'Ops' },
    { name: 'OPS' },
    { name: 'Quoted "name" with \\ backslash' },
    { name: 'Unassigned', members: ['ada@example.com'] },
    { name: 'Domain Users', type: 'APP_GROUP', source: 'corp.example.com', dn: `CN=Domain Users,${EMP}` },
    ...many.map((name) => ({ name })),
  ],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` } }],
    },
    { label: 'Intranet', name: 'bookmark', signOnMode: 'BOOKMARK', url: 'https://intranet.example.com' },
  ],
};

function desiredOf(groups: string[], app = 'corp.example.com', name = 'corp'): ReturnType<typeof parseDesired>['desired'] {
  const list = groups.map((g) => `      - group: ${JSON.stringify(g)}\n        ou: OU=X,${EMP}\n`).join('');
  const { desired, findings } = parseDesired([
    { path: 'mappings/x.yaml', text: mappingFile(`  ${name}:\n    app: ${JSON.stringify(app)}\n    importOUs: ["${EMP}"]\n${list ? `    groups:\n${list}` : ''}`) },
  ]);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return desired;
}

describe('live reader', () => {
  let sb: Sandbox;
  let read: (groups: string[], app?: string) => Promise<LiveDirectory>;
  beforeAll(async () => {
    sb = await seeded(org);
    read = async (groups, app) => {
      sb.audit.length = 0;
      const api = createOktaClient(resolveConnection(oktaEnv(sb)), { keepAliveTimeoutMs: 100 });
      try {
        return (await readLive(api, desiredOf(groups, app))).directories[0];
      } finally {
        await api.close();
        expectReadOnly(sb);
      }
    };
  });
  afterAll(async () => {
    await sb.close();
  });

  test('an assigned group named in the file costs no group call; its name and type come embedded', async () => {
    const d = await read(['Engineering']);
    const eng = sb.org.findGroup('Engineering')!;
    expect(d.resolved).toEqual({ Engineering: [{ id: eng.id, name: 'Engineering', type: 'OKTA_GROUP' }] });
    expect(d.assignments).toEqual([
      { groupId: eng.id, priority: 0, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` }, lastUpdated: expect.any(String) },
    ]);
    // The only /api/v1/groups call is the app's AD-imported groups (import-OU evidence).
    expect(sb.audit.filter((e) => e.path.startsWith('/api/v1/groups')).map((e) => e.query.search)).toEqual([
      `source.id eq "${d.app!.id}"`,
    ]);
  });

  test('a single name is searched in one call, quoted and escaped; exact case wins over a case-insensitive match', async () => {
    const names = ['Ops', 'Quoted "name" with \\ backslash', 'engineering', 'Nobody'];
    const resolved: LiveDirectory['resolved'] = {};
    const searches: (string | undefined)[] = [];
    for (const name of names) {
      Object.assign(resolved, (await read([name])).resolved);
      expect(sb.audit.filter((e) => e.path === '/api/v1/groups' && e.query.search === undefined && e.query.q === undefined)).toEqual([]);
      searches.push(...sb.audit.filter((e) => e.path === '/api/v1/groups' && e.query.search?.startsWith('profile.name')).map((e) => e.query.search));
    }
    expect(searches).toEqual(['profile.name eq "Ops"', 'profile.name eq "Quoted \\"name\\" with \\\\ backslash"', 'profile.name eq "engineering"', 'profile.name eq "Nobody"']);
    expect(resolved.Ops.map((g) => g.name)).toEqual(['Ops']);
    expect(resolved['Quoted "name" with \\ backslash'].map((g) => g.id)).toEqual([sb.org.findGroup('Quoted "name" with \\ backslash')!.id]);
    // No group is named exactly "engineering": the assigned "Engineering" matches case-insensitively.
    expect(resolved.engineering.map((g) => g.name)).toEqual(['Engineering']);
    expect(resolved.Nobody).toEqual([]);
  });

  test('an org of at most 200 groups: two or more references cost one list page, matched client-side', async () => {
    const d = await read(['Ops', 'engineering', 'Engineering', 'Nobby', ...many]);
    const groupCalls = sb.audit.filter((e) => e.path === '/api/v1/groups' && e.query.search?.startsWith('source.id') !== true);
    // One page of the list and nothing else: no name search, no did-you-mean search for "Nobby".
    expect(groupCalls.map((e) => [e.query.limit, e.query.expand, e.query.search, e.query.q])).toEqual([['200', 'stats', undefined, undefined]]);
    expect(d.resolved.Ops.map((g) => g.name)).toEqual(['Ops']);
    expect(d.resolved.engineering.map((g) => g.name)).toEqual(['Engineering']);
    for (const name of many) expect(d.resolved[name].map((g) => g.name)).toEqual([name]);
    // listed with expand=stats: member counts come free, for the assigned group too
    expect(d.resolved[many[0]][0].usersCount).toBe(0);
    expect(d.groups[sb.org.findGroup('Engineering')!.id].usersCount).toBe(1);
    // an assigned group named exactly resolves to the directory's own object, with that count
    expect(d.resolved.Engineering).toEqual([d.groups[sb.org.findGroup('Engineering')!.id]]);
    expect(d.resolved.Engineering[0]).toBe(d.groups[sb.org.findGroup('Engineering')!.id]);
    // "did you mean" candidates come from the same page
    expect(d.resolved.Nobby).toEqual([]);
    expect(d.nearGroupNames).toEqual({ Nobby: [] });
  });

  test('ids: an assigned one costs nothing, others one list page, or one GET when alone; an unknown one resolves to nothing', async () => {
    const eng = sb.org.findGroup('Engineering')!.id;
    const other = sb.org.findGroup('Unassigned')!.id;
    const missing = '00gDOESNOTEXIST000000';
    const d = await read([eng, other, missing]);
    expect(d.resolved[eng].map((g) => g.name)).toEqual(['Engineering']);
    expect(d.resolved[other].map((g) => g.name)).toEqual(['Unassigned']);
    expect(d.resolved[missing]).toEqual([]);
    // Two ids in an org of at most 200 groups: one list page answers both (the unknown one too).
    expect(callsByPath(sb)['GET /api/v1/groups/{00g}']).toBeUndefined();
    expect(sb.audit.filter((e) => e.path === '/api/v1/groups' && e.query.expand === 'stats')).toHaveLength(1);
    // A single id is one GET; a 404 means no such group.
    expect((await read([eng, missing])).resolved[missing]).toEqual([]);
    expect(callsByPath(sb)['GET /api/v1/groups/{00g}']).toBe(1);
  });

  test('apps: by id, by label, a non-AD app by label (kept for APP_NOT_AD), none', async () => {
    const corpId = sb.org.findApp('corp.example.com')!.id;
    expect((await read([], corpId)).app).toEqual({ id: corpId, label: 'corp.example.com', name: 'active_directory', status: 'ACTIVE', namingContext: 'corp.example.com' });
    expect(sb.audit.map((e) => `${e.method} ${e.path}`)).toContain(`GET /api/v1/apps/${corpId}`);

    const intranet = await read([], 'Intranet');
    expect(intranet.app?.name).toBe('bookmark');
    expect(intranet.assignments).toEqual([]);
    // not an AD app: nothing else of it is read
    expect(sb.audit.filter((e) => e.path.startsWith(`/api/v1/apps/${intranet.app!.id}`))).toEqual([]);

    const none = await read([], 'nowhere.example.com');
    expect(none.app).toBeNull();
    expect(sb.audit.filter((e) => e.path === '/api/v1/apps').map((e) => e.query.filter ?? `q=${e.query.q}`)).toEqual([
      'name eq "active_directory"',
      'q=nowhere.example.com',
    ]);
  });

  test('observed DNs: app users and AD-imported groups of the app', async () => {
    const d = await read(['Engineering']);
    expect(d.observedDns).toEqual([`CN=Ada Lovelace,ou=engineering,${EMP.toLowerCase()}`, `CN=Domain Users,${EMP}`].sort());
  });

  test.each([
    ['null', null],
    ['a non-numeric string', 'first'],
    ['missing', undefined],
  ])('a priority Okta returns as %s is read as NaN (PRIORITY_UNKNOWN), never 0', async (_name, value) => {
    const rec = sb.org.assignmentsOf('corp.example.com')[0] as unknown as { priority: unknown };
    const saved = rec.priority;
    rec.priority = value;
    try {
      const d = await read(['Engineering']);
      expect(d.assignments.map((a) => [a.groupId, a.priority])).toEqual([[sb.org.findGroup('Engineering')!.id, NaN]]);
    } finally {
      rec.priority = saved;
    }
  });

  test('a priority given as a string of digits is read as that number', async () => {
    const rec = sb.org.assignmentsOf('corp.example.com')[0] as unknown as { priority: unknown };
    const saved = rec.priority;
    rec.priority = '7';
    try {
      expect((await read(['Engineering'])).assignments.map((a) => a.priority)).toEqual([7]);
    } finally {
      rec.priority = saved;
    }
  });
});
