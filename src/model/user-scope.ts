/**
 * Converting individual assignments to group scope (`assignments.convertUserScope`): the plan change.
 * A user assigned to the AD app individually (app user `scope: USER`) keeps their own placement even
 * when they are a member of a managed group; converted to `scope: GROUP`, their OU follows the group.
 */

export interface UserScopeChange {
  /** `<directory>/scope/<userId>` */
  id: string;
  directory: string;
  kind: 'userScope';
  action: 'update';
  user: { id: string; login?: string };
  /** The managed groups the user is a member of (names), whose OU they then follow. */
  groups: string[];
  before: { scope: 'USER' };
  after: { scope: 'GROUP' };
  reason: string;
}

/** Individually assigned app users who are members of managed groups (read only with convertUserScope). */
export interface LiveUserScoped {
  id: string;
  login?: string;
  /** Ids of the managed groups the user is a member of. */
  groups: string[];
}
