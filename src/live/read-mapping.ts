/**
 * The Okta user → AD app user profile mapping (docs/okta-api.md §3): the default user type
 * (`GET /api/v1/meta/types/user`, once per run: read-type-mappings.ts), then `GET /api/v1/mappings?sourceId={oty}&targetId={appId}`
 * (0 or 1 item, and list items never carry `properties`), then `GET /api/v1/mappings/{id}`.
 */
import type { LiveMapping } from '../model/types';
import type { OktaApi } from '../okta/api';
import { type RawMapping, seg, toLiveMapping } from './okta-shapes';

/** The mapping from the user type to the app, with its properties; null when Okta has none. */
export async function readMapping(api: OktaApi, userTypeId: string | null, appId: string): Promise<LiveMapping | null> {
  // Without a known user type, list by target only and keep the Okta → app direction (source.type "user").
  const query = userTypeId ? { sourceId: userTypeId, targetId: appId, limit: 200 } : { targetId: appId, limit: 200 };
  const items = await api.list<RawMapping>('/api/v1/mappings', query);
  const item = items.find(
    (m) => m.target?.id === appId && (userTypeId ? m.source?.id === userTypeId : m.source?.type === 'user'),
  );
  if (!item?.id) return null;
  const res = await api.request<RawMapping>('GET', `/api/v1/mappings/${seg(item.id)}`);
  return toLiveMapping(res.body);
}
