import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { desiredDigest } from '../../src/plan/desired-digest';
import { canonicalJson } from '../../src/model/sorted-json';
import type { DesiredDirectory } from '../../src/model/types';
import { aDesiredDirectory, aDesiredState } from '../support/builders';

const C = 'DC=corp,DC=example,DC=com';
const corp = (): DesiredDirectory => aDesiredDirectory().withGroup('Engineering', `OU=Eng,${C}`, { division: 'x' }).withGroup('Sales', `OU=Sales,${C}`).withImportOUs(`OU=Staff,${C}`).build();

/** Every position moved, as when lines are added above: nothing that is applied changes. */
function shifted(d: DesiredDirectory): DesiredDirectory {
  const at = (s: { file: string; line: number; column: number }) => ({ ...s, line: s.line + 5 });
  return {
    ...d,
    source: at(d.source),
    fieldSources: Object.fromEntries(Object.entries(d.fieldSources).map(([k, s]) => [k, at(s)])),
    importOUs: d.importOUs.map((o) => ({ ...o, source: at(o.source) })),
    groups: d.groups.map((g) => ({ ...g, source: at(g.source), ouSource: at(g.ouSource) })),
  };
}

describe('desiredDigest', () => {
  it('is the sha256 of the named directories\' canonical JSON, in name order, positions left out', () => {
    const emea = aDesiredDirectory('emea').withGroup('EMEA', `OU=E,${C}`).build();
    const d = corp();
    const positions = new Set(['source', 'ouSource', 'profileSources', 'fieldSources']);
    const strip = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(strip) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !positions.has(k)).map(([k, x]) => [k, strip(x)])) : v;
    const expected = `sha256:${createHash('sha256').update(canonicalJson(strip([d, emea]))).digest('hex')}`;
    expect(desiredDigest(aDesiredState(d, emea), ['emea', 'corp'])).toBe(expected);
  });

  it('is equal for equal mappings wherever their lines are, and differs when an OU, a profile key or the set of directories does', () => {
    const d = corp();
    const digest = desiredDigest(aDesiredState(d), ['corp']);
    expect(desiredDigest(aDesiredState(shifted(d)), ['corp'])).toBe(digest);
    expect(desiredDigest(aDesiredState({ ...d, groups: [{ ...d.groups[0], ou: `OU=Eng2,${C}` }, d.groups[1]] }), ['corp'])).not.toBe(digest);
    expect(desiredDigest(aDesiredState({ ...d, groups: [{ ...d.groups[0], profile: { division: 'y' } }, d.groups[1]] }), ['corp'])).not.toBe(digest);
    expect(desiredDigest(aDesiredState(d, aDesiredDirectory('emea').build()), ['corp', 'emea'])).not.toBe(digest);
  });

  it('keeps data that shares a name with a position key: a profile key "source" is applied, so changing it changes the digest', () => {
    const d = corp();
    const withSource = (v: string): DesiredDirectory => ({ ...d, groups: [{ ...d.groups[0], profile: { ...d.groups[0].profile, source: v, fieldSources: v } }, d.groups[1]] });
    const digest = desiredDigest(aDesiredState(withSource('a')), ['corp']);
    expect(desiredDigest(aDesiredState(withSource('b')), ['corp'])).not.toBe(digest);
    expect(desiredDigest(aDesiredState(shifted(withSource('a'))), ['corp'])).toBe(digest);
  });

  it('writes listed groups as text with the very bytes of their canonical JSON without positions, whatever their shape', () => {
    const isRef = (v: unknown): boolean => v !== null && typeof v === 'object' && typeof (v as { file?: unknown }).file === 'string' && typeof (v as { line?: unknown }).line === 'number';
    const positions = new Set(['source', 'ouSource', 'profileSources', 'fieldSources']);
    const isPosition = (k: string, v: unknown): boolean =>
      positions.has(k) && v !== null && typeof v === 'object' && (isRef(v) || (!Array.isArray(v) && Object.values(v as object).every(isRef)));
    const strip = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(strip) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !isPosition(k, x)).map(([k, x]) => [k, strip(x)])) : v;
    const ref = fc.record({ file: fc.constantFrom('a.yaml', 'b"c.yaml'), line: fc.nat(9), column: fc.nat(9) });
    const text = fc.oneof(fc.constantFrom('__proto__', '42', 'a"b', '\ud800', 'source'), fc.string({ maxLength: 5 }));
    const value = fc.oneof(text, fc.integer(), fc.constant(null), ref, fc.dictionary(text, ref, { maxKeys: 2 }));
    const group = fc.record(
      {
        group: fc.oneof(text, fc.integer()),
        ou: fc.oneof(text, fc.constant(null)),
        profile: fc.oneof(fc.constant({}), fc.dictionary(fc.oneof(text, fc.constantFrom('source', 'profileSources')), value, { maxKeys: 3 })),
        index: fc.oneof(fc.nat(99), fc.constant(Number.NaN)),
        source: fc.oneof(ref, ref, value),
        ouSource: fc.oneof(ref, ref, value),
        profileSources: fc.oneof(fc.constant(undefined), fc.dictionary(text, ref, { maxKeys: 2 }), value),
        other: value,
      },
      { requiredKeys: ['group', 'ou', 'profile', 'index', 'source', 'ouSource'] },
    );
    fc.assert(
      fc.property(fc.array(group, { maxLength: 6 }), (groups) => {
        const d = { ...corp(), groups: groups as unknown as DesiredDirectory['groups'] };
        const expected = `sha256:${createHash('sha256').update(canonicalJson(strip([d]))).digest('hex')}`;
        expect(desiredDigest(aDesiredState(d), ['corp'])).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
