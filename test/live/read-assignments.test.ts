/**
 * The app's assignments as read-assignments.ts keeps them (repeated texts and equal profiles shared) against
 * the plain conversion of the same raw items (toAssignment, toLiveGroup): equal in every value, key order
 * included, over odd items and over real pages from the local Okta.
 */
import { type AssignmentsRead, assignmentCollector, readAssignments } from '../../src/live/read-assignments';
import { type RawAssignment, toAssignment, toLiveGroup } from '../../src/live/okta-shapes';
import { createOktaClient, resolveConnection } from '../../src/okta';
import type { OrgSeed } from '../../src/sandbox/types';
import { callsByPath, expectReadOnly, oktaEnv, seeded } from '../e2e/helpers';

/** What the reader made before it shared anything: each item converted on its own. */
function plain(items: RawAssignment[]): AssignmentsRead {
  const groups: Record<string, ReturnType<typeof toLiveGroup>> = {};
  const withoutEmbedded: string[] = [];
  for (const a of items) {
    const g = a._embedded?.group;
    if (g?.id) groups[g.id] = toLiveGroup(g);
    else if (a.id) withoutEmbedded.push(a.id);
  }
  return { assignments: items.map(toAssignment), groups, withoutEmbedded };
}

function collect(...pages: RawAssignment[][]): AssignmentsRead {
  const c = assignmentCollector();
  for (const p of pages) c.add(p);
  return c.read;
}

/** Key order is data: toEqual ignores it, so it is compared on its own. */
function keyOrders(read: AssignmentsRead): string[][] {
  return read.assignments.map((a) => Object.keys(a.profile));
}

const OU = 'OU=Sales,DC=corp,DC=example,DC=com';
const group = (id: string, extra: object = {}): RawAssignment['_embedded'] => ({ group: { id, type: 'OKTA_GROUP', profile: { name: `g ${id}` }, ...extra } });

describe('assignmentCollector', () => {
  const odd: RawAssignment[] = [
    { id: '00g1', priority: 0, profile: { organizationalUnit: OU }, lastUpdated: '2026-01-05T09:00:00.000Z', _embedded: group('00g1') },
    { id: '00g2', priority: '1', profile: { organizationalUnit: OU }, lastUpdated: '2026-01-05T09:00:00.000Z', _embedded: group('00g2', { type: 'APP_GROUP' }) },
    // Same keys and values in another order: not the same profile.
    { id: '00g3', priority: 2, profile: { description: 'x', organizationalUnit: OU }, _embedded: group('00g3') },
    { id: '00g4', priority: 3, profile: { organizationalUnit: OU, description: 'x' }, _embedded: group('00g4', { _embedded: { stats: { usersCount: 7 } } }) },
    // Values other than strings: kept as read (0 and -0 differ, nested values stay themselves).
    { id: '00g5', priority: null, profile: { n: 0, nested: { a: [1, 'b'] } }, _embedded: group('00g5') },
    { id: '00g6', priority: 'high', profile: { n: -0, nested: { a: [1, 'b'] } }, _embedded: group('00g6') },
    // A key that is only a name in data.
    { id: '00g7', profile: JSON.parse('{"__proto__":"OU=P,DC=corp","organizationalUnit":"OU=P,DC=corp"}') as Record<string, unknown>, _embedded: group('00g7') },
    { id: '00g8', profile: JSON.parse('{"__proto__":"OU=P,DC=corp","organizationalUnit":"OU=P,DC=corp"}') as Record<string, unknown>, _embedded: group('00g8') },
    // No profile, an array profile, no embedded group, an embedded group under another id.
    { id: '00g9', profile: null, _embedded: group('00g9') },
    { id: '00gA', profile: ['a'] as unknown as Record<string, unknown>, _embedded: group('00gA') },
    { id: '00gB', priority: 1, profile: { organizationalUnit: OU } },
    { id: '00gC', profile: { organizationalUnit: OU }, _embedded: group('00gOther', { profile: { name: 'other', dn: `CN=other,${OU}` } }) },
  ];

  it('makes what converting each item on its own makes, across pages', () => {
    const read = collect(odd.slice(0, 5), odd.slice(5));
    const want = plain(odd);
    expect(read).toEqual(want);
    expect(keyOrders(read)).toEqual(keyOrders(want));
    expect(Object.keys(read.groups)).toEqual(Object.keys(want.groups));
    expect(Object.is(read.assignments[5].profile.n, -0)).toBe(true);
    expect(Object.is(read.assignments[4].profile.n, 0)).toBe(true);
    expect(Object.getPrototypeOf(read.assignments[6].profile)).toBe(Object.prototype);
    expect(Object.keys(read.assignments[6].profile)).toEqual(['__proto__', 'organizationalUnit']);
    expect(read.withoutEmbedded).toEqual(['00gB']);
  });

  it('shares one profile object between equal profiles of strings, and only between them', () => {
    const read = collect(odd);
    const p = (i: number): Record<string, unknown> => read.assignments[i].profile;
    expect(p(1)).toBe(p(0));
    expect(p(10)).toBe(p(0));
    expect(p(11)).toBe(p(0));
    expect(p(7)).toBe(p(6));
    expect(p(3)).not.toBe(p(2));
    expect(p(5)).not.toBe(p(4));
    expect(p(5).nested).not.toBe(p(4).nested);
  });

  it('keeps the profile objects it is given out of the model (the model owns its own copies)', () => {
    const raw = odd[0].profile!;
    const read = collect([odd[0]]);
    expect(read.assignments[0].profile).not.toBe(raw);
    expect(read.assignments[0].profile).toEqual(raw);
  });
});

describe('readAssignments against the local Okta', () => {
  const OUS = ['OU=A,DC=corp,DC=example,DC=com', 'OU=B,DC=corp,DC=example,DC=com', 'OU=C,DC=corp,DC=example,DC=com'];
  const names = Array.from({ length: 450 }, (_, i) => `Group ${String(i).padStart(3, '0')}`);
  const org: OrgSeed = {
    groups: [...names.map((name) => ({ name })), { name: 'Imported', type: 'APP_GROUP', source: 'corp.example.com', dn: `CN=Imported,${OUS[0]}` }],
    apps: [
      {
        label: 'corp.example.com',
        name: 'active_directory',
        namingContext: 'corp.example.com',
        assignments: [
          ...names.map((group, i) => ({ group, priority: i, profile: i % 10 === 9 ? { organizationalUnit: OUS[i % 3], description: `d${i % 4}` } : { organizationalUnit: OUS[i % 3] } })),
          { group: 'Imported', priority: 450, profile: { organizationalUnit: OUS[1] } },
        ],
      },
    ],
  };

  it('equals the plain conversion of the same pages, in three calls of 200', async () => {
    const sb = await seeded(org);
    const api = createOktaClient(resolveConnection(oktaEnv(sb)), { keepAliveTimeoutMs: 100 });
    try {
      const appId = sb.org.findApp('corp.example.com')!.id;
      const path = `/api/v1/apps/${appId}/groups`;
      const raw = await api.list<RawAssignment>(path, { limit: 200, expand: 'group' });
      sb.audit.length = 0;
      const read = await readAssignments(api, appId);
      expect(callsByPath(sb)).toEqual({ 'GET /api/v1/apps/{0oa}/groups': 3 });
      expect(read.assignments).toHaveLength(451);
      const want = plain(raw);
      expect(read).toEqual(want);
      expect(keyOrders(read)).toEqual(keyOrders(want));
      // One object per distinct profile (3 OUs, some with a description), not one per assignment.
      const distinct = new Set(raw.map((a) => JSON.stringify(a.profile))).size;
      expect(distinct).toBeLessThan(10);
      expect(new Set(read.assignments.map((a) => a.profile)).size).toBe(distinct);
      expectReadOnly(sb);
    } finally {
      await api.close();
      await sb.close();
    }
  });
});
