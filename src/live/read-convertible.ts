/**
 * With `assignments.convertUserScope`: which individually assigned app users (scope USER) are members
 * of a managed group. One member list per managed group (`GET /api/v1/groups/{id}/users`, streamed,
 * keeping only the individually assigned users), so plan keeps to its read scopes.
 */
import type { LiveUserScoped } from '../model/user-scope';
import type { OktaApi } from '../okta/api';
import { readMemberIds } from './group-members';

export async function readConvertible(api: OktaApi, managedGroupIds: string[], individual: ReadonlyMap<string, string | undefined>): Promise<LiveUserScoped[]> {
  if (individual.size === 0) return [];
  const groupsOf = new Map<string, string[]>();
  const lists = await Promise.all(managedGroupIds.map(async (g) => [g, (await readMemberIds(api, g, (id) => individual.has(id))).ids] as const));
  for (const [g, ids] of lists) for (const id of ids) groupsOf.set(id, [...(groupsOf.get(id) ?? []), g]);
  // In the order Okta listed the app users.
  return [...individual].filter(([id]) => groupsOf.has(id)).map(([id, login]) => ({ id, ...(login !== undefined ? { login } : {}), groups: groupsOf.get(id)! }));
}
