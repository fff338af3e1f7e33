import fc from 'fast-check';
import { isUnder } from '../../src/model/dn';
import { globToRegExp } from '../../src/plan/ignore';
import { differingKeys, dnUnder, ouToWrite, ousEqual } from '../../src/plan/normalise';

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

  it('dnUnder agrees with isUnder of the DN module, escaped commas included', () => {
    const value = fc.constantFrom('a', 'b', 'a\\,b', 'b\\, ou=a', 'A', 'x\\\\', 'x\\\\,y');
    const rdn = fc.tuple(fc.constantFrom('ou', 'OU', 'dc', 'cn'), value).map(([t, v]) => `${t}=${v}`);
    const dn = fc.array(rdn, { minLength: 1, maxLength: 4 }).map((r) => r.join(','));
    fc.assert(
      fc.property(dn, dn, (child, parent) => {
        expect(dnUnder(child, parent)).toBe(isUnder(child, parent));
        expect(dnUnder(`${child},${parent}`, parent)).toBe(isUnder(`${child},${parent}`, parent));
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
