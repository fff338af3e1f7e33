/**
 * People in the plan: where each affected user is placed before and after it, and what that means for
 * them (docs/design.md §4 "impact"). Pure types, shared by src/live (which reads the memberships),
 * src/plan (which computes placements and impact) and the renderers.
 */

/** A user as the plan names them: the Okta user id and, when read, the login. */
export interface UserRef {
  id: string;
  login?: string;
}

/** One user's OU before and after the plan; null: no OU (not provisioned, or the assignment sets none). */
export interface UserOuChange {
  user: UserRef;
  from: string | null;
  to: string | null;
}

/** Who a change (or a whole plan, per directory) affects, each user at most once per list. */
export interface ImpactLists {
  /** Users who newly get the AD app: their AD accounts are created in `to`. */
  gain: UserOuChange[];
  /** Users left with no assigned group and no individual assignment: they lose the AD app. */
  lose: UserOuChange[];
  /** Users whose OU changes and who move (from → to). */
  move: UserOuChange[];
  /** Users whose target OU changes but who stay where they are (`updateOUOnGroupChange: false`). */
  stay: UserOuChange[];
  /** Users whose group placement would change but who are assigned individually (scope USER): they keep their own placement. */
  individual: UserRef[];
}

export interface DirectoryImpact extends ImpactLists {
  directory: string;
  /** The app's users (every scope and status) when the plan was made: the base of the user thresholds. */
  appUsers: number;
}

/** The plan's `impact`: per change (by change id) and per directory (each user once). */
export interface PlanImpact {
  changes: Record<string, ImpactLists>;
  directories: DirectoryImpact[];
}

/**
 * What src/live read about people for one directory. Only the users the plan can affect are kept (the
 * members of the changed groups), with their memberships in the assigned groups that can decide their
 * placement; or, with `--check-placement`, every member of every assigned group.
 */
export interface LivePeople {
  /** Okta user id → login, for the users kept. */
  users: Record<string, string>;
  /** Group id → ids of the kept users who are members of it; only for the groups read (a deciding group's may come from the kept users' own groups). */
  members: Record<string, string[]>;
  /** True once the memberships the impact needs were read (read-people.ts); the impact is computed only then. */
  membersRead?: boolean;
  /** Groups whose every member was kept (the changed ones; their member counts come from these reads); the other groups read kept only those members. */
  fullyRead?: string[];
  /** True when every assigned group's members were read and kept (`--check-placement`): every user's placement is known. */
  allMembers?: boolean;
  /** Ids of app users assigned individually (scope USER). */
  individual: string[];
  /** Their app user names (credentials.userName, else email), where Okta gave one. */
  individualNames?: Record<string, string>;
  /** The number of app users (every scope and status). */
  appUsers: number;
  /** App user id → profile.dn of every app user Okta has pushed (not STAGED); only under `--check-placement`. */
  dns?: Record<string, string>;
}

export const emptyImpactLists = (): ImpactLists => ({ gain: [], lose: [], move: [], stay: [], individual: [] });
