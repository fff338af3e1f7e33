import { IdSource, isoSeconds } from './ids';
import type {
  AgentRec, AppRec, AppUserRec, AssignmentRec, GroupRec, LogEventRec, MappingRec, PushMappingRec,
  UserRec, UserTypeRec,
} from './types';

/** One app's group assignments, kept sorted by (priority, insertion) so a page of 200 is a slice. */
export class AssignmentIndex {
  readonly byGroup = new Map<string, AssignmentRec>();
  sorted: AssignmentRec[] = [];

  resort(): void {
    this.sorted = Array.from(this.byGroup.values()).sort((a, b) => a.priority - b.priority || a.seq - b.seq);
  }

  maxPriority(): number | undefined {
    let max: number | undefined;
    for (const a of this.byGroup.values()) if (max === undefined || a.priority > max) max = a.priority;
    return max;
  }
}

/**
 * The in-memory org. Maps by id everywhere; secondary indexes (login, group name, membership,
 * assignment order) are maintained by the mutators below, so seeding 20,000 groups stays linear.
 * Tests read it directly: see README.md "Org state".
 */
export class OrgState {
  readonly users = new Map<string, UserRec>();
  readonly groups = new Map<string, GroupRec>();
  readonly apps = new Map<string, AppRec>();
  readonly assignments = new Map<string, AssignmentIndex>();
  readonly appUsers = new Map<string, Map<string, AppUserRec>>();
  readonly mappings = new Map<string, MappingRec>();
  readonly userTypes = new Map<string, UserTypeRec>();
  readonly logs: LogEventRec[] = [];
  readonly agents = new Map<string, AgentRec[]>();
  readonly pushMappings = new Map<string, PushMappingRec>();
  /** userId → ids of the groups the user is a member of. */
  readonly userGroups = new Map<string, Set<string>>();
  readonly usersByLogin = new Map<string, string>();
  readonly groupsByName = new Map<string, Set<string>>();
  /** Every id ever issued → its insertion sequence; lets a cursor survive deletion of its item. */
  readonly seqOf = new Map<string, number>();
  private seqCounter = 0;
  /** Clock; seeded objects use a fixed epoch, runtime writes use the wall clock. */
  now: () => number = () => Date.now();

  constructor(readonly ids: IdSource) {}

  nextSeq(id?: string): number {
    const seq = ++this.seqCounter;
    if (id) this.seqOf.set(id, seq);
    return seq;
  }

  timestamp(): string {
    return isoSeconds(this.now());
  }

  // ---------- lookups used by tests (sandbox-api.md) ----------

  findApp(labelOrId: string): AppRec | undefined {
    const byId = this.apps.get(labelOrId);
    if (byId) return byId;
    for (const app of this.apps.values()) if (app.label === labelOrId) return app;
    return undefined;
  }

  findGroup(nameOrId: string): GroupRec | undefined {
    const byId = this.groups.get(nameOrId);
    if (byId) return byId;
    const ids = this.groupsByName.get(nameOrId.toLowerCase());
    if (!ids) return undefined;
    for (const id of ids) {
      const g = this.groups.get(id)!;
      if (g.profile.name === nameOrId) return g;
    }
    return this.groups.get(ids.values().next().value as string);
  }

  findUser(loginOrId: string): UserRec | undefined {
    return this.users.get(loginOrId) ?? this.users.get(this.usersByLogin.get(loginOrId.toLowerCase()) ?? '');
  }

  /** Group assignments of an app, highest priority (lowest number) first. */
  assignmentsOf(appIdOrLabel: string): AssignmentRec[] {
    const app = this.findApp(appIdOrLabel);
    return app ? [...this.assignmentIndex(app.id).sorted] : [];
  }

  /** The Okta user (default user type) → app user mapping of an app. */
  mappingFor(appIdOrLabel: string): MappingRec | undefined {
    const app = this.findApp(appIdOrLabel);
    if (!app) return undefined;
    const typeId = this.defaultUserType()?.id;
    for (const m of this.mappings.values()) {
      if (m.target.id === app.id && m.source.type === 'user' && m.source.id === typeId) return m;
    }
    return undefined;
  }

  appUsersOf(appIdOrLabel: string): AppUserRec[] {
    const app = this.findApp(appIdOrLabel);
    return app ? Array.from(this.appUsers.get(app.id)?.values() ?? []) : [];
  }

  defaultUserType(): UserTypeRec | undefined {
    for (const t of this.userTypes.values()) if (t.default) return t;
    return undefined;
  }

  // ---------- mutators that keep the indexes ----------

  assignmentIndex(appId: string): AssignmentIndex {
    let idx = this.assignments.get(appId);
    if (!idx) {
      idx = new AssignmentIndex();
      this.assignments.set(appId, idx);
    }
    return idx;
  }

  addUser(user: UserRec): void {
    this.users.set(user.id, user);
    this.usersByLogin.set(user.profile.login.toLowerCase(), user.id);
  }

  addGroup(group: GroupRec): void {
    this.groups.set(group.id, group);
    const key = group.profile.name.toLowerCase();
    let set = this.groupsByName.get(key);
    if (!set) this.groupsByName.set(key, (set = new Set()));
    set.add(group.id);
    for (const userId of group.members) this.userGroupSet(userId).add(group.id);
  }

  addMember(groupId: string, userId: string): void {
    this.groups.get(groupId)?.members.add(userId);
    this.userGroupSet(userId).add(groupId);
  }

  removeMember(groupId: string, userId: string): void {
    this.groups.get(groupId)?.members.delete(userId);
    this.userGroups.get(userId)?.delete(groupId);
  }

  userGroupSet(userId: string): Set<string> {
    let set = this.userGroups.get(userId);
    if (!set) this.userGroups.set(userId, (set = new Set()));
    return set;
  }

  appUserMap(appId: string): Map<string, AppUserRec> {
    let map = this.appUsers.get(appId);
    if (!map) this.appUsers.set(appId, (map = new Map()));
    return map;
  }

  addLog(event: Omit<LogEventRec, 'uuid' | 'seq' | 'published'>): LogEventRec {
    const uuid = this.ids.uuid();
    const rec: LogEventRec = { uuid, seq: this.nextSeq(uuid), published: new Date(this.now()).toISOString(), ...event };
    this.logs.push(rec);
    return rec;
  }
}
