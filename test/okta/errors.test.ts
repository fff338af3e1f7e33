import { createOktaClient, type OktaClient } from '../../src/okta/client';
import { errorFromResponse, type OktaErrorBody, type OktaErrorContext } from '../../src/okta/errors';
import { FakeClock, httpDate, json, oktaError, startFakeOkta, type FakeOkta } from './support/fake-okta';
import { caught } from './support/with-fake-okta';

const TOKEN = 'ssws-token-for-error-tests-0123456789';

describe('typed errors', () => {
  let server: FakeOkta;
  let client: OktaClient;
  const clock = new FakeClock();
  beforeAll(async () => {
    server = await startFakeOkta((req, res) => {
      const id = { 'x-okta-request-id': `req-${req.path.split('/').pop()}` };
      switch (req.path) {
        case '/api/v1/apps/401':
          return json(res, 401, oktaError('E0000011', 'Invalid token provided'), id);
        case '/api/v1/apps/403':
          return json(res, 403, oktaError('E0000006', 'You do not have permission to perform the requested action'), id);
        case '/api/v1/apps/404':
          return json(res, 404, oktaError('E0000007', 'Not found: Resource not found: 0oa404 (AppInstance)'), id);
        case '/api/v1/mappings/400':
          return json(res, 400, oktaError('E0000001', 'Api validation failed: mapping', ['dn: Property not found', 'title: Invalid expression']), id);
        case '/api/v1/apps/429':
          return json(res, 429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), {
            ...id,
            date: httpDate(clock.now()),
            'x-rate-limit-limit': '100',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(Math.floor(clock.now() / 1000) + 5),
          });
        case '/api/v1/directories/502':
          return json(res, 502, oktaError('E0000240', 'Request timed out waiting for agent.'), id);
        case '/api/v1/apps/504':
          return json(res, 504, oktaError('E0000241', 'No connected agents.'), id);
        case '/api/v1/apps/502-edge':
          return json(res, 502, oktaError('E0000009', 'Internal Server Error'), id);
        case '/api/v1/apps/500':
          return json(res, 500, oktaError('E0000009', 'Internal Server Error'), id);
        case '/api/v1/apps/409':
          return json(res, 409, oktaError('E0000068', 'Conflict'), id);
        case '/api/v1/apps/html':
          res.writeHead(503, { 'content-type': 'text/html' });
          return res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
        default:
          return json(res, 200, {});
      }
    });
    client = createOktaClient({ orgUrl: server.url, auth: { mode: 'SSWS', token: TOKEN }, maxCapacity: 0.5 }, {
      now: clock.now,
      sleep: clock.sleep,
      maxRetries: 2,
    });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('401 → OKTA_AUTH, exit 4, with a hint about the token', async () => {
    const e = await caught(client.request('GET', '/api/v1/apps/401', { query: { q: 'secret-search' } }));
    expect(e).toMatchObject({
      name: 'OktaAuthError',
      code: 'OKTA_AUTH',
      exitCode: 4,
      status: 401,
      errorCode: 'E0000011',
      requestId: 'req-401',
      message: 'GET /api/v1/apps/401 → 401 E0000011: Invalid token provided [X-Okta-Request-Id req-401]',
      hint: expect.stringContaining('check OKTA_CLIENT_TOKEN'),
    });
  });

  it('403 under SSWS names the admin role, not a scope', async () => {
    const e = await caught(client.request('PUT', '/api/v1/apps/403'));
    expect(e).toMatchObject({
      code: 'OKTA_AUTH',
      exitCode: 4,
      message: 'PUT /api/v1/apps/403 → 403 E0000006: You do not have permission to perform the requested action [X-Okta-Request-Id req-403]',
      hint: expect.stringContaining('admin'),
      requiredScopes: ['okta.apps.manage'],
    });
  });

  it('404 → OKTA_NOT_FOUND', async () => {
    const e = await caught(client.request('GET', '/api/v1/apps/404'));
    expect(e).toMatchObject({
      name: 'OktaNotFound',
      code: 'OKTA_NOT_FOUND',
      exitCode: 1,
      message: 'GET /api/v1/apps/404 → 404 E0000007: Not found: Resource not found: 0oa404 (AppInstance) [X-Okta-Request-Id req-404]',
    });
  });

  it('400 → OKTA_VALIDATION with errorCauses', async () => {
    const e = await caught(client.request('POST', '/api/v1/mappings/400', { body: { properties: {} } }));
    expect(e).toMatchObject({
      name: 'OktaValidationError',
      code: 'OKTA_VALIDATION',
      errorCauses: ['dn: Property not found', 'title: Invalid expression'],
      message:
        'POST /api/v1/mappings/400 → 400 E0000001: Api validation failed: mapping (causes: dn: Property not found; title: Invalid expression) [X-Okta-Request-Id req-400]',
    });
  });

  it('429 after the retries are spent → OKTA_RATE_LIMITED, having waited for each reset', async () => {
    const before = server.seen.length;
    const e = await caught(client.request('GET', '/api/v1/apps/429'));
    expect(server.seen.length - before).toBe(3);
    expect(e).toMatchObject({
      name: 'OktaRateLimited',
      code: 'OKTA_RATE_LIMITED',
      message:
        'GET /api/v1/apps/429 → 429 E0000047: API call exceeded rate limit due to too many requests. — rate limit of /api/v1/apps still exceeded after 3 attempts [X-Okta-Request-Id req-429]',
    });
  });

  it('502/504 → OKTA_AGENT_UNAVAILABLE; a POST is not retried, a GET is', async () => {
    const before = server.seen.length;
    const post = await caught(client.request('POST', '/api/v1/directories/502'));
    expect(server.seen.length - before).toBe(1);
    expect(post).toMatchObject({
      name: 'OktaAgentUnavailable',
      code: 'OKTA_AGENT_UNAVAILABLE',
      message: 'POST /api/v1/directories/502 → 502 E0000240: Request timed out waiting for agent. [X-Okta-Request-Id req-502]',
      hint: expect.stringContaining('AD agent'),
    });
    const get = await caught(client.request('GET', '/api/v1/apps/504'));
    expect(server.seen.length - before).toBe(1 + 3);
    expect(get).toMatchObject({ code: 'OKTA_AGENT_UNAVAILABLE', status: 504, errorCode: 'E0000241' });
  });

  it('a 502 without an agent errorCode (Okta edge, a proxy) → OKTA_SERVER_ERROR, not the AD agent', async () => {
    expect(await caught(client.request('POST', '/api/v1/apps/502-edge'))).toMatchObject({
      code: 'OKTA_SERVER_ERROR',
      status: 502,
      message: 'POST /api/v1/apps/502-edge → 502 E0000009: Internal Server Error [X-Okta-Request-Id req-502-edge]',
      hint: 'Okta failed on its side; retry later and quote the request id to Okta support if it persists',
    });
  });

  it('500 → OKTA_SERVER_ERROR', async () => {
    const e = await caught(client.request('PATCH', '/api/v1/apps/500', { body: [] }));
    expect(e).toMatchObject({
      name: 'OktaServerError',
      code: 'OKTA_SERVER_ERROR',
      message: 'PATCH /api/v1/apps/500 → 500 E0000009: Internal Server Error [X-Okta-Request-Id req-500]',
    });
  });

  it('other 4xx → OKTA_REQUEST; a non-JSON answer is summarised without markup', async () => {
    expect(await caught(client.request('DELETE', '/api/v1/apps/409'))).toMatchObject({
      code: 'OKTA_REQUEST',
      status: 409,
      hint:
        'Okta refused the request for the reason above; run plan again to see the current state (409/423: ' +
        'another change was in progress), and if it persists report it with the request id',
    });
    const html = await caught(client.request('POST', '/api/v1/apps/html'));
    expect(html).toMatchObject({ code: 'OKTA_SERVER_ERROR', message: expect.stringContaining('503: 503 Service Unavailable [no X-Okta-Request-Id]') });
  });

  it('a refused connection to a loopback URL → OKTA_NETWORK at once: nothing listens there, is the local Okta running?', async () => {
    const own = new FakeClock();
    const dead = createOktaClient({ orgUrl: 'http://127.0.0.1:9', auth: { mode: 'SSWS', token: TOKEN }, maxCapacity: 0.5 }, {
      sleep: own.sleep,
      maxRetries: 3,
    });
    try {
      const e = await caught(dead.request('GET', '/api/v1/apps'));
      expect(e).toMatchObject({
        code: 'OKTA_NETWORK',
        message: 'GET /api/v1/apps: nothing is listening on 127.0.0.1:9 (connection refused)',
        hint: expect.stringContaining('is the local Okta running? Start it with `okta-ou sandbox --port 9`'),
      });
      // No retry, no wait.
      expect(own.slept).toEqual([]);
    } finally {
      await dead.close();
    }
  });
});

describe('which 502/504 means the AD agent (docs/okta-api.md §5: the spec and the error catalogue disagree on the codes)', () => {
  const ctx = (status: number, body?: OktaErrorBody): OktaErrorContext => ({ method: 'POST', path: '/api/v1/directories/0oa1/groups/modify', status, body });

  it.each([
    // The spec's examples for POST /api/v1/directories/{appInstanceId}/groups/modify.
    [502, 'E0000236', 'There are no connected agents.'],
    [504, 'E0000237', 'Timed out waiting for agent'],
    // Okta's error-code catalogue (data/error-codes.json).
    [502, 'E0000240', 'Request timed out waiting for agent.'],
    [504, 'E0000241', 'No connected agents.'],
    // The catalogue's codes with the other status: the code alone decides.
    [504, 'E0000240', 'Internal Server Error'],
    [502, 'E0000237', 'Internal Server Error'],
  ])('%i %s → OKTA_AGENT_UNAVAILABLE', (status, errorCode, errorSummary) => {
    expect(errorFromResponse(ctx(status, { errorCode, errorSummary }), '/api/v1')).toMatchObject({ code: 'OKTA_AGENT_UNAVAILABLE', status, errorCode });
  });

  it.each([
    [502, 'E0000099', 'There are no connected agents.'],
    [504, undefined, 'Timed out waiting for AD Agent'],
  ])('%i %s whose summary mentions the agent → OKTA_AGENT_UNAVAILABLE', (status, errorCode, errorSummary) => {
    expect(errorFromResponse(ctx(status, { errorCode, errorSummary }), '/api/v1')).toMatchObject({ code: 'OKTA_AGENT_UNAVAILABLE', status });
  });

  it.each([
    [502, { errorCode: 'E0000009', errorSummary: 'Internal Server Error' }],
    [504, { errorSummary: 'Gateway Timeout' }],
    [502, { errorSummary: 'Bad Gateway: check your User-Agent' }],
    [504, undefined],
    // An agent code on another status is not the agent path.
    [500, { errorCode: 'E0000240', errorSummary: 'Request timed out waiting for agent.' }],
  ])('%i %j → OKTA_SERVER_ERROR', (status, body) => {
    expect(errorFromResponse(ctx(status, body), '/api/v1')).toMatchObject({ code: 'OKTA_SERVER_ERROR', status });
  });
});
