/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY: `okta-ou plan` against the local Okta through a small local
 * forwarding proxy, which sees exactly the requests the local Okta answers; NO_PROXY bypasses it.
 */
import { corpMappings, corpOrg } from '../support/corp-org';
import { runCli } from '../support/cli';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { oktaEnv, project, removeProjects, useSandbox } from '../e2e/helpers';

const files = { 'corp.yaml': corpMappings([['Engineering', 'Engineering']]) };

describe('plan through an egress proxy', () => {
  const sb = useSandbox(corpOrg({ Engineering: ['ada@example.com'] }));
  let proxy: ForwardProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(() => removeProjects());

  async function planWith(env: Record<string, string>): Promise<Awaited<ReturnType<typeof runCli>>> {
    sb.audit.length = 0;
    sb.rateLimiter.resetAll();
    return runCli(['plan', '--verbose'], { env: { ...oktaEnv(sb), ...env }, cwd: project(files) });
  }
  const answered = (): string[] => sb.audit.map((e) => `${e.method} ${e.path}`).sort();
  const forwarded = (p: ForwardProxy): string[] => p.requests.map((r) => r.replace(/\?.*$/, '')).sort();

  test('HTTP_PROXY: every request goes through the proxy, and --verbose says so', async () => {
    proxy = await startForwardProxy({ target: sb.url });
    const res = await planWith({ HTTP_PROXY: proxy.url });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`proxy: ${sb.url} through ${proxy.url}\n`);
    expect(sb.audit.length).toBeGreaterThan(0);
    expect(forwarded(proxy)).toEqual(answered());
    expect(proxy.tunnels).toBeGreaterThan(0);
  });

  test('credentials in the proxy URL reach the proxy and never the output', async () => {
    proxy = await startForwardProxy({ target: sb.url, credentials: { user: 'egress', password: 'pr0xy-s3cret' } });
    const res = await planWith({ http_proxy: `http://egress:pr0xy-s3cret@127.0.0.1:${proxy.port}` });
    expect(res.code).toBe(0);
    expect(proxy.authorizations[0]).toBe(`Basic ${Buffer.from('egress:pr0xy-s3cret').toString('base64')}`);
    expect(forwarded(proxy)).toEqual(answered());
    expect(res.stderr).toContain(`through http://127.0.0.1:${proxy.port}\n`);
    expect(res.stderr + res.stdout).not.toMatch(/pr0xy-s3cret|egress:|ZWdyZXNz/);
  });

  test('a proxy that wants credentials it was not given: exit 1 saying so, nothing reaches Okta', async () => {
    proxy = await startForwardProxy({ target: sb.url, credentials: { user: 'egress', password: 'pr0xy-s3cret' } });
    const res = await planWith({ HTTP_PROXY: `http://egress:wrong-pass@127.0.0.1:${proxy.port}` });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error OKTA_NETWORK GET /api/v1/apps failed');
    expect(res.stderr).toContain('407');
    expect(res.stderr).not.toContain('wrong-pass');
    expect(proxy.requests).toEqual([]);
    expect(sb.audit).toEqual([]);
  });

  test('lower-case names win over upper-case ones; an empty one counts as unset', async () => {
    proxy = await startForwardProxy({ target: sb.url });
    const res = await planWith({ https_proxy: '', http_proxy: proxy.url, HTTP_PROXY: 'http://127.0.0.1:9', no_proxy: 'example.com', NO_PROXY: '127.0.0.1' });
    expect(res.code).toBe(0);
    expect(forwarded(proxy)).toEqual(answered());
  });

  test.each(['127.0.0.1', '*', 'example.com, 127.0.0.1:PORT'])('NO_PROXY=%s bypasses the proxy', async (noProxy) => {
    proxy = await startForwardProxy({ target: sb.url });
    const res = await planWith({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy.replace('PORT', new URL(sb.url).port) });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`proxy: not used for ${sb.url} (NO_PROXY matches)`);
    expect(proxy.tunnels).toBe(0);
    expect(proxy.requests).toEqual([]);
    expect(sb.audit.length).toBeGreaterThan(0);
  });

  test('loopback is not exempt: NO_PROXY=localhost does not cover 127.0.0.1 (undici’s rule)', async () => {
    proxy = await startForwardProxy({ target: sb.url });
    const res = await planWith({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost' });
    expect(res.code).toBe(0);
    expect(forwarded(proxy)).toEqual(answered());
  });

  test('HTTPS_PROXY alone is not used for an http org (the local Okta)', async () => {
    proxy = await startForwardProxy({ target: sb.url });
    const res = await planWith({ HTTPS_PROXY: proxy.url });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`proxy: none for ${sb.url} (only HTTPS_PROXY is set)`);
    expect(proxy.tunnels).toBe(0);
  });

  test('a proxy variable that is not a URL: exit 1 naming it, no request sent', async () => {
    const res = await planWith({ HTTPS_PROXY: 'proxy.example.com:3128' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error OKTA_CONFIG HTTPS_PROXY is not an http(s) proxy URL');
    expect(res.stderr).toContain('hint: write it as http://host:port');
    expect(sb.audit).toEqual([]);
  });
});
