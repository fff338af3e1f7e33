import { createHash } from 'node:crypto';
import { desiredDigest } from '../../src/cli/planning';
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
});
