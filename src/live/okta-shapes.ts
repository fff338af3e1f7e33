/**
 * Loose shapes of the Okta objects src/live reads, and their conversion into the model. Live state is read
 * leniently (docs/style.md §1): every field is optional here and a missing one never crashes the plan.
 */
import type { LiveApp, LiveAssignment, LiveGroup, LiveMapping, LiveMappingProperty } from '../model/types';
import { setOwn } from '../model/data-record';

export interface RawApp {
  id?: string;
  name?: string;
  label?: string;
  status?: string;
  settings?: { app?: { namingContext?: unknown } | null } | null;
}

export interface RawGroup {
  id?: string;
  type?: string;
  profile?: { name?: unknown; dn?: unknown } | null;
  source?: { id?: string } | null;
  _embedded?: { stats?: { usersCount?: unknown } | null } | null;
}

/** `GET /api/v1/apps/{appId}/groups?expand=group` item: the assignment, with the group embedded. */
export interface RawAssignment {
  id?: string;
  priority?: unknown;
  profile?: Record<string, unknown> | null;
  lastUpdated?: string;
  _embedded?: { group?: RawGroup | null } | null;
}

export interface RawAppUser {
  id?: string;
  scope?: string;
  status?: string;
  syncState?: string;
  credentials?: { userName?: unknown } | null;
  profile?: { dn?: unknown; email?: unknown } | null;
}

export interface RawUserType {
  id?: string;
  name?: string;
  default?: boolean;
  _links?: { schema?: { href?: string } };
}

export interface RawMapping {
  id?: string;
  source?: { id?: string; type?: string; name?: string } | null;
  target?: { id?: string; type?: string } | null;
  properties?: Record<string, { expression?: unknown; pushStatus?: unknown } | null> | null;
}

export function toLiveApp(raw: RawApp): LiveApp {
  const nc = raw.settings?.app?.namingContext;
  return {
    id: String(raw.id ?? ''),
    label: String(raw.label ?? ''),
    name: String(raw.name ?? ''),
    status: String(raw.status ?? ''),
    namingContext: typeof nc === 'string' ? nc : null,
  };
}

export function toLiveGroup(raw: RawGroup): LiveGroup {
  const g: LiveGroup = {
    id: String(raw.id ?? ''),
    name: typeof raw.profile?.name === 'string' ? raw.profile.name : '',
    type: raw.type ?? 'OKTA_GROUP',
  };
  const count = raw._embedded?.stats?.usersCount;
  if (typeof count === 'number') g.usersCount = count;
  if (typeof raw.profile?.dn === 'string') g.dn = raw.profile.dn;
  return g;
}

/**
 * The assignment's priority: a number, or a string of digits (lenient). Anything else (null, missing, not
 * numeric) is NaN, never 0: a 0 would rank the group first; the planner reports NaN as PRIORITY_UNKNOWN and
 * keeps it out of slot maths (src/plan/known-priority.ts). apply's read-back uses the same conversion.
 */
export function toPriority(raw: unknown): number {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : NaN;
  if (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) return Number(raw);
  return NaN;
}

/** Two priorities as read by toPriority: equal, or both unknown (NaN). */
export function samePriority(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export function toAssignment(raw: RawAssignment): LiveAssignment {
  return {
    groupId: String(raw.id ?? ''),
    priority: toPriority(raw.priority),
    profile: raw.profile && typeof raw.profile === 'object' ? { ...raw.profile } : {},
    lastUpdated: String(raw.lastUpdated ?? ''),
  };
}

export function toLiveMapping(raw: RawMapping): LiveMapping {
  const properties: Record<string, LiveMappingProperty> = {};
  for (const [key, p] of Object.entries(raw.properties ?? {})) {
    // A property removed with `null` can linger as a null entry in some responses; it is not mapped.
    if (!p || typeof p.expression !== 'string') continue;
    setOwn(properties, key, { expression: p.expression, pushStatus: typeof p.pushStatus === 'string' ? p.pushStatus : 'PUSH' });
  }
  return { id: String(raw.id ?? ''), sourceId: String(raw.source?.id ?? ''), targetId: String(raw.target?.id ?? ''), properties };
}

/** A string literal for Okta's filter/search language: double-quoted, `"` and `\` backslash-escaped. */
export function quoteFilterString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Path segment for an id taken from a file or a response. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}
