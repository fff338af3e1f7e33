import type { UserRec } from '../types';

/** User JSON per spec `User` (the sandbox only serves reads). */
export function renderUser(u: UserRec, base: string): Record<string, unknown> {
  return {
    id: u.id,
    status: u.status,
    created: u.created,
    activated: u.created,
    statusChanged: u.created,
    lastLogin: null,
    lastUpdated: u.lastUpdated,
    passwordChanged: u.created,
    type: { id: u.typeId },
    profile: { ...u.profile },
    credentials: { provider: u.importedFrom ? { ...u.importedFrom.provider } : { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${base}/api/v1/users/${u.id}` } },
  };
}
