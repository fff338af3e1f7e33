/**
 * `assignments.convertUserScope: true` (pure): every app user assigned individually (scope USER) who is
 * a member of a managed group becomes a change to group scope (`POST /api/v1/apps/{appId}/users/{userId}`
 * with `{"scope":"GROUP"}`, as Okta's own Workflows template converts them), so their OU follows their
 * group. A user in no managed group is never converted. With it false, USER_SCOPE_ASSIGNMENT reports them.
 */
import type { UserScopeChange } from '../model/user-scope';
import type { DesiredDirectory, LiveDirectory } from '../model/types';

export function convertUserScope(desired: DesiredDirectory, live: LiveDirectory): UserScopeChange[] {
  if (!desired.assignments.convertUserScope) return [];
  const name = (id: string): string => live.groups[id]?.name ?? id;
  return (live.toConvert ?? []).map((u) => ({
    id: `${desired.name}/scope/${u.id}`,
    directory: desired.name,
    kind: 'userScope',
    action: 'update',
    user: { id: u.id, ...(u.login !== undefined ? { login: u.login } : {}) },
    groups: u.groups.map(name).sort(),
    before: { scope: 'USER' },
    after: { scope: 'GROUP' },
    reason: `assigned individually, but a member of ${u.groups.length === 1 ? 'managed group' : 'managed groups'} ${u.groups.map((g) => `"${name(g)}"`).sort().join(', ')}: converted so their OU follows the group (assignments.convertUserScope)`,
  }));
}
