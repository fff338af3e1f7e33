/**
 * The memberships the plan's impact needs (src/plan/impact-reads.ts decides which groups), read after a
 * first diff so a plan without assignment changes reads none: first the members of the changed groups
 * (ids and logins: the users the plan can affect), then the deciding groups, keeping only those users'
 * ids. With `all` (`--check-placement`), every assigned group's members are read and kept, so every
 * provisioned user's placement is known (USER_OU_MISMATCH). Streamed page by page (group-members.ts);
 * the calls go through the same OktaApi, so they are counted in the plan's budget.
 */
import type { LivePeople } from '../model/people';
import type { AssignmentChange, LiveDirectory, LiveState, Plan } from '../model/types';
import type { OktaApi } from '../okta/api';
import { groupsToRead } from '../plan/impact-reads';
import { readMemberIds } from './group-members';
import { withMemberCounts } from './read-member-counts';
import { USER_SAMPLE_SIZE } from '../model/user-sample';

export async function readPeople(api: OktaApi, live: LiveState, plan: Pick<Plan, 'changes'>, opts: { all?: boolean } = {}): Promise<LiveState> {
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
      await Promise.all(rest.map((g) => read(g, opts.all ? () => true : (id) => affected.has(id))));
      // Whole member lists were read: their lengths are the member counts, sparing a stats call per group.
      const done: LivePeople = { ...people, membersRead: true, fullyRead: opts.all ? Object.keys(people.members).sort() : changed, ...(opts.all ? { allMembers: true } : {}) };
      return { ...withMemberCounts(d, counts), people: done, userScoped: userScopedOf(done, managedIds(d)) };
    }),
  );
  return directories.every((d, i) => d === live.directories[i]) ? live : { ...live, directories };
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
