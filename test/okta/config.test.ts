import { generateKeyPairSync } from 'node:crypto';
import { resolveConnection, shownOrgUrl } from '../../src/okta/config';
import { caught } from './support/with-fake-okta';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PEM = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const JWK = JSON.stringify({ ...ec.privateKey.export({ format: 'jwk' }), kid: 'jwk-kid' });

const oauthEnv = {
  OKTA_CLIENT_ORGURL: 'https://example.okta.com/',
  OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey',
  OKTA_CLIENT_CLIENTID: '0oaCLIENT',
  OKTA_CLIENT_SCOPES: 'okta.apps.read  okta.groups.read',
  OKTA_CLIENT_PRIVATEKEY: PEM,
  OKTA_CLIENT_KEYID: 'kid-1',
};

describe('resolveConnection', () => {
  it('reads an SSWS token, strips the trailing slash and defaults the capacity to 50%', () => {
    expect(resolveConnection({ OKTA_CLIENT_ORGURL: 'https://example.okta.com/', OKTA_CLIENT_TOKEN: 'tok' })).toEqual({
      orgUrl: 'https://example.okta.com',
      auth: { mode: 'SSWS', token: 'tok' },
      maxCapacity: 0.5,
    });
  });

  it('lets flags win over the environment', () => {
    const c = resolveConnection({ OKTA_CLIENT_ORGURL: 'https://a.okta.com', OKTA_CLIENT_TOKEN: 'tok' }, { orgUrl: 'https://b.okta.com', maxCapacity: 25 });
    expect([c.orgUrl, c.maxCapacity]).toEqual(['https://b.okta.com', 0.25]);
    expect(resolveConnection({ OKTA_CLIENT_TOKEN: 'tok' }, { orgUrl: 'http://127.0.0.1:8080', maxCapacity: 1 })).toMatchObject({
      orgUrl: 'http://127.0.0.1:8080',
      maxCapacity: 0.01,
    });
  });

  it('reads a PrivateKey service app (PEM), splitting scopes on spaces', () => {
    expect(resolveConnection(oauthEnv)).toEqual({
      orgUrl: 'https://example.okta.com',
      auth: { mode: 'PrivateKey', clientId: '0oaCLIENT', scopes: ['okta.apps.read', 'okta.groups.read'], privateKey: PEM.trim(), keyId: 'kid-1' },
      maxCapacity: 0.5,
    });
  });

  it('takes the kid from a JWK when OKTA_CLIENT_KEYID is not set', () => {
    const c = resolveConnection({ ...oauthEnv, OKTA_CLIENT_PRIVATEKEY: JWK, OKTA_CLIENT_KEYID: undefined, OKTA_CLIENT_AUTHORIZATIONMODE: 'privatekey' });
    expect(c.auth).toMatchObject({ mode: 'PrivateKey', keyId: 'jwk-kid' });
  });

  it.each([
    [{}, {}, 'no Okta org URL', 'set OKTA_CLIENT_ORGURL'],
    [{ OKTA_CLIENT_ORGURL: 'https://example.okta.com' }, {}, 'no Okta API token', 'set OKTA_CLIENT_TOKEN'],
    [{ OKTA_CLIENT_ORGURL: 'example.okta.com', OKTA_CLIENT_TOKEN: 't' }, {}, 'is not a URL', 'https://example.okta.com'],
    [{ OKTA_CLIENT_ORGURL: 'ftp://example.okta.com', OKTA_CLIENT_TOKEN: 't' }, {}, 'is not http(s)', 'https://'],
    [{ OKTA_CLIENT_ORGURL: 'http://example.okta.com', OKTA_CLIENT_TOKEN: 't' }, {}, 'uses http', 'plain http is allowed only for loopback hosts'],
    [{ OKTA_CLIENT_ORGURL: 'https://example.okta.com/api/v1', OKTA_CLIENT_TOKEN: 't' }, {}, 'more than scheme, host and port', 'https://example.okta.com'],
    [{ OKTA_CLIENT_ORGURL: 'https://example-admin.okta.com', OKTA_CLIENT_TOKEN: 't' }, {}, 'Admin Console host', 'https://example.okta.com'],
    [{ OKTA_CLIENT_ORGURL: 'https://example.okta.com', OKTA_CLIENT_TOKEN: 't' }, { maxCapacity: 0.5 }, 'out of range', 'percentage from 1 to 100'],
    [{ OKTA_CLIENT_ORGURL: 'https://example.okta.com', OKTA_CLIENT_TOKEN: 't' }, { maxCapacity: 101 }, 'out of range', 'percentage'],
    [{ OKTA_CLIENT_ORGURL: 'https://example.okta.com', OKTA_CLIENT_AUTHORIZATIONMODE: 'Bearer' }, {}, 'is "Bearer"', 'SSWS'],
    [
      { OKTA_CLIENT_ORGURL: 'https://example.okta.com', OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey', OKTA_CLIENT_CLIENTID: 'c' },
      {},
      'needs 2 more settings',
      'set OKTA_CLIENT_SCOPES',
    ],
  ])('%j %j → %s', async (env, flags, message, hint) => {
    const e = await caught(() => resolveConnection(env as Record<string, string>, flags));
    expect(e).toMatchObject({ code: 'OKTA_CONFIG', exitCode: 1, message: expect.stringContaining(message), hint: expect.stringContaining(hint) });
  });

  it.each([
    ['https://admin:s3cretPW@x.okta.com/', ['admin', 's3cretPW'], 'org URL "https://***@x.okta.com" contains a user name or password'],
    ['https://:s3cretPW@x.okta.com', ['s3cretPW'], 'org URL "https://***@x.okta.com" contains a user name or password'],
    ['https://x.okta.com/?token=00tokVALUE', ['00tokVALUE'], 'org URL "https://x.okta.com?***" has a query string'],
    ['https://x.okta.com/#token=00tokVALUE', ['00tokVALUE'], 'org URL "https://x.okta.com#***" has a fragment'],
    ['http://admin:s3cretPW@x.okta.com/api/v1?token=00tokVALUE', ['admin', 's3cretPW', '00tokVALUE'], 'org URL "http://***@x.okta.com/api/v1?***" contains a user name or password'],
    ['ftp://admin:s3cretPW@x.okta.com/', ['admin', 's3cretPW'], 'org URL "ftp://***@x.okta.com" is not http(s)'],
    ['admin:s3cretPW@x.okta.com', ['admin', 's3cretPW'], 'org URL "***@x.okta.com" is not http(s)'],
    ['x.okta.com?token=00tokVALUE', ['00tokVALUE'], 'org URL "x.okta.com?***" is not a URL'],
    ['00tokVALUEabcdefghijklmnopqrstuvwxyz01234', ['00tokVALUE'], 'org URL "<41 characters, not shown>" is not a URL'],
    ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----', ['MIIEvQIBADANBgkq', 'PRIVATE KEY'], 'org URL "<70 characters, not shown>" is not a URL'],
    ['{"kty":"RSA","d":"s3cretD"}', ['s3cretD'], 'org URL "<27 characters, not shown>" is not a URL'],
  ])('refuses %s without echoing any part of the secret', async (orgUrl, secrets, message) => {
    const e = await caught(() => resolveConnection({ OKTA_CLIENT_ORGURL: orgUrl, OKTA_CLIENT_TOKEN: 't' }));
    expect(e).toMatchObject({ code: 'OKTA_CONFIG', exitCode: 1, message });
    const shown = `${String(e.message)} ${String(e.hint)} ${JSON.stringify(e)}`;
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });

  it('an authorization mode that is no word is not echoed (a secret in the wrong variable)', async () => {
    const env = { OKTA_CLIENT_ORGURL: 'https://x.okta.com', OKTA_CLIENT_TOKEN: 't' };
    expect((await caught(() => resolveConnection({ ...env, OKTA_CLIENT_AUTHORIZATIONMODE: '00tok5ecret' }))).message).toBe('OKTA_CLIENT_AUTHORIZATIONMODE is <11 characters, not shown>');
    expect((await caught(() => resolveConnection({ ...env, OKTA_CLIENT_AUTHORIZATIONMODE: 'OAuth' }))).message).toBe('OKTA_CLIENT_AUTHORIZATIONMODE is "OAuth"');
  });

  it('a token in the org URL variable: the hint says where it belongs', async () => {
    expect((await caught(() => resolveConnection({ OKTA_CLIENT_ORGURL: '00tokVALUEabc', OKTA_CLIENT_TOKEN: 't' }))).hint).toBe(
      'use the full URL, e.g. https://example.okta.com; a token or key belongs in OKTA_CLIENT_TOKEN or OKTA_CLIENT_PRIVATEKEY (are two secrets swapped?)',
    );
  });

  it('says what to write instead of a URL with credentials or a query', async () => {
    expect((await caught(() => resolveConnection({ OKTA_CLIENT_ORGURL: 'https://admin:pw@x.okta.com', OKTA_CLIENT_TOKEN: 't' }))).hint).toBe(
      'set the org URL to https://x.okta.com and give the credentials in OKTA_CLIENT_TOKEN (or the OKTA_CLIENT_* ' +
        'service app settings); Okta does not read credentials from the URL. If the URL was shared or logged, ' +
        'revoke the credential in it',
    );
    expect((await caught(() => resolveConnection({ OKTA_CLIENT_ORGURL: 'https://x.okta.com?token=1', OKTA_CLIENT_TOKEN: 't' }))).hint).toBe(
      'set the org URL to https://x.okta.com, without "?…" or "#…"; a token belongs in OKTA_CLIENT_TOKEN, never in the URL',
    );
  });

  it('shows an org URL without user name, password, query or fragment', () => {
    expect(shownOrgUrl('https://example.okta.com/')).toBe('https://example.okta.com');
    expect(shownOrgUrl('https://u:p@example.okta.com:8443/x?q=1#f')).toBe('https://***@example.okta.com:8443/x?***#***');
    expect(shownOrgUrl('u:p@example.okta.com/x#f')).toBe('***@example.okta.com/x#***');
  });

  it('rejects an unreadable private key without echoing it', async () => {
    const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-not-a-key';
    const e = await caught(() => resolveConnection({ ...oauthEnv, OKTA_CLIENT_PRIVATEKEY: `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----` }));
    expect(e).toMatchObject({ code: 'OKTA_CONFIG', message: 'OKTA_CLIENT_PRIVATEKEY is not a readable private key' });
    expect(JSON.stringify(e) + String(e.hint)).not.toContain(secret);
  });

  it('does not read process.env', async () => {
    // Restore whatever the environment had (a developer's real token must survive the test run).
    const had = Object.prototype.hasOwnProperty.call(process.env, 'OKTA_CLIENT_TOKEN');
    const previous = process.env.OKTA_CLIENT_TOKEN;
    process.env.OKTA_CLIENT_TOKEN = 'ambient';
    try {
      expect(await caught(() => resolveConnection({ OKTA_CLIENT_ORGURL: 'https://example.okta.com' }))).toMatchObject({
        code: 'OKTA_CONFIG',
        message: 'no Okta API token',
      });
    } finally {
      if (had) process.env.OKTA_CLIENT_TOKEN = previous;
      else delete process.env.OKTA_CLIENT_TOKEN;
    }
  });
});
