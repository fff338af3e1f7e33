/**
 * The Okta user → AD app mappings of the user types other than the default (Okta keeps one per user
 * type: Directory > Profile Editor > each user type's mapping to the app). Read only when the org has
 * such types: `GET /api/v1/mappings?targetId={appId}` (items without properties), then one
 * `GET /api/v1/mappings/{id}` per other type's mapping. The default type's mapping is read-mapping.ts's.
 */
import type { LiveTypeMapping } from '../model/user-types';
import type { OktaApi } from '../okta/api';
import { type RawMapping, type RawUserType, seg, toLiveMapping } from './okta-shapes';

/** Every user type, the default one marked (one call, `GET /api/v1/meta/types/user`). */
export async function readUserTypes(api: OktaApi): Promise<{ defaultId: string | null; others: Array<{ id: string; name: string; schemaHref?: string }> }> {
  const res = await api.request<RawUserType[]>('GET', '/api/v1/meta/types/user');
  const types = Array.isArray(res.body) ? res.body : [];
  const def = types.find((t) => t.default === true) ?? types.find((t) => t.name === 'user');
  const others = types
    .filter((t) => t !== def && typeof t.id === 'string' && typeof t.name === 'string')
    .map((t) => ({ id: t.id as string, name: t.name as string, ...(typeof t._links?.schema?.href === 'string' ? { schemaHref: t._links.schema.href } : {}) }));
  return { defaultId: def?.id ?? null, others };
}

export async function readTypeMappings(api: OktaApi, others: Array<{ id: string; name: string }>, appId: string): Promise<LiveTypeMapping[]> {
  if (others.length === 0) return [];
  const items = await api.list<RawMapping>('/api/v1/mappings', { targetId: appId, limit: 200 });
  const out: LiveTypeMapping[] = [];
  for (const t of others) {
    const item = items.find((m) => m.target?.id === appId && m.source?.id === t.id);
    if (!item?.id) continue;
    const res = await api.request<RawMapping>('GET', `/api/v1/mappings/${seg(item.id)}`);
    out.push({ userType: { id: t.id, name: t.name }, mapping: toLiveMapping(res.body) });
  }
  return out;
}
