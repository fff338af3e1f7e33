/**
 * Find the app instance each directory names (`app:` is an id or a label).
 *
 * - An id (`0oa…`): `GET /api/v1/apps/{id}`; a 404 falls back to the label lookup, in case a label looks
 *   like an id.
 * - Labels: ONE paginated `GET /api/v1/apps?filter=name eq "active_directory"&limit=200`, shared by every
 *   directory (Okta supports `filter` on `name`; docs/okta-api.md §2). Labels are not unique in Okta:
 *   exact matches win, then case-insensitive ones, and every match is returned (several: APP_AMBIGUOUS).
 * - A label that matches no AD app may still be some other app (the planner reports APP_NOT_AD rather
 *   than APP_NOT_FOUND): one `GET /api/v1/apps?q=<label>` per such label. `q` is a startsWith match on
 *   name and label, so the exact label is picked client-side.
 */
import { AD_APP_NAME, LDAP_APP_NAME, looksLikeAppId } from '../model/okta-ids';
import type { OktaApi } from '../okta/api';
import { type RawApp, seg } from './okta-shapes';

/**
 * Every app with exactly this label, else every app whose label matches case-insensitively. Okta does not
 * keep labels unique, so more than one is possible: the planner reports APP_AMBIGUOUS and the user writes
 * the id; picking one silently could plan against the wrong domain.
 */
export function matchLabel<A extends { label?: string }>(apps: A[], label: string): A[] {
  const exact = apps.filter((a) => a.label === label);
  if (exact.length > 0) return exact;
  const lower = label.toLowerCase();
  return apps.filter((a) => typeof a.label === 'string' && a.label.toLowerCase() === lower);
}

/**
 * Every Active Directory app instance in the org: ONE paginated list filtered on the app name (Okta
 * supports `filter` on `name`; docs/okta-api.md §2). Shared by the live reader and `okta-ou export`.
 */
export async function listAdApps(api: OktaApi): Promise<RawApp[]> {
  return listAppsNamed(api, AD_APP_NAME);
}

function listAppsNamed(api: OktaApi, name: string): Promise<RawApp[]> {
  return api.list<RawApp>('/api/v1/apps', { filter: `name eq "${name}"`, limit: 200 });
}

/** Every AD and LDAP directory instance (one list per app name): what `okta-ou export` exports. */
export async function listDirectoryApps(api: OktaApi): Promise<RawApp[]> {
  const [ad, ldap] = await Promise.all([listAdApps(api), listAppsNamed(api, LDAP_APP_NAME)]);
  return [...ad, ...ldap];
}

/**
 * Returns, for every distinct reference, the raw apps it matches: none, one, or several (ambiguous label);
 * and the labels of every AD app when they were listed (for "did you mean" on a label that matched none).
 */
export async function findApps(api: OktaApi, refs: string[], log: (s: string) => void): Promise<Map<string, RawApp[]> & { adLabels?: string[] }> {
  const found: Map<string, RawApp[]> & { adLabels?: string[] } = new Map<string, RawApp[]>();
  const byLabel: string[] = [];
  const unique = [...new Set(refs)];

  await Promise.all(
    unique.filter(looksLikeAppId).map(async (id) => {
      const res = await api.request<RawApp>('GET', `/api/v1/apps/${seg(id)}`, { okStatuses: [404] });
      if (res.status === 404) byLabel.push(id);
      else found.set(id, [res.body]);
    }),
  );
  byLabel.push(...unique.filter((r) => !looksLikeAppId(r)));
  if (byLabel.length === 0) return found;

  const adApps = await listAdApps(api);
  log(`live: ${adApps.length} ${AD_APP_NAME} app(s) in the org`);
  found.adLabels = adApps.map((a) => a.label).filter((l): l is string => typeof l === 'string');
  const missing: string[] = [];
  for (const label of byLabel) {
    const apps = matchLabel(adApps, label);
    if (apps.length > 0) found.set(label, apps);
    else missing.push(label);
  }
  await Promise.all(
    missing.map(async (label) => {
      const apps = await api.list<RawApp>('/api/v1/apps', { q: label, limit: 200 });
      found.set(label, matchLabel(apps, label));
    }),
  );
  return found;
}
