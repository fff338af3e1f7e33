/** SSWS API token: `Authorization: SSWS {token}` (spec `securitySchemes.apiToken`). */
import type { AuthProvider } from './types';

export function createSswsAuth(token: string): AuthProvider {
  const headers = { authorization: `SSWS ${token}` };
  return {
    mode: 'SSWS',
    scopes: [],
    authorize: async () => ({ ...headers }),
    // A refused API token does not get better by asking again.
    recover: () => false,
    secrets: () => [token],
  };
}
