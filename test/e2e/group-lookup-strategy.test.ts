/**
 * How file references no assigned group answers are looked up in an org larger than the apps show (one
 * assigned group, 1,000 others): the group list is read while its pages are fewer than the per-reference
 * calls still needed, then either it has answered everything or the remaining calls are made. Counted
 * from the local Okta's audit log over real HTTP.
 */
import { parseDesired } from '../../src/config';
import { readLive } from '../../src/live';
import type { LiveDirectory } from '../../src/model/types';
import { createOktaClient, resolveConnection } from '../../src/okta';
import type { OrgSeed } from '../../src/sandbox/types';
import { expectReadOnly, mappingFile, oktaEnv, seeded, type Sandbox } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const OTHERS = 1000;
const name = (i: number): string => `Team ${String(i).padStart(4, '0')}`;

const org: OrgSeed = {
  users: [],
  groups: [{ name: 'Engineering' }, ...Array.from({ length: OTHERS }, (_, i) => ({ name: name(i) }))],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` } }],
    },
  ],
};

describe('group lookup by the org size the reads reveal', () => {
  let sb: Sandbox;
  // Engineering, the others and Everyone, 200 per page.
  const pages = Math.ceil((OTHERS + 2) / 200);
  beforeAll(async () => {
    sb = await seeded(org);
  });
  afterAll(async () => {
    await sb.close();
  });

  async function read(groups: string[]): Promise<{ dir: LiveDirectory; listPages: number; searches: number }> {
    sb.audit.length = 0;
    const list = groups.map((g) => `      - group: ${JSON.stringify(g)}\n        ou: OU=X,${EMP}\n`).join('');
    const { desired } = parseDesired([{ path: 'mappings/x.yaml', text: mappingFile(`  corp:\n    app: corp.example.com\n    importOUs: ["${EMP}"]\n    groups:\n${list}`) }]);
    const api = createOktaClient(resolveConnection(oktaEnv(sb)), { keepAliveTimeoutMs: 100 });
    try {
      const dir = (await readLive(api, desired)).directories[0];
      const calls = sb.audit.filter((e) => e.path === '/api/v1/groups');
      return {
        dir,
        listPages: calls.filter((e) => e.query.expand === 'stats' && e.query.search === undefined).length,
        searches: calls.filter((e) => e.query.search?.startsWith('profile.name')).length,
      };
    } finally {
      await api.close();
      expectReadOnly(sb);
    }
  }

  test('fewer references than list pages: the list is read while cheaper (as many pages as references), then one search each', async () => {
    const refs = [name(5), name(999), 'Nobody'];
    expect(refs.length).toBeLessThan(pages);
    const { dir, listPages, searches } = await read(refs);
    expect(listPages).toBe(refs.length);
    expect(searches).toBe(refs.length);
    expect(dir.resolved[name(5)].map((g) => g.name)).toEqual([name(5)]);
    expect(dir.resolved[name(999)].map((g) => g.name)).toEqual([name(999)]);
    expect(dir.resolved.Nobody).toEqual([]);
  });

  test('more references than list pages: the whole list once, no search', async () => {
    const refs = Array.from({ length: pages + 1 }, (_, i) => name(i * 97));
    const { dir, listPages, searches } = await read(refs);
    expect(listPages).toBe(pages);
    expect(searches).toBe(0);
    for (const r of refs) expect(dir.resolved[r].map((g) => g.name)).toEqual([r]);
    // The list carries member counts (expand=stats): none is asked for again.
    expect(dir.resolved[refs[0]][0].usersCount).toBe(0);
  });
});
