import fc from 'fast-check';
import { globToRegExp } from '../../src/plan/ignore';
import { differingKeys, OU_KEY, ouToWrite, ousEqual, profileValueEquals } from '../../src/plan/normalise';

describe('normalise', () => {
  it.each([
    ['OU=Sales,DC=corp,DC=com', 'ou=sales, dc=corp ,dc=com', true],
    ['OU=R&D\\, Berlin,DC=corp', 'ou=r&d\\2c berlin,dc=corp', true],
    ['OU=Sales,DC=corp', 'OU=Sales2,DC=corp', false],
    ['not a dn', ' NOT A DN ', true],
  ])('ousEqual(%j, %j) = %j', (a, b, want) => {
    expect(ousEqual(a, b)).toBe(want);
  });

  it('writes the normalised lower-case DN, or the value as given with ouCase preserve', () => {
    expect([ouToWrite('OU = R&D\\, Berlin , DC=Corp', 'lower'), ouToWrite('OU = R&D\\, Berlin , DC=Corp', 'preserve')]).toEqual(['ou=r&d\\, berlin,dc=corp', 'OU = R&D\\, Berlin , DC=Corp']);
  });

  it('compares only the desired keys; OU as a DN, others deeply and regardless of key order', () => {
    expect(differingKeys({ organizationalUnit: 'OU=A,DC=x', o: { b: 1, a: [1, 2] }, extra: 1 }, { organizationalUnit: 'ou=a,dc=x', o: { a: [1, 2], b: 1 }, n: null })).toEqual(['n']);
  });

  it('OU texts equal but for case are always equal OUs (profileValueEquals needs no extra lower-case test)', () => {
    const value = fc.constantFrom('a', 'B', 'a\\,b', 'R&D\\2C Berlin', '#04AB', 'é', 'x\\\\', ' sp ', 'İ', '\u212A');
    const rdn = fc.tuple(fc.constantFrom('ou', 'OU', 'dc', 'cn', 'organizationalUnitName'), value).map(([t, v]) => `${t}=${v}`);
    const text = fc.oneof(fc.array(rdn, { minLength: 1, maxLength: 4 }).map((r) => r.join(',')), fc.string());
    const flip = fc.array(fc.boolean(), { minLength: 64, maxLength: 64 });
    fc.assert(
      fc.property(text, flip, (a, flips) => {
        const b = Array.from(a).map((c, i) => (flips[i % 64] ? c.toUpperCase() : c.toLowerCase())).join('');
        if (a.toLowerCase() !== b.toLowerCase()) return;
        expect(profileValueEquals(OU_KEY, a, b)).toBe(true);
      }),
    );
  });

  it.each([
    ['legacy-*', 'Legacy-VPN', true],
    ['legacy-*', 'legacy', false],
    ['kiosk-?', 'kiosk-1', true],
    ['kiosk-?', 'kiosk-12', false],
    ['R&D (Berlin)', 'r&d (berlin)', true],
    ['a.b', 'axb', false],
  ])('ignore glob %j matches %j: %j', (glob, name, want) => {
    expect(globToRegExp(glob).test(name)).toBe(want);
  });
});
