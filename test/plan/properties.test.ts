/**
 * Diff properties (docs/style.md §7) over small random directories.
 */
import fc from 'fast-check';
import type { Change, DesiredState, LiveState } from '../../src/model/types';
import { buildPlan } from '../../src/plan/build-plan';
import { diffAssignments } from '../../src/plan/diff-assignments';
import { ousEqual } from '../../src/plan/normalise';
import { applyChangesToLive } from '../support/apply-changes';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState, groupIdFor } from '../support/builders';

const NAMES = ['Eng', 'Sales', 'HR', 'Ops', 'R&D, Berlin', 'legacy-vpn', 'Legacy-Kiosk', 'Everyone'];
const OUS = [
  'ou=a,ou=employees,dc=corp,dc=example,dc=com',
  'ou=b,ou=employees,dc=corp,dc=example,dc=com',
  'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com',
  'ou=c,ou=contractors,dc=corp,dc=example,dc=com',
];
const IGNORES = [[], ['legacy-*'], ['EVERYONE', 'legacy-?*']];

interface Row {
  name: string;
  ou: string;
  extra: string | null;
}
const row = fc.record({ name: fc.constantFrom(...NAMES), ou: fc.constantFrom(...OUS), extra: fc.option(fc.constantFrom('x', 'y')) });
const rows = fc.uniqueArray(row, { selector: (r) => r.name, maxLength: NAMES.length });
const priorities = fc.uniqueArray(fc.nat(30), { minLength: NAMES.length, maxLength: NAMES.length });
const mode = fc.constantFrom('additive' as const, 'authoritative' as const);
const ignore = fc.constantFrom(...IGNORES);

/** The same DN, spelled differently: random case, spaces after commas and around `=`. */
const respell = (dn: string, seed: number[]): string =>
  dn
    .split(/(?<!\\),/)
    .map((rdn, i) => {
      const s = seed[i % seed.length] ?? 0;
      const eq = rdn.indexOf('=');
      const t = rdn.slice(0, eq);
      const val = rdn.slice(eq + 1);
      const cased = s & 1 ? val.toUpperCase() : s & 2 ? val[0].toUpperCase() + val.slice(1) : val;
      return `${s & 4 ? t.toUpperCase() : t}${s & 8 ? ' = ' : '='}${cased}`;
    })
    .join(s0(seed) ? ', ' : ',');
const s0 = (seed: number[]): boolean => (seed[0] ?? 0) % 3 === 0;
const seed = fc.array(fc.nat(15), { minLength: 1, maxLength: 6 });

function liveFrom(assigned: Row[], prios: number[], withExtra = true) {
  const b = aLiveDirectory();
  for (const n of NAMES) b.withGroup(n, { usersCount: n.length });
  assigned.forEach((r, i) => b.withAssignment(r.name, r.ou, prios[i], { profile: withExtra && r.extra ? { division: r.extra, manager: 'm' } : {} }));
  return b;
}

function desiredFrom(listed: Row[], m: 'additive' | 'authoritative', ig: string[], spell: (ou: string) => string = (o) => o) {
  const d = aDesiredDirectory().with({ assignments: { mode: m, ignore: ig } });
  for (const r of listed) d.withGroup(r.name, spell(r.ou), r.extra ? { division: r.extra } : {});
  return d;
}

const plan = (desired: DesiredState, live: LiveState) => buildPlan({ desired, live, now: new Date(0), tool: 't', reads: {} });
// Which NAMES each IGNORES entry ignores, written out (globs match case-insensitively, docs/design.md §1).
const IGNORED: Record<string, string[]> = {
  '': [],
  'legacy-*': ['legacy-vpn', 'Legacy-Kiosk'],
  'EVERYONE,legacy-?*': ['Everyone', 'legacy-vpn', 'Legacy-Kiosk'],
};
const ignoredName = (ig: string[], name: string): boolean => IGNORED[ig.join(',')].includes(name);

describe('diff properties', () => {
  it('diff(s, s) is empty: the desired state derived from live plans no change', () => {
    fc.assert(
      fc.property(rows, priorities, mode, ignore, seed, (assigned, prios, m, ig, sd) => {
        const live = liveFrom(assigned, prios);
        // derived desired: every non-ignored assignment, in live priority order, OU re-spelled
        const listed = assigned
          .map((r, i) => ({ r, p: prios[i] }))
          .sort((a, b) => a.p - b.p)
          .map((x) => x.r)
          .filter((r) => !ignoredName(ig, r.name));
        const p = plan(aDesiredState(desiredFrom(listed, m, ig, (ou) => respell(ou, sd))), aLiveState(live));
        expect(p.changes).toEqual([]);
      }),
    );
  });

  it('results do not depend on DN case or spacing, profile key order, or the order of live assignments', () => {
    fc.assert(
      fc.property(rows, rows, priorities, mode, ignore, seed, fc.infiniteStream(fc.nat()), (assigned, listed, prios, m, ig, sd, rnd) => {
        const live = aLiveState(liveFrom(assigned, prios));
        const want = plan(aDesiredState(desiredFrom(listed, m, ig)), live);

        const shuffled = JSON.parse(JSON.stringify(live)) as LiveState;
        const it = rnd[Symbol.iterator]();
        shuffled.directories[0].assignments.sort(() => (it.next().value as number) % 3 - 1);
        for (const a of shuffled.directories[0].assignments) {
          a.profile = Object.fromEntries(Object.entries(a.profile).reverse());
          if (typeof a.profile.organizationalUnit === 'string') a.profile.organizationalUnit = respell(a.profile.organizationalUnit, sd);
        }
        const got = plan(aDesiredState(desiredFrom(listed, m, ig, (ou) => respell(ou, [...sd].reverse()))), shuffled);
        // `before` echoes the live profile as Okta spelled it; everything else must be identical
        const strip = (cs: Change[]) => cs.map((c) => ({ ...c, before: null, reason: c.action === 'update' ? '' : c.reason }));
        expect(strip(got.changes)).toEqual(strip(want.changes));
        expect(got.findings.map((f) => [f.code, f.object?.id])).toEqual(want.findings.map((f) => [f.code, f.object?.id]));
        expect(got.fingerprint).toBe(want.fingerprint);
      }),
    );
  });

  it('ignored groups never appear in changes, nor unlisted ones in additive mode', () => {
    fc.assert(
      fc.property(rows, rows, priorities, mode, ignore, (assigned, listed, prios, m, ig) => {
        const changes = diffAssignments(desiredFrom(listed, m, ig).build(), liveFrom(assigned, prios).build());
        const touched = changes.flatMap((c) => (c.action === 'reorder' ? (c.moves ?? []).map((mv) => mv.group) : [c.group]));
        const listedIds = new Set(listed.map((r) => groupIdFor(r.name)));
        for (const g of touched) {
          expect(ignoredName(ig, g.name)).toBe(false);
          if (m === 'additive') expect(listedIds.has(g.id)).toBe(true);
        }
      }),
    );
  });

  // Okta may hold duplicate priorities (PRIORITY_DUPLICATE): the property must hold with them too.
  const anyPriorities = fc.oneof(priorities, fc.array(fc.nat(4), { minLength: NAMES.length, maxLength: NAMES.length }));

  it('applying the changes gives the desired managed slice, keeps unmanaged slots, and converges', () => {
    fc.assert(
      fc.property(rows, rows, anyPriorities, mode, ignore, (assigned, listed, prios, m, ig) => {
        const desired = aDesiredState(desiredFrom(listed, m, ig));
        const live = aLiveState(liveFrom(assigned, prios));
        const after = applyChangesToLive(live, plan(desired, live).changes);
        const byId = new Map(after.directories[0].assignments.map((a) => [a.groupId, a]));
        const managed = listed.filter((r) => !ignoredName(ig, r.name));

        // every managed group is assigned with its OU and profile keys, in file order (strictly)
        let prev = -Infinity;
        for (const r of managed) {
          const a = byId.get(groupIdFor(r.name));
          expect(a).toBeDefined();
          expect(ousEqual(a!.profile.organizationalUnit, r.ou)).toBe(true);
          if (r.extra) expect(a!.profile.division).toBe(r.extra);
          expect(a!.priority).toBeGreaterThan(prev);
          prev = a!.priority;
        }
        // unmanaged assignments keep their slot and profile; authoritative removes the unlisted, unignored ones
        assigned.forEach((r, i) => {
          if (managed.includes(r) || managed.some((x) => x.name === r.name)) return;
          const a = byId.get(groupIdFor(r.name));
          if (m === 'authoritative' && !ignoredName(ig, r.name)) expect(a).toBeUndefined();
          else expect(a && { p: a.priority, ou: a.profile.organizationalUnit }).toEqual({ p: prios[i], ou: r.ou });
        });
        // and planning again shows nothing to do
        expect(plan(desired, after).changes).toEqual([]);
      }),
    );
  });
});
