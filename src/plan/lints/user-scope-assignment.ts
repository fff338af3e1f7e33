/**
 * USER_SCOPE_ASSIGNMENT (warning): members of managed groups are assigned to the AD app individually
 * (app user `scope: USER`). Their placement comes from their own assignment, so a group's OU does not
 * apply to them (the fix is converting the individual assignment to a group assignment: Applications > app > Assignments >
 * Convert Assignments, help.okta.com lcm-convert-user-group; docs/okta-api.md).
 * The conversion is `POST /api/v1/apps/{appId}/users/{userId}` with `{"scope":"GROUP"}` (Okta's
 * workflows template convert_application_assignment_scope_group_or_indi; docs/okta-api.md §4), or
 * Assignments > Convert Assignments in the Admin Console. okta-ou reports, it does not convert.
 */
import type { Finding } from '../../model/types';
import { USER_SAMPLE_SIZE } from '../../model/user-sample';
import { appObject, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const userScopeAssignment: Lint = {
  code: 'USER_SCOPE_ASSIGNMENT',
  severity: 'warning',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx).flatMap(({ desired, live, app }): Finding[] => {
      const { count, sample } = live.userScoped;
      // With convertUserScope the plan converts them instead (convert-user-scope.ts).
      if (count <= 0 || desired.assignments.convertUserScope) return [];
      const shown = sample.slice(0, USER_SAMPLE_SIZE).map((u) => u.userName ?? u.id);
      const more = count > shown.length ? `, and ${count - shown.length} more` : '';
      const first = sample[0]?.id ?? '{userId}';
      return [
        {
          code: 'USER_SCOPE_ASSIGNMENT',
          severity: 'warning',
          message: `${count} member${count === 1 ? '' : 's'} of managed groups ${count === 1 ? 'is' : 'are'} assigned to "${app.label}" individually (scope USER), so their OU does not follow their group${shown.length ? `: ${shown.join(', ')}${more}` : ''}`,
          hint: `convert each to a group assignment: POST /api/v1/apps/${app.id}/users/${first} with {"scope":"GROUP"} (or Assignments > Convert Assignments in the Admin Console)`,
          directory: desired.name,
          object: appObject(app),
        },
      ];
    }),
};
