/**
 * Test plumbing for the Okta client: start a fake Okta, create a client for it, run the test body, and
 * close both whatever happens; `caught` returns the error a call throws (or fails the test if none).
 */
import { createOktaClient, type OktaClient, type OktaClientOptions } from '../../../src/okta/client';
import type { ConnectionConfig } from '../../../src/okta/config';
import { FakeClock, startFakeOkta, type FakeOkta, type Handler } from './fake-okta';

export const FAKE_TOKEN = '00fakeOKTAtokenVALUE0000000000';

export interface WithFakeOktaOptions extends OktaClientOptions {
  /** Connection settings for the server's URL (default: SSWS with FAKE_TOKEN, capacity 50 %). */
  config?: (url: string) => ConnectionConfig;
}

export interface FakeOktaRun<S extends FakeOkta> {
  server: S;
  client: OktaClient;
  /** Every line the client logged (verbose ones only with `verbose: true`). */
  lines: string[];
}

export function sswsConfig(url: string, token = FAKE_TOKEN): ConnectionConfig {
  return { orgUrl: url, auth: { mode: 'SSWS', token }, maxCapacity: 0.5 };
}

/**
 * `server` is a handler for a plain fake Okta, or an already-starting one (startOAuthOkta, …). Sleeps go
 * to a FakeClock unless `opts.sleep` is given, so back-offs cost no time.
 */
export async function withFakeOkta<S extends FakeOkta = FakeOkta, T = void>(
  server: Handler | Promise<S>,
  opts: WithFakeOktaOptions,
  fn: (run: FakeOktaRun<S>) => Promise<T>,
): Promise<T> {
  const started = (typeof server === 'function' ? await startFakeOkta(server) : await server) as S;
  const lines: string[] = [];
  const { config, log, ...clientOpts } = opts;
  let client: OktaClient | undefined;
  try {
    client = createOktaClient((config ?? sswsConfig)(started.url), {
      sleep: new FakeClock().sleep,
      log: (l) => {
        lines.push(l);
        log?.(l);
      },
      ...clientOpts,
    });
    return await fn({ server: started, client, lines });
  } finally {
    await client?.close();
    await started.close();
  }
}

/** The error `f` (a function or a promise) throws or rejects with; fails the test when there is none. */
export async function caught<E = Record<string, unknown>>(f: Promise<unknown> | (() => unknown)): Promise<E> {
  try {
    await (typeof f === 'function' ? f() : f);
  } catch (e) {
    return e as E;
  }
  throw new Error('expected an error, but none was thrown');
}
