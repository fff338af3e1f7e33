/**
 * The memberships the plan's impact needs (src/plan/impact-reads.ts decides which groups), read after a
 * first diff so a plan without assignment changes reads none: first the members of the changed groups
 * (ids and logins: the users the plan can affect), then the deciding groups, keeping only those users'
 * ids. When the affected users are fewer than the calls those groups' member pages take, each user's
 * groups are read instead (user-group-reads.ts; needs okta.users.read, else the groups are read): the
 * same memberships, so the same impact. With `all` (`--check-placement`), every assigned group's members
 * are read and kept, so every provisioned user's placement is known (USER_OU_MISMATCH). Streamed page by
 * page (group-members.ts); the calls go through the same OktaApi, so they are counted in the plan's budget.
 */
import type { LivePeople } from '../model/people';
import type { AssignmentChange, LiveDirectory, LiveState, Plan } from '../model/types';
import type { OktaApi } from '../okta/api';
import { groupsToRead, readByUser } from '../plan/impact-reads';
import { MEMBER_PAGE_SIZE, readMemberIds } from './group-members';
import { withMemberCounts } from './read-member-counts';
import { type UserGroupReads, userGroupReads } from './user-group-reads';
import { USER_SAMPLE_SIZE } from '../model/user-sample';

export interface ReadPeopleOptions {
  /** `--check-placement`: every assigned group's members, all kept. */
  all?: boolean;
  /** False when the credentials are known to lack okta.users.read (OAuth): the deciding groups are read. */
  usersReadGranted?: boolean;
  /** Verbose log: which way the deciding memberships were read, and why. */
  log?: (line: string) => void;
}

export async function readPeople(api: OktaApi, live: LiveState, plan: Pick<Plan, 'changes'>, opts: ReadPeopleOptions = {}): Promise<LiveState> {
  const byUser = userGroupReads(api, opts.usersReadGranted ?? true);
  const log = opts.log ?? (() => undefined);
  const directories = await Promise.all(
    live.directories.map(async (d): Promise<LiveDirectory> => {
      if (!d.people) return d;
      const changes = plan.changes.filter((c): c is AssignmentChange => c.kind === 'assignment' && c.directory === d.name);
      const { changed, deciding } = groupsToRead(d.assignments, changes);
      const rest = opts.all ? d.assignments.map((a) => a.groupId).filter((id) => !changed.includes(id)) : deciding;
      if (changed.length === 0 && !opts.all) return d;
      const people: LivePeople = { ...d.people, users: {}, members: {} };
      const counts = new Map<string, number>();
      const read = async (groupId: string, keep: (id: string) => boolean): Promise<void> => {
        const m = await readMemberIds(api, groupId, keep, { logins: true });
        people.members[groupId] = m.ids;
        Object.assign(people.users, m.logins);
        counts.set(groupId, m.count);
      };
      await Promise.all(changed.map((g) => read(g, () => true)));
      const affected = new Set(Object.values(people.members).flat());
      const byUserMembers = opts.all ? null : await decidingByUser(byUser, d, affected, deciding, log);
      if (byUserMembers) Object.assign(people.members, byUserMembers);
      else await Promise.all(rest.map((g) => read(g, opts.all ? () => true : (id) => affected.has(id))));
      // Whole member lists were read (the changed groups'; every group's when the deciding ones were read
      // per group): their lengths are the member counts, sparing a stats call per group.
      const done: LivePeople = { ...people, membersRead: true, fullyRead: opts.all ? Object.keys(people.members).sort() : changed, ...(opts.all ? { allMembers: true } : {}) };
      return { ...withMemberCounts(d, counts), people: done, userScoped: userScopedOf(done, managedIds(d)) };
    }),
  );
  return directories.every((d, i) => d === live.directories[i]) ? live : { ...live, directories };
}

/**
 * The deciding groups' members among the affected users, from each affected user's groups, when that
 * takes fewer calls than the groups' member pages; null when it does not, or when okta.users.read is
 * refused (then the groups are read).
 */
async function decidingByUser(
  byUser: UserGroupReads,
  d: LiveDirectory,
  affected: ReadonlySet<string>,
  deciding: readonly string[],
  log: (line: string) => void,
): Promise<Record<string, string[]> | null> {
  if (!readByUser(affected.size, deciding, (g) => d.groups[g]?.usersCount, MEMBER_PAGE_SIZE)) return null;
  const members: Record<string, string[]> = Object.fromEntries(deciding.map((g) => [g, []]));
  // Nobody affected: no deciding group has any of them, nothing to read.
  if (affected.size === 0) return members;
  const groups = await byUser.groupsOf([...affected], new Set(deciding));
  const instead = `the members of ${deciding.length} deciding groups`;
  if (!(groups instanceof Map)) {
    log(`people: ${d.name}: ${groups.refused}: reading ${instead} instead of the groups of ${affected.size} affected users`);
    return null;
  }
  log(`people: ${d.name}: read the groups of ${affected.size} affected users instead of ${instead}`);
  for (const id of affected) for (const g of groups.get(id) ?? []) members[g].push(id);
  return members;
}

/** Ids of the groups the files name that resolved to exactly one live group. */
function managedIds(d: LiveDirectory): Set<string> {
  return new Set(Object.values(d.resolved).filter((m) => m.length === 1).map((m) => m[0].id));
}

/**
 * USER_SCOPE_ASSIGNMENT's data: app users assigned individually who are members of a managed group among
 * those read (the changed ones; every one under `--check-placement`), counted, the first few named.
 */
export function userScopedOf(people: LivePeople, managed: ReadonlySet<string>): LiveDirectory['userScoped'] {
  const inManaged = new Set(Object.entries(people.members).filter(([g]) => managed.has(g)).flatMap(([, ids]) => ids));
  const scoped = people.individual.filter((id) => inManaged.has(id));
  const sample = scoped.slice(0, USER_SAMPLE_SIZE).map((id) => {
    const name = people.individualNames?.[id];
    return name === undefined ? { id } : { id, userName: name };
  });
  return { count: scoped.length, sample };
}
