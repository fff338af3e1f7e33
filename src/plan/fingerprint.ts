/**
 * The plan's fingerprint: sha256 over a canonical JSON (sorted keys, stable array order) of the live
 * slice the plan was computed from. `apply PLANFILE` re-reads the same slice and refuses a stale plan
 * (DESIGN.md §4); `diffSlices` names what moved. Okta has no ETags on these objects (notes/okta-api.md §4),
 * so `lastUpdated` is included to catch any out-of-band write, even one to a key we do not compare.
 *
 * The slice, per directory: the app (id, name, naming context); how each file reference resolved;
 * every assignment (group id and name, priority, the managed profile keys — organizationalUnit for all,
 * plus the file's keys for managed groups —, lastUpdated); the Okta→AD mapping (id, properties).
 */
import { createHash } from 'node:crypto';
import type { DesiredState, LiveState } from '../model/types';
import { pairDirectories } from './directories';
import { managedKeys, OU_KEY, ouKey, pickKeys } from './normalise';
import { resolveGroups } from './resolve-groups';

export interface SliceAssignment {
  groupId: string;
  name: string | null;
  priority: number;
  profile: Record<string, unknown>;
  lastUpdated: string;
}

export interface SliceDirectory {
  name: string;
  app: { id: string; name: string; namingContext: string | null } | null;
  resolved: Record<string, string[]>;
  assignments: SliceAssignment[];
  mapping: { id: string; properties: Record<string, { expression: string; pushStatus: string }> } | null;
}

export interface LiveSlice {
  directories: SliceDirectory[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical live slice for the desired directories (in name order). */
export function liveSlice(live: LiveState, desired: DesiredState): LiveSlice {
  const directories = pairDirectories(desired, live).map(({ desired: d, live: l }): SliceDirectory => {
    const keysByGroup = new Map(resolveGroups(d, l).managed.map((m) => [m.group.id, managedKeys(m.desired)]));
    const resolved: Record<string, string[]> = {};
    for (const g of d.groups) resolved[g.group] = (l.resolved[g.group] ?? []).map((x) => x.id).sort(cmp);
    const assignments = l.assignments
      .map((a): SliceAssignment => {
        const profile = pickKeys(a.profile, keysByGroup.get(a.groupId) ?? [OU_KEY]);
        if (typeof profile[OU_KEY] === 'string') profile[OU_KEY] = ouKey(profile[OU_KEY]);
        return { groupId: a.groupId, name: l.groups[a.groupId]?.name ?? null, priority: a.priority, profile, lastUpdated: a.lastUpdated };
      })
      .sort((a, b) => cmp(a.groupId, b.groupId));
    const mapping = l.mapping
      ? {
          id: l.mapping.id,
          properties: Object.fromEntries(Object.entries(l.mapping.properties).map(([k, p]) => [k, { expression: p.expression, pushStatus: p.pushStatus }])),
        }
      : null;
    const app = l.app ? { id: l.app.id, name: l.app.name, namingContext: l.app.namingContext } : null;
    return { name: d.name, app, resolved, assignments, mapping };
  });
  return { directories: directories.sort((a, b) => cmp(a.name, b.name)) };
}

function sortedKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortedKeys);
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort(cmp)) if (o[k] !== undefined) out[k] = sortedKeys(o[k]);
  return out;
}

/** JSON with object keys sorted at every level (code-unit order), no whitespace. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortedKeys(v)) ?? 'null';
}

export function fingerprintOf(slice: LiveSlice): string {
  return `sha256:${createHash('sha256').update(canonicalJson(slice)).digest('hex')}`;
}

export function fingerprintLive(live: LiveState, desired: DesiredState): string {
  return fingerprintOf(liveSlice(live, desired));
}

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : canonicalJson(v));

/**
 * What differs between two slices, one line each, e.g. `corp: Engineering priority 0 → 3`. Empty when
 * the slices are equal. For the "plan is stale: …" message of apply.
 */
export function diffSlices(a: LiveSlice, b: LiveSlice): string[] {
  const out: string[] = [];
  const aDirs = new Map(a.directories.map((d) => [d.name, d]));
  const bDirs = new Map(b.directories.map((d) => [d.name, d]));
  for (const name of [...new Set([...aDirs.keys(), ...bDirs.keys()])].sort(cmp)) {
    const x = aDirs.get(name);
    const y = bDirs.get(name);
    if (!x || !y) {
      out.push(`${name}: directory ${x ? 'no longer in the slice' : 'added to the slice'}`);
      continue;
    }
    if (canonicalJson(x.app) !== canonicalJson(y.app)) out.push(`${name}: app ${show(x.app?.id ?? null)} → ${show(y.app?.id ?? null)}${x.app?.id === y.app?.id ? ' (settings changed)' : ''}`);
    for (const ref of [...new Set([...Object.keys(x.resolved), ...Object.keys(y.resolved)])].sort(cmp)) {
      const ra = x.resolved[ref] ?? [];
      const rb = y.resolved[ref] ?? [];
      if (ra.join() !== rb.join()) out.push(`${name}: group "${ref}" resolved to [${ra.join(', ')}], now [${rb.join(', ')}]`);
    }
    const xa = new Map(x.assignments.map((s) => [s.groupId, s]));
    const ya = new Map(y.assignments.map((s) => [s.groupId, s]));
    for (const id of [...new Set([...xa.keys(), ...ya.keys()])].sort(cmp)) {
      const p = xa.get(id);
      const q = ya.get(id);
      const label = q?.name ?? p?.name ?? id;
      if (!p) {
        out.push(`${name}: ${label} assigned (priority ${q!.priority})`);
        continue;
      }
      if (!q) {
        out.push(`${name}: ${label} unassigned (was priority ${p.priority})`);
        continue;
      }
      const before = out.length;
      if (p.priority !== q.priority) out.push(`${name}: ${label} priority ${p.priority} → ${q.priority}`);
      for (const k of [...new Set([...Object.keys(p.profile), ...Object.keys(q.profile)])].sort(cmp)) {
        if (canonicalJson(p.profile[k] ?? null) !== canonicalJson(q.profile[k] ?? null)) out.push(`${name}: ${label} ${k} ${show(p.profile[k])} → ${show(q.profile[k])}`);
      }
      if (p.name !== q.name) out.push(`${name}: group ${id} renamed ${show(p.name)} → ${show(q.name)}`);
      if (out.length === before && p.lastUpdated !== q.lastUpdated) out.push(`${name}: ${label} modified (lastUpdated ${p.lastUpdated} → ${q.lastUpdated})`);
    }
    if (canonicalJson(x.mapping) !== canonicalJson(y.mapping)) {
      if (!x.mapping || !y.mapping || x.mapping.id !== y.mapping.id) {
        out.push(`${name}: mapping ${show(x.mapping?.id)} → ${show(y.mapping?.id)}`);
      } else {
        const mp = x.mapping.properties;
        const mq = y.mapping.properties;
        for (const k of [...new Set([...Object.keys(mp), ...Object.keys(mq)])].sort(cmp)) {
          if (canonicalJson(mp[k] ?? null) === canonicalJson(mq[k] ?? null)) continue;
          out.push(`${name}: mapping property ${k} ${mp[k] ? `${mp[k].expression} (${mp[k].pushStatus})` : '(none)'} → ${mq[k] ? `${mq[k].expression} (${mq[k].pushStatus})` : '(none)'}`);
        }
      }
    }
  }
  return out;
}
