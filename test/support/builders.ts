/**
 * Small builders for desired and live state (docs/style.md §7), shared by the planner, renderer, apply and
 * CLI tests. Every builder starts from a valid, quiet default (a corp directory whose app exists, is an AD
 * app, and whose naming context matches) so a test states only what it is about. `build()` returns a
 * fresh object each time.
 *
 *   const desired = aDesiredState(aDesiredDirectory('corp').authoritative().withGroup('Engineering', ENG_OU));
 *   const live = aLiveState(aLiveDirectory('corp').withAssignment('Engineering', ENG_OU, 0));
 */
import { DEFAULT_SAFETY } from '../../src/config';
import type { LivePeople } from '../../src/model/people';
import type {
  DesiredAttributeMappings,
  DesiredDirectory,
  DesiredGroup,
  DesiredState,
  LiveApp,
  LiveAssignment,
  LiveDirectory,
  LiveGroup,
  LiveMapping,
  LiveState,
  LiveUserRef,
  PushStatus,
  SourceRef,
} from '../../src/model/types';

export const ORG_URL = 'https://example.okta.com';
export const LAST_UPDATED = '2026-01-01T00:00:00.000Z';

/** `Engineering` → `00gEngineering` (ids are stable and readable in failure output). */
export function groupIdFor(name: string): string {
  return `00g${name.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** The default DN of a named OU under OU=Employees of a domain (`dc=corp,dc=example,dc=com`). */
export function ouDn(name: string, domain = 'corp'): string {
  return `OU=${name},OU=Employees,DC=${domain},DC=example,DC=com`;
}

/**
 * A deep copy of plain data (objects, arrays, primitives) that keeps NaN, as src/live/read-live.ts produces
 * for an unknown priority (a JSON round-trip would turn it into null). Not structuredClone: that creates
 * objects of Node's realm, not jest's, which fast-deep-equal's constructor check tells apart.
 */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) Object.defineProperty(out, k, { value: deepCopy(x), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return v;
}

const copy = deepCopy;

const at = (file: string, line: number, column = 3): SourceRef => ({ file, line, column });

export type MappingInput = string | { expression: string; push?: 'always' | 'createOnly'; pushStatus?: PushStatus };

export class DesiredDirectoryBuilder {
  private d: DesiredDirectory;

  constructor(name: string) {
    const file = `mappings/${name}.yaml`;
    this.d = {
      name,
      app: `${name}.example.com`,
      namingContext: `DC=${name},DC=example,DC=com`,
      importOUs: [{ dn: `OU=Employees,DC=${name},DC=example,DC=com`, source: at(file, 6, 9) }],
      updateOUOnGroupChange: true,
      ouCase: 'lower',
      assignments: { mode: 'additive', ignore: [] },
      groups: [],
      safety: { ...DEFAULT_SAFETY },
      source: at(file, 3, 3),
      fieldSources: { app: at(file, 4, 10), namingContext: at(file, 5, 20), importOUs: at(file, 6, 5) },
    };
  }

  /** Lists a group (next in priority order). Its source line is 20 + 3 × index, its `ou:` one line below. */
  withGroup(group: string, ou: string, profile: Record<string, unknown> = {}): this {
    const index = this.d.groups.length;
    const line = 20 + 3 * index;
    const g: DesiredGroup = { group, ou, profile, index, source: at(this.d.source.file, line, 9), ouSource: at(this.d.source.file, line + 1, 13) };
    this.d.groups.push(g);
    return this;
  }

  authoritative(ignore: string[] = this.d.assignments.ignore): this {
    this.d.assignments = { mode: 'authoritative', ignore };
    return this;
  }

  additive(ignore: string[] = this.d.assignments.ignore): this {
    this.d.assignments = { mode: 'additive', ignore };
    return this;
  }

  ignoring(...globs: string[]): this {
    this.d.assignments = { ...this.d.assignments, ignore: globs };
    return this;
  }

  withImportOUs(...dns: string[]): this {
    this.d.importOUs = dns.map((dn, i) => ({ dn, source: at(this.d.source.file, 6 + i, 9) }));
    return this;
  }

  /** `push: createOnly` → DONT_PUSH, as the loader maps it (docs/design.md §1). */
  withMappings(properties: Record<string, MappingInput>, prune = false): this {
    const file = this.d.source.file;
    const props: DesiredAttributeMappings['properties'] = {};
    Object.entries(properties).forEach(([name, p], i) => {
      const source = at(file, 60 + i, 9);
      if (typeof p === 'string') props[name] = { expression: p, pushStatus: 'PUSH', source };
      else props[name] = { expression: p.expression, pushStatus: p.pushStatus ?? (p.push === 'createOnly' ? 'DONT_PUSH' : 'PUSH'), source };
    });
    this.d.attributeMappings = { prune, properties: props, source: at(file, 58, 5) };
    return this;
  }

  /** Any other field (app, namingContext, updateOUOnGroupChange, ouCase, safety, …). */
  with(fields: Partial<DesiredDirectory>): this {
    this.d = { ...this.d, ...fields };
    return this;
  }

  build(): DesiredDirectory {
    return copy(this.d);
  }
}

export function aDesiredDirectory(name = 'corp'): DesiredDirectoryBuilder {
  return new DesiredDirectoryBuilder(name);
}

export function aDesiredState(...dirs: Array<DesiredDirectoryBuilder | DesiredDirectory>): DesiredState {
  return { directories: dirs.map((d) => (d instanceof DesiredDirectoryBuilder ? d.build() : d)) };
}

export interface LiveGroupOptions {
  id?: string;
  type?: LiveGroup['type'];
  usersCount?: number;
  dn?: string;
}

export interface AssignmentOptions extends LiveGroupOptions {
  /** Extra profile keys besides organizationalUnit. */
  profile?: Record<string, unknown>;
  lastUpdated?: string;
}

export class LiveDirectoryBuilder {
  private d: LiveDirectory;
  private explicitResolved: Record<string, LiveGroup[]> = {};

  constructor(name: string) {
    this.d = {
      name,
      app: { id: `0oa${name}`, label: `${name}.example.com`, name: 'active_directory', status: 'ACTIVE', namingContext: `${name}.example.com` },
      assignments: [],
      groups: {},
      resolved: {},
      mapping: null,
      userScoped: { count: 0, sample: [] },
      observedDns: [],
    };
  }

  /** A group known to the org (and resolvable by name and id), not necessarily assigned. */
  withGroup(name: string, opts: LiveGroupOptions = {}): this {
    const id = opts.id ?? groupIdFor(name);
    const g: LiveGroup = { id, name, type: opts.type ?? 'OKTA_GROUP' };
    if (opts.usersCount !== undefined) g.usersCount = opts.usersCount;
    if (opts.dn !== undefined) g.dn = opts.dn;
    this.d.groups[id] = g;
    return this;
  }

  /** Assigns the group (adding it when unknown) with `profile.organizationalUnit = ou`. */
  withAssignment(name: string, ou: string | undefined, priority: number, opts: AssignmentOptions = {}): this {
    const id = opts.id ?? groupIdFor(name);
    if (!this.d.groups[id] || opts.type !== undefined || opts.usersCount !== undefined) this.withGroup(name, { ...opts, id });
    const profile: Record<string, unknown> = { ...(ou === undefined ? {} : { organizationalUnit: ou }), ...(opts.profile ?? {}) };
    const a: LiveAssignment = { groupId: id, priority, profile, lastUpdated: opts.lastUpdated ?? LAST_UPDATED };
    this.d.assignments.push(a);
    return this;
  }

  /** Overrides what the reader recorded for a file reference (e.g. `[]` for not found). */
  withResolved(ref: string, groups: LiveGroup[]): this {
    this.explicitResolved[ref] = groups;
    return this;
  }

  withApp(app: Partial<LiveApp> | null): this {
    this.d.app = app === null ? null : { ...(this.d.app as LiveApp), ...app };
    return this;
  }

  /** The Okta→AD mapping; string values are PUSH expressions. */
  withMapping(properties: Record<string, string | { expression: string; pushStatus: string }>, id = `prm${this.d.name}`): this {
    const props: LiveMapping['properties'] = {};
    for (const [k, v] of Object.entries(properties)) props[k] = typeof v === 'string' ? { expression: v, pushStatus: 'PUSH' } : v;
    this.d.mapping = { id, sourceId: 'otyDEFAULT', targetId: this.d.app?.id ?? '0oaMISSING', properties: props };
    return this;
  }

  withoutMapping(): this {
    this.d.mapping = null;
    return this;
  }

  withUserScoped(count: number, sample: LiveUserRef[] = []): this {
    this.d.userScoped = { count, sample };
    return this;
  }

  withPeople(people: LivePeople): this {
    this.d.people = people;
    return this;
  }

  withObservedDns(...dns: string[]): this {
    this.d.observedDns = dns;
    return this;
  }

  /**
   * `resolved` is derived: every known group by name (all groups of that name: several means ambiguous)
   * and by id, then the explicit `withResolved` entries on top.
   */
  build(): LiveDirectory {
    // A Map, not an object: a group may be called "constructor" or "__proto__".
    const resolved = new Map<string, LiveGroup[]>();
    for (const g of Object.values(this.d.groups)) {
      resolved.set(g.name, [...(resolved.get(g.name) ?? []), g]);
      resolved.set(g.id, [g]);
    }
    for (const [ref, gs] of Object.entries(this.explicitResolved)) resolved.set(ref, gs);
    return copy({ ...this.d, resolved: Object.fromEntries(resolved) });
  }
}

export function aLiveDirectory(name = 'corp'): LiveDirectoryBuilder {
  return new LiveDirectoryBuilder(name);
}

export function aLiveState(...dirs: Array<LiveDirectoryBuilder | LiveDirectory>): LiveState {
  return { orgUrl: ORG_URL, directories: dirs.map((d) => (d instanceof LiveDirectoryBuilder ? d.build() : d)) };
}
