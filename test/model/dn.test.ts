import fc from 'fast-check';
import { canonicalRdns, DN_CACHE_LIMIT, dnEquals, domainToDn, isUnder, namingContextDn, normaliseDn, parseDn, tryNamingContextDn, tryNormaliseDn } from '../../src/model/dn';

describe('parseDn', () => {
  test.each([
    ['OU=Employees,DC=corp,DC=example,DC=com', [[{ type: 'ou', value: 'Employees' }], [{ type: 'dc', value: 'corp' }], [{ type: 'dc', value: 'example' }], [{ type: 'dc', value: 'com' }]]],
    // escaped comma, as AD writes a CN "Smith, John"
    ['CN=Smith\\, John,OU=Users', [[{ type: 'cn', value: 'Smith, John' }], [{ type: 'ou', value: 'Users' }]]],
    // the same comma as a hex pair
    ['CN=Smith\\2C John,OU=Users', [[{ type: 'cn', value: 'Smith, John' }], [{ type: 'ou', value: 'Users' }]]],
    // multi-valued RDN
    ['CN=Jane+UID=jd1,OU=Users', [[{ type: 'cn', value: 'Jane' }, { type: 'uid', value: 'jd1' }], [{ type: 'ou', value: 'Users' }]]],
    // spaces around separators are insignificant; an escaped trailing space is kept
    [' OU = Sales\\  , DC = corp ', [[{ type: 'ou', value: 'Sales ' }], [{ type: 'dc', value: 'corp' }]]],
    // a leading '#' escaped is a literal character; an unescaped one starts a BER hex value
    ['CN=\\#1 Team,OU=x', [[{ type: 'cn', value: '#1 Team' }], [{ type: 'ou', value: 'x' }]]],
    ['CN=#04024869,OU=x', [[{ type: 'cn', value: '04024869', hex: true }], [{ type: 'ou', value: 'x' }]]],
    // UTF-8 as hex pairs (RFC 4514 §3 example: "Lučić")
    ['CN=Lu\\C4\\8Di\\C4\\87', [[{ type: 'cn', value: 'Lučić' }]]],
    // long attribute names fold to the short ones AD prints
    ['organizationalUnitName=Sales,domainComponent=corp', [[{ type: 'ou', value: 'Sales' }], [{ type: 'dc', value: 'corp' }]]],
    ['2.5.4.11=Sales', [[{ type: '2.5.4.11', value: 'Sales' }]]],
    // "=" inside a value needs no escape in RFC 4514
    ['CN=a=b', [[{ type: 'cn', value: 'a=b' }]]],
    // …but may be escaped: every RFC 4514 §3 backslash escape stands for its character
    ['CN=a\\=b', [[{ type: 'cn', value: 'a=b' }]]],
    ['OU=\\"q\\" \\+ \\; \\< \\> \\\\ \\#\\ ', [[{ type: 'ou', value: '"q" + ; < > \\ # ' }]]],
    ['OU=\\ lead\\,x', [[{ type: 'ou', value: ' lead,x' }]]],
  ])('%s', (s, rdns) => {
    expect(parseDn(s)).toEqual({ ok: true, rdns });
  });

  test.each([
    ['', 'the DN is empty', 0],
    ['OU=Sales,', 'the DN ends with a comma', 8],
    ['OU=Sales;DC=corp', '";" must be escaped as "\\;" inside a value', 8],
    ['Sales,DC=corp', 'expected "=" after "Sales", found ","', 5],
    ['OU=R&D, Berlin,DC=corp', 'expected "=" after "Berlin", found ","', 14],
    ['OU=,DC=corp', 'the value is empty', 3],
    ['OU=a,,DC=corp', 'expected an attribute type such as OU, CN or DC, found ","', 5],
    ['OU=a\\', 'the DN ends with a lone backslash', 4],
    ['OU=a\\x', '"\\x" is not a valid escape (escape only , + " \\ < > ; # = space, or use two hex digits)', 4],
    ['CN=\\C4', 'hex escapes do not form valid UTF-8', 3],
    ['CN=#123', 'a "#" value must be followed by an even number of hex digits (escape a literal "#" as "\\#")', 3],
    // junk after a "#" value is not dropped: the value ends at its hex run
    ['CN=#0102zOU=Eng,DC=corp', 'a "#" value ends after its hex digits: expected "," or "+", found "z"', 8],
    ['CN=#0102 x,DC=corp', 'a "#" value ends after its hex digits: expected "," or "+", found "x"', 9],
    ['1.=x', '"1." is not a valid attribute type (OID)', 0],
    ['OU=a<b', '"<" must be escaped as "\\<" inside a value', 4],
  ])('rejects %j', (s, error, offset) => {
    expect(parseDn(s)).toEqual({ ok: false, error, offset });
  });
});

describe('normaliseDn', () => {
  test.each([
    ['OU=Engineering, OU=Employees, DC=corp, DC=example, DC=com', 'ou=engineering,ou=employees,dc=corp,dc=example,dc=com'],
    ['OU=R&D\\, Berlin,OU=Employees,DC=corp,DC=example,DC=com', 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com'],
    ['OU=R&D\\2c Berlin,OU=Employees,DC=corp,DC=example,DC=com', 'ou=r&d\\, berlin,ou=employees,dc=corp,dc=example,dc=com'],
    ['UID=jd1 + CN=Jane,OU=Users', 'cn=jane+uid=jd1,ou=users'],
    ['CN=\\20lead\\20', 'cn=\\ lead\\ '],
    ['CN=#0402486F', 'cn=#0402486f'],
    ['CN=#0402486F , OU=x+CN=#01 ', 'cn=#0402486f,cn=#01+ou=x'],
    ['CN=a\\3Db', 'cn=a=b'],
    ['CN=x\\0Ay', 'cn=x\\0ay'],
    ['CN=Domain Users,CN=Users,DC=corp,DC=example,DC=com', 'cn=domain users,cn=users,dc=corp,dc=example,dc=com'],
  ])('%s', (s, n) => {
    expect(normaliseDn(s)).toBe(n);
  });

  test('preserveCase keeps value case, lower-cases types', () => {
    expect(normaliseDn('OU = R&D\\2C Berlin , DC=Corp', { preserveCase: true })).toBe('ou=R&D\\, Berlin,dc=Corp');
  });

  test('throws on invalid input; tryNormaliseDn returns null', () => {
    expect(() => normaliseDn('OU=a,')).toThrow('invalid DN "OU=a,": the DN ends with a comma (at character 5)');
    expect(tryNormaliseDn('OU=a,')).toBeNull();
  });
});

describe('compare and contain', () => {
  test('dnEquals ignores case, spacing and escape spelling', () => {
    expect(dnEquals('OU=R&D\\, Berlin,DC=corp', 'ou = r&d\\2C berlin , dc=CORP')).toBe(true);
    expect(dnEquals('OU=Sales,DC=corp', 'OU=Sales,DC=emea')).toBe(false);
    expect(dnEquals('OU=a,', 'OU=a,')).toBe(false);
  });

  test.each([
    ['OU=Eng,OU=Employees,DC=corp,DC=example,DC=com', 'OU=Employees,DC=corp,DC=example,DC=com', true],
    ['ou=employees, dc=corp,dc=example,dc=com', 'OU=Employees,DC=corp,DC=example,DC=com', true],
    ['OU=Employees,DC=corp,DC=example,DC=com', 'OU=Eng,OU=Employees,DC=corp,DC=example,DC=com', false],
    // suffix match is by whole RDNs, not by string
    ['OU=Eng,OU=XEmployees,DC=corp', 'OU=Employees,DC=corp', false],
    ['OU=Staff,DC=emea,DC=example,DC=com', 'DC=corp,DC=example,DC=com', false],
    ['OU=a,', 'DC=corp', false],
  ])('isUnder(%s, %s) = %s', (child, parent, expected) => {
    expect(isUnder(child, parent)).toBe(expected);
  });

  test('domains and naming contexts', () => {
    expect(domainToDn('corp.example.com')).toBe('dc=corp,dc=example,dc=com');
    expect(domainToDn('Corp.Example.com.')).toBe('dc=corp,dc=example,dc=com');
    expect(namingContextDn('corp.example.com')).toBe('dc=corp,dc=example,dc=com');
    expect(namingContextDn('DC=corp, DC=example, DC=com')).toBe('dc=corp,dc=example,dc=com');
    expect(() => domainToDn('corp..com')).toThrow('invalid domain name');
    expect(tryNamingContextDn('DC=corp,')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: a DN model, rendered in many spellings, must always normalise to the same string.

const special = [',', '+', '"', '\\', '<', '>', ';', '=', '#', ' ', 'é', 'ß', '&', '/', 'Ω'];
const valueChar = fc.oneof(fc.constantFrom(...special), fc.constantFrom(...'abcXYZ019-_.'.split('')));
const value = fc.array(valueChar, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const type = fc.constantFrom('ou', 'cn', 'dc', 'uid', 'o');
const ava = fc.record({ type, value });
const model = fc.array(fc.array(ava, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 5 });

const mustEscape = new Set([',', '+', '"', '\\', '<', '>', ';']);

/** Renders one value with random (but valid) choices: \c or \XX escapes, hex for any char, random case. */
function spell(v: string, choices: number[], upper: boolean): string {
  const chars = Array.from(v);
  return chars
    .map((c, i) => {
      const pick = choices[i % choices.length];
      // Only case changes that round-trip (ß → SS does not): DNs compare by simple case folding.
      const cc = upper && c.toUpperCase().toLowerCase() === c.toLowerCase() && Array.from(c.toUpperCase()).length === 1 ? c.toUpperCase() : c;
      const hex = () =>
        Array.from(Buffer.from(cc, 'utf8'))
          .map((b) => `\\${b.toString(16).padStart(2, '0')}`)
          .map((h) => (pick % 3 === 0 ? h.toUpperCase() : h))
          .join('');
      const needs = mustEscape.has(c) || (i === 0 && (c === ' ' || c === '#')) || (i === chars.length - 1 && c === ' ');
      if (pick % 4 === 0) return hex();
      if (needs) return pick % 2 ? `\\${cc}` : hex();
      return cc;
    })
    .join('');
}

const spelling = fc.record({
  choices: fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 6 }),
  upper: fc.boolean(),
  upperType: fc.boolean(),
  pad: fc.constantFrom('', ' ', '  '),
  reverseRdnParts: fc.boolean(),
});

function render(m: Array<Array<{ type: string; value: string }>>, s: { choices: number[]; upper: boolean; upperType: boolean; pad: string; reverseRdnParts: boolean }): string {
  const p = s.pad;
  return m
    .map((rdn) => {
      const parts = rdn.map((a) => `${s.upperType ? a.type.toUpperCase() : a.type}${p}=${p}${spell(a.value, s.choices, s.upper)}`);
      return (s.reverseRdnParts ? [...parts].reverse() : parts).join(`${p}+${p}`);
    })
    .join(`${p},${p}`);
}

describe('properties', () => {
  test('every spelling of a DN parses and normalises to the same string', () => {
    fc.assert(
      fc.property(model, spelling, spelling, (m, s1, s2) => {
        const a = render(m, s1);
        const b = render(m, s2);
        expect(tryNormaliseDn(a)).not.toBeNull();
        expect(normaliseDn(a)).toBe(normaliseDn(b));
        expect(dnEquals(a, b)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('normalise is idempotent and keeps the values', () => {
    fc.assert(
      fc.property(model, spelling, (m, s) => {
        const n = normaliseDn(render(m, s));
        expect(normaliseDn(n)).toBe(n);
        const parsed = parseDn(n);
        expect(parsed.ok && parsed.rdns.map((r) => r.map((a) => a.value).sort())).toEqual(m.map((r) => r.map((a) => a.value.toLowerCase()).sort()));
      }),
      { numRuns: 300 },
    );
  });

  test('a DN is under each of its suffixes and under no longer DN', () => {
    fc.assert(
      fc.property(model, spelling, spelling, fc.nat(), (m, s1, s2, k) => {
        const cut = k % m.length;
        const child = render(m, s1);
        const parent = render(m.slice(cut), s2);
        expect(isUnder(child, parent)).toBe(true);
        if (cut > 0) expect(isUnder(parent, child)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  test('parseDn never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseDn(s);
        if (!r.ok) expect(r.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});

test('canonicalRdns: normalised RDNs, leaf first', () => {
  expect(canonicalRdns('OU=R&D\\2C Berlin, UID=x+CN=Y,DC=corp')).toEqual(['ou=r&d\\, berlin', 'cn=y+uid=x', 'dc=corp']);
  expect(canonicalRdns('OU=a,')).toBeNull();
});

test('canonicalRdns is memoised: the same frozen result for the same text, recomputed after the cache is cleared', () => {
  const first = canonicalRdns('OU=Memo,DC=corp');
  expect(canonicalRdns('OU=Memo,DC=corp')).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  expect(first).toEqual(['ou=memo', 'dc=corp']);
  for (let i = 0; i < DN_CACHE_LIMIT; i++) canonicalRdns(`OU=g${i},DC=corp`);
  const again = canonicalRdns('OU=Memo,DC=corp');
  expect(again).not.toBe(first);
  expect(again).toEqual(['ou=memo', 'dc=corp']);
  expect(isUnder('OU=a\\,b,OU=Memo,DC=corp', 'ou=memo,dc=corp')).toBe(true);
  expect(isUnder('OU=a\\,OU=Memo,DC=corp', 'ou=memo,dc=corp')).toBe(false);
  expect(tryNormaliseDn('OU=Memo,DC=corp', { preserveCase: true })).toBe('ou=Memo,dc=corp');
});
