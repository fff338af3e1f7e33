/**
 * `okta-ou explain USER`, the pure part: for one user and one directory, the user's groups assigned to
 * the AD app in priority order now and after the mappings are applied, the winner of each (placement.ts),
 * what the plan does to the user (impact.ts's classification), whether they are assigned individually,
 * and whether the app user's actual `dn` sits in the OU its winning group says.
 */
import type { AssignmentChange, LiveAssignment } from '../model/types';
import { classify } from './impact';
import { assignmentsAfter, assignmentsBefore, dnInOu, placementOf, type RankedAssignment } from './placement';

export interface ExplainedGroup {
  id: string;
  name: string;
  /** null when Okta returned no numeric priority. */
  priority: number | null;
  ou: string | null;
}

export interface AppUserFacts {
  scope: string;
  status: string;
  syncState?: string;
  dn?: string;
}

export type ExplainOutcome = 'unchanged' | 'move' | 'stay' | 'gain' | 'lose' | 'individual';

export interface UserExplanation {
  directory: string;
  app: { id: string; label: string };
  /** The user's groups assigned to the app, highest priority first, now and after the plan. */
  groupsNow: ExplainedGroup[];
  groupsAfter: ExplainedGroup[];
  /** The winning group (its OU places the user); null: no assigned group. */
  now: ExplainedGroup | null;
  after: ExplainedGroup | null;
  /** What applying the mappings does to the user; `individual`: assigned individually, the groups do not place them. */
  outcome: ExplainOutcome;
  individual: boolean;
  /** The app user; null when the user is not assigned to the app. */
  appUser: AppUserFacts | null;
  /** Whether the app user's dn sits in the winning group's OU; null when there is no dn, no winner or no OU to compare. */
  dnInWinningOu: boolean | null;
}

export interface ExplainInput {
  directory: string;
  app: { id: string; label: string };
  /** Ids of every group the user is a member of. */
  userGroups: ReadonlySet<string>;
  /** Group names by id (the live slice's groups). */
  groupNames: Record<string, string>;
  live: readonly LiveAssignment[];
  changes: readonly AssignmentChange[];
  updateOUOnGroupChange?: boolean;
  appUser: AppUserFacts | null;
}

export function explainUser(input: ExplainInput): UserExplanation {
  const named = (a: RankedAssignment): ExplainedGroup => ({
    id: a.groupId,
    name: input.groupNames[a.groupId] ?? a.groupId,
    priority: Number.isFinite(a.priority) ? a.priority : null,
    ou: a.ou,
  });
  const mine = (ranked: RankedAssignment[]): ExplainedGroup[] => ranked.filter((a) => input.userGroups.has(a.groupId)).map(named);
  const before = assignmentsBefore(input.live);
  const after = assignmentsAfter(input.live, input.changes);
  const [groupsNow, groupsAfter] = [mine(before), mine(after)];
  const individual = input.appUser?.scope === 'USER';
  const kind = classify(placementOf(before, input.userGroups), placementOf(after, input.userGroups), input.updateOUOnGroupChange === false);
  const now = groupsNow[0] ?? null;
  const dn = input.appUser?.dn;
  return {
    directory: input.directory,
    app: input.app,
    groupsNow,
    groupsAfter,
    now,
    after: groupsAfter[0] ?? null,
    outcome: individual ? 'individual' : (kind ?? 'unchanged'),
    individual,
    appUser: input.appUser,
    dnInWinningOu: dn && now?.ou ? dnInOu(dn, now.ou) : null,
  };
}
