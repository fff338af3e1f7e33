import type { AppRec, GroupRec } from '../types';

const GROUP_LOGOS = [
  { name: 'medium', href: 'https://op3static2.oktacdn.com/assets/img/logos/groups/odyssey/okta-medium.30ce6d4085dff29412984e4c191bc874.png', type: 'image/png' },
  { name: 'large', href: 'https://op3static2.oktacdn.com/assets/img/logos/groups/odyssey/okta-large.c3cb8cda8ae0add1b4fe928f5844dbe3.png', type: 'image/png' },
];

/** Group JSON as recorded (recorded Okta responses); AD-imported groups per spec OktaActiveDirectoryGroupProfile. */
export function renderGroup(g: GroupRec, base: string, expand?: string | null, sourceApp?: AppRec): Record<string, unknown> {
  const href = `${base}/api/v1/groups/${g.id}`;
  const links: Record<string, unknown> = { logo: GROUP_LOGOS, users: { href: `${href}/users` }, apps: { href: `${href}/apps` } };
  if (g.sourceAppId) links.source = { href: `${base}/api/v1/apps/${g.sourceAppId}` };
  const out: Record<string, unknown> = {
    id: g.id,
    created: g.created,
    lastUpdated: g.lastUpdated,
    lastMembershipUpdated: g.lastMembershipUpdated,
    objectClass: [g.type === 'APP_GROUP' ? 'okta:windows_security_principal' : 'okta:user_group'],
    type: g.type,
    profile: { ...g.profile },
  };
  if (expand === 'stats') {
    out._embedded = {
      // Spelling as in the spec's Group._embedded.stats ("hasAdminPrivlege").
      stats: { usersCount: g.members.size, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivlege: g.profile.name === 'Okta Administrators' },
    };
  } else if (expand === 'app' && sourceApp) {
    out._embedded = { app: { id: sourceApp.id, name: sourceApp.name, label: sourceApp.label, signOnMode: sourceApp.signOnMode } };
  }
  out._links = links;
  return out;
}
