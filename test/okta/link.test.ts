import { findLink, parseLinkHeader } from '../../src/okta/link';

const BASE = 'https://example.okta.com/api/v1/apps?limit=2';

describe('parseLinkHeader (RFC 8288)', () => {
  it.each([
    [
      'repeated header fields, as Okta sends them',
      ['<https://example.okta.com/api/v1/apps?limit=2>; rel="self"', '<https://example.okta.com/api/v1/apps?after=0oa2&limit=2>; rel="next"'],
    ],
    [
      'one comma-joined field, as proxies and some clients deliver them',
      '<https://example.okta.com/api/v1/apps?limit=2>; rel="self", <https://example.okta.com/api/v1/apps?after=0oa2&limit=2>; rel="next"',
    ],
    [
      'odd spacing, unquoted rel and upper-case names',
      '  <https://example.okta.com/api/v1/apps?limit=2> ;REL=self ,<https://example.okta.com/api/v1/apps?after=0oa2&limit=2>;   Rel = "NEXT"  ',
    ],
  ])('finds self and next in %s', (_name, header) => {
    expect(parseLinkHeader(header, BASE).map((l) => [l.url, l.rels])).toEqual([
      ['https://example.okta.com/api/v1/apps?limit=2', ['self']],
      ['https://example.okta.com/api/v1/apps?after=0oa2&limit=2', ['next']],
    ]);
  });

  it('reads several space-separated relation types in one quoted rel', () => {
    const links = parseLinkHeader('<https://example.okta.com/p2>; rel="next last"; title="page, two"', BASE);
    expect(links).toEqual([{ url: 'https://example.okta.com/p2', rels: ['next', 'last'], params: { rel: 'next last', title: 'page, two' } }]);
    expect(findLink('<https://example.okta.com/p2>; rel="next last"', 'last', BASE)).toBe('https://example.okta.com/p2');
  });

  it('keeps commas inside the URL and resolves relative targets against the base', () => {
    expect(findLink('</api/v1/groups?filter=a,b&after=00g9>; rel="next"', 'next', BASE)).toBe(
      'https://example.okta.com/api/v1/groups?filter=a,b&after=00g9',
    );
  });

  it('uses only the first rel parameter and skips garbage between values', () => {
    const h = 'garbage, <https://example.okta.com/a>; rel="self"; rel="next", <https://example.okta.com/b>; rel=next';
    expect(parseLinkHeader(h, BASE).map((l) => [l.url, l.rels])).toEqual([
      ['https://example.okta.com/a', ['self']],
      ['https://example.okta.com/b', ['next']],
    ]);
  });

  it('returns nothing for a missing header, and no next on the last page', () => {
    expect(parseLinkHeader(undefined)).toEqual([]);
    expect(findLink('<https://example.okta.com/api/v1/apps?limit=2>; rel="self"', 'next', BASE)).toBeUndefined();
  });
});
