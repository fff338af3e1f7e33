/**
 * Which Okta API scopes an OAuth service app is granted. Okta refuses a token request that asks for one
 * scope the app lacks (invalid_scope) without saying which, so doctor asks for all of them once and, only
 * when that is refused, for each one alone. Token requests only: no API call, nothing written.
 */
import { OktaAuthError } from '../okta/errors';
import type { OktaClient } from '../okta/client';

function isInvalidScope(e: unknown): boolean {
  return e instanceof OktaAuthError && e.errorCode === 'invalid_scope';
}

/** The scopes of `probe` the service app is granted, in `probe` order. Other refusals are thrown. */
export async function grantedScopes(connect: (scopes: string[]) => OktaClient, probe: readonly string[]): Promise<string[]> {
  const ask = async (scopes: string[]): Promise<string[]> => {
    const client = connect(scopes);
    try {
      return await client.authenticate();
    } finally {
      await client.close();
    }
  };
  try {
    const got = await ask([...probe]);
    return probe.filter((s) => got.includes(s));
  } catch (e) {
    if (!isInvalidScope(e)) throw e;
  }
  const granted: string[] = [];
  for (const scope of probe) {
    try {
      if ((await ask([scope])).includes(scope)) granted.push(scope);
    } catch (e) {
      if (!isInvalidScope(e)) throw e;
    }
  }
  return granted;
}
