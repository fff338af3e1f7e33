/**
 * Find the app instance each directory names (`app:` is an id or a label).
 *
 * - An id (`0oa…`): `GET /api/v1/apps/{id}`; a 404 falls back to the label lookup, in case a label looks
 *   like an id.
 * - Labels: ONE paginated `GET /api/v1/apps?filter=name eq "active_directory"&limit=200`, shared by every
 *   directory (Okta supports `filter` on `name`; notes/okta-api.md §2). Labels are not unique in Okta, so
 *   an exact match wins, then a case-insensitive one; the first in Okta's order is kept.
 * - A label that matches no AD app may still be some other app (the planner reports APP_NOT_AD rather
 *   than APP_NOT_FOUND): one `GET /api/v1/apps?q=<label>` per such label. `q` is a startsWith match on
 *   name and label, so the exact label is picked client-side.
 */
import { looksLikeAppId } from '../model/okta-ids';
import type { OktaApi } from '../okta/api';
import { type RawApp, seg } from './okta-shapes';

function pickByLabel(apps: RawApp[], label: string): RawApp | null {
  const exact = apps.find((a) => a.label === label);
  if (exact) return exact;
  const lower = label.toLowerCase();
  return apps.find((a) => typeof a.label === 'string' && a.label.toLowerCase() === lower) ?? null;
}

/** Returns, for every distinct reference, the raw app found or null. */
export async function findApps(api: OktaApi, refs: string[], log: (s: string) => void): Promise<Map<string, RawApp | null>> {
  const found = new Map<string, RawApp | null>();
  const byLabel: string[] = [];
  const unique = [...new Set(refs)];

  await Promise.all(
    unique.filter(looksLikeAppId).map(async (id) => {
      const res = await api.request<RawApp>('GET', `/api/v1/apps/${seg(id)}`, { okStatuses: [404] });
      if (res.status === 404) byLabel.push(id);
      else found.set(id, res.body);
    }),
  );
  byLabel.push(...unique.filter((r) => !looksLikeAppId(r)));
  if (byLabel.length === 0) return found;

  const adApps = await api.list<RawApp>('/api/v1/apps', { filter: 'name eq "active_directory"', limit: 200 });
  log(`live: ${adApps.length} active_directory app(s) in the org`);
  const missing: string[] = [];
  for (const label of byLabel) {
    const app = pickByLabel(adApps, label);
    if (app) found.set(label, app);
    else missing.push(label);
  }
  await Promise.all(
    missing.map(async (label) => {
      const apps = await api.list<RawApp>('/api/v1/apps', { q: label, limit: 200 });
      found.set(label, pickByLabel(apps, label));
    }),
  );
  return found;
}
