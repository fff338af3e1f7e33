import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { fingerprintLive, liveSlice } from '../../src/plan/fingerprint';
import { canonicalDigest } from '../../src/model/canonical-digest';
import { canonicalJson } from '../../src/model/sorted-json';
import { desiredDigest } from '../../src/plan/desired-digest';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState } from '../support/builders';

const C = 'DC=corp,DC=example,DC=com';
const desired = aDesiredState(aDesiredDirectory().withGroup('Engineering', `OU=Eng,${C}`, { division: 'x' }).withGroup('Sales', `OU=Sales,${C}`));
const base = () =>
  aLiveDirectory()
    .withAssignment('Engineering', `ou=eng,${C}`, 0, { profile: { division: 'x', manager: 'm' } })
    .withAssignment('Other', `ou=other,${C}`, 1, { profile: { costCenter: '1' } })
    .withGroup('Sales')
    .withMapping({ email: 'user.email' });

describe('fingerprint', () => {
  it('is a sha256 over the canonical slice: managed keys only, OUs normalised, order-independent', () => {
    const live = aLiveState(base());
    expect(liveSlice(live, desired)).toEqual({
      directories: [
        {
          name: 'corp',
          app: { id: '0oacorp', name: 'active_directory', namingContext: 'corp.example.com' },
          resolved: { Engineering: ['00gEngineering'], Sales: ['00gSales'] },
          assignments: [
            { groupId: '00gEngineering', name: 'Engineering', priority: 0, profile: { organizationalUnit: 'ou=eng,dc=corp,dc=example,dc=com', division: 'x' }, lastUpdated: '2026-01-01T00:00:00.000Z' },
            { groupId: '00gOther', name: 'Other', priority: 1, profile: { organizationalUnit: 'ou=other,dc=corp,dc=example,dc=com' }, lastUpdated: '2026-01-01T00:00:00.000Z' },
          ],
          mapping: { id: 'prmcorp', properties: { email: { expression: 'user.email', pushStatus: 'PUSH' } } },
        },
      ],
    });
    expect(fingerprintLive(live, desired)).toMatch(/^sha256:[0-9a-f]{64}$/);
    const shuffled = JSON.parse(JSON.stringify(live)) as typeof live;
    shuffled.directories[0].assignments.reverse();
    shuffled.directories[0].assignments[0].profile = { manager: 'changed', ...shuffled.directories[0].assignments[0].profile, costCenter: '2' };
    expect(fingerprintLive(shuffled, desired)).toBe(fingerprintLive(live, desired));
  });

  // diffSlices (which named what moved between two slices) is gone: apply tells drift from the saved plan
  // (src/apply/stale.ts), which keeps no slice. What remains is that each of these moves changes the fingerprint.
  const moved: Array<{ name: string; change: (b: ReturnType<typeof base>) => unknown }> = [
    // Each case changes one field of one existing assignment (Engineering: ou=eng, priority 0, division x).
    { name: 'priority', change: (b) => b.withAssignment('Engineering', `ou=eng,${C}`, 4, { profile: { division: 'x', manager: 'm' } }) },
    { name: 'OU', change: (b) => b.withAssignment('Engineering', `ou=eng2,${C}`, 0, { profile: { division: 'x', manager: 'm' } }) },
    { name: 'a managed profile key', change: (b) => b.withAssignment('Engineering', `ou=eng,${C}`, 0, { profile: { division: 'y', manager: 'm' } }) },
    { name: 'lastUpdated of a managed assignment', change: (b) => b.withAssignment('Engineering', `ou=eng,${C}`, 0, { profile: { division: 'x', manager: 'm' }, lastUpdated: '2026-02-02T00:00:00.000Z' }) },
    { name: 'only lastUpdated', change: (b) => b.withAssignment('Other', `ou=other,${C}`, 1, { lastUpdated: '2026-03-03T00:00:00.000Z' }) },
    { name: 'mapping property', change: (b) => b.withMapping({ email: 'user.login', dn: 'x' }) },
    { name: 'resolution', change: (b) => b.withGroup('Sales', { id: '00gSales2' }) },
  ];

  it.each(moved)('the fingerprint changes when this moves: $name', ({ change }) => {
    const before = liveSlice(aLiveState(base()), desired);
    const b = base();
    // re-assigning an already assigned group replaces it in these tests
    const built = (() => {
      change(b);
      const d = b.build();
      const seen = new Map<string, (typeof d.assignments)[number]>();
      for (const a of d.assignments) seen.set(a.groupId, a);
      return { ...d, assignments: [...seen.values()] };
    })();
    const after = liveSlice(aLiveState(built), desired);
    expect(canonicalDigest(after)).not.toBe(canonicalDigest(before));
  });

  it('equal slices have equal fingerprints', () => {
    const s = liveSlice(aLiveState(base()), desired);
    expect(canonicalDigest(JSON.parse(JSON.stringify(s)))).toBe(canonicalDigest(s));
  });

  it('is hashed record by record, yet is the sha256 of the whole slice\'s canonical JSON (plans saved before stay valid)', () => {
    // Numeric and prototype-like group names: JSON puts index keys first; "__proto__" stays data.
    const d = aDesiredState(aDesiredDirectory().withGroup('Engineering', `OU=Eng,${C}`, { division: 'x' }).withGroup('42', `OU=N,${C}`).withGroup('__proto__', `OU=P,${C}`).withGroup('Missing', `OU=M,${C}`));
    const live = aLiveState(base().withAssignment('42', `OU=N, ${C}`, 7).withAssignment('__proto__', `ou=p,${C}`, 9, { id: '00gPROTO' }));
    const whole = `sha256:${createHash('sha256').update(canonicalJson(liveSlice(live, d))).digest('hex')}`;
    expect(fingerprintLive(live, d)).toBe(whole);
    expect(canonicalDigest(liveSlice(live, d))).toBe(whole);
    // What okta-ou computed for this slice and these files before the record-by-record hashing.
    expect(fingerprintLive(live, d)).toBe('sha256:7af31a003150b4f4d5e2fc04c5bf841eefa62dac9305965b7819adbde364211a');
    expect(desiredDigest(d, ['corp'])).toBe('sha256:d13bb64f4a039c26728f4beaa5dd8c57fc06102b56c5361cd0198afb54878023');
  });

  it('writes the assignments and resolutions as text with the very bytes of the whole slice\'s canonical JSON, for any names, profiles and priorities', () => {
    const name = fc.oneof(fc.constantFrom('__proto__', 'constructor', '42', '007', 'a"b', 'x\\y', 'tab\t', 'é', '\ud800'), fc.string({ maxLength: 6 }));
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
    const group = fc.record({
      name,
      ou: fc.oneof(fc.constantFrom(`OU=A, ${C}`, `ou=a,${C}`, 'not a dn', ''), fc.string({ maxLength: 5 }), value),
      priority: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(Number.NaN)),
      extra: fc.dictionary(fc.oneof(name, fc.constantFrom('division', 'organizationalUnit')), value, { maxKeys: 2 }),
      listed: fc.boolean(),
      fileKeys: fc.dictionary(fc.constantFrom('division', 'manager', '3'), value, { maxKeys: 2 }),
      lastUpdated: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z'),
    });
    fc.assert(
      fc.property(fc.array(group, { maxLength: 8 }), fc.array(name, { maxLength: 3 }), (groups, missing) => {
        const d = aDesiredDirectory();
        const l = aLiveDirectory();
        groups.forEach((g, i) => {
          // Ids against the listing order, so a name listed twice resolves to ids that need sorting.
          const id = `00g${9 - i}${g.name}`;
          l.withAssignment(g.name, undefined, g.priority, { id, profile: { ...g.extra, ...(g.ou === undefined ? {} : { organizationalUnit: g.ou }) }, lastUpdated: g.lastUpdated });
          if (g.listed) d.withGroup(g.name, `OU=X,${C}`, g.fileKeys);
        });
        for (const m of missing) d.withGroup(m, `OU=M,${C}`);
        const live = aLiveState(l);
        const desiredState = aDesiredState(d);
        expect(fingerprintLive(live, desiredState)).toBe(`sha256:${createHash('sha256').update(canonicalJson(liveSlice(live, desiredState))).digest('hex')}`);
      }),
      { numRuns: 300 },
    );
  });
});
