import { json, startFakeOkta, type FakeOkta } from './support/fake-okta';
import { withFakeOkta } from './support/with-fake-okta';

/** Pages `total` groups by the id of the last item, the way Okta does; link style per test. */
function pagedServer(total: number, style: 'repeated' | 'joined', nextOrigin?: string): Promise<FakeOkta> {
  const items = Array.from({ length: total }, (_, i) => ({ id: `00g${String(i).padStart(5, '0')}` }));
  let origin = '';
  const p = startFakeOkta((req, res) => {
    const limit = Number(req.query.get('limit') ?? 20);
    const after = req.query.get('after');
    const start = after ? items.findIndex((g) => g.id === after) + 1 : 0;
    const page = items.slice(start, start + limit);
    const self = `<${origin}${req.path}?${req.query.toString()}>; rel="self"`;
    const links = [self];
    if (start + limit < items.length) {
      links.push(`<${nextOrigin ?? origin}${req.path}?after=${page[page.length - 1].id}&limit=${limit}>; rel="next"`);
    }
    json(res, 200, page, { link: style === 'repeated' ? links : links.join(', ') });
  });
  return p.then((s) => {
    origin = s.url;
    return s;
  });
}

describe('list() follows Link rel="next"', () => {
  it.each(['repeated', 'joined'] as const)('reads 1,000 items in 5 pages of 200 (%s Link headers)', async (style) => {
    await withFakeOkta(pagedServer(1000, style), {}, async ({ server, client }) => {
      const groups = await client.list<{ id: string }>('/api/v1/groups', { q: undefined });
      expect(groups.map((g) => g.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `00g${String(i).padStart(5, '0')}`));
      expect(server.seen.map((r) => `${r.path}?${r.query.toString()}`)).toEqual([
        '/api/v1/groups?limit=200',
        '/api/v1/groups?after=00g00199&limit=200',
        '/api/v1/groups?after=00g00399&limit=200',
        '/api/v1/groups?after=00g00599&limit=200',
        '/api/v1/groups?after=00g00799&limit=200',
      ]);
      expect(client.counts().reads).toEqual({ '/api/v1/groups': 5 });
    });
  });

  it('keeps a caller-given limit and query on the first page only', async () => {
    await withFakeOkta(pagedServer(5, 'repeated'), {}, async ({ server, client }) => {
      expect(await client.list('/api/v1/groups', { limit: 2, q: 'Eng' })).toHaveLength(5);
      expect(server.seen.map((r) => r.query.toString())).toEqual(['limit=2&q=Eng', 'after=00g00001&limit=2', 'after=00g00003&limit=2']);
    });
  });

  it('refuses a next link on another origin, so the token never leaves the org', async () => {
    await withFakeOkta(pagedServer(5, 'repeated', 'https://elsewhere.example.com'), {}, async ({ server, client }) => {
      await expect(client.list('/api/v1/groups', { limit: 2 })).rejects.toMatchObject({
        code: 'OKTA_PROTOCOL',
        message: expect.stringContaining('points to https://elsewhere.example.com'),
      });
      expect(server.seen).toHaveLength(1);
    });
  });

  it('stops at a next link that leads back to a page already read (a loop), after exactly two pages', async () => {
    // Page 1 → page 2 → page 1 …; from the 5th request on the server ends the list, so a client without
    // the guard returns (wrongly) instead of hanging.
    let origin = '';
    const server = startFakeOkta((req, res) => {
      const after = req.query.get('after');
      const next = after === 'p1' ? `${origin}/api/v1/groups?limit=200` : `${origin}/api/v1/groups?after=p1&limit=200`;
      const link = fake.seen.length >= 5 ? [] : [`<${next}>; rel="next"`];
      json(res, 200, [{ id: after ?? 'p0' }], { link, 'x-okta-request-id': 'req-loop' });
    });
    const fake = await server;
    origin = fake.url;
    await withFakeOkta(Promise.resolve(fake), {}, async ({ client }) => {
      await expect(client.list('/api/v1/groups')).rejects.toMatchObject({
        code: 'OKTA_PROTOCOL',
        message: 'GET /api/v1/groups: the next-page link repeats a page already read [X-Okta-Request-Id req-loop]',
      });
      expect(fake.seen.map((r) => r.query.toString())).toEqual(['limit=200', 'after=p1&limit=200']);
    });
  });

  it('says so when a list endpoint answers something that is not a list', async () => {
    await withFakeOkta((_req, res) => json(res, 200, { id: 'x' }, { 'x-okta-request-id': 'req-not-a-list' }), {}, async ({ client }) => {
      await expect(client.list('/api/v1/apps/0oa1')).rejects.toMatchObject({
        code: 'OKTA_PROTOCOL',
        exitCode: 1,
        message: expect.stringMatching(/^GET \/api\/v1\/apps\/0oa1: 127\.0\.0\.1:\d+ answered object where a list was expected \[X-Okta-Request-Id req-not-a-list\]$/),
        hint:
          'if the org URL is right (not a proxy or another site), this is a bug in okta-ou: please report it with ' +
          'the command you ran and the request id',
      });
    });
  });
});
