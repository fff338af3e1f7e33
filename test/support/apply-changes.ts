/**
 * A pure model of what apply does to live state, for planner properties ("applying the plan gives the
 * desired managed slice") and as an oracle in apply tests. Not the real apply: no requests, no ordering.
 */
import type { Change, LiveDirectory, LiveState } from '../../src/model/types';
import { deepCopy } from './builders';

export const APPLIED_AT = '2030-01-01T00:00:00.000Z';

export function applyChangesToLive(live: LiveState, changes: Change[]): LiveState {
  const out = deepCopy(live);
  const dirs = new Map<string, LiveDirectory>(out.directories.map((d) => [d.name, d]));
  for (const c of changes) {
    const d = dirs.get(c.directory);
    if (!d) throw new Error(`change ${c.id} for unknown directory`);
    if (c.kind === 'attributeMapping') {
      if (!d.mapping) throw new Error(`change ${c.id} without a mapping`);
      if (c.action === 'delete') delete d.mapping.properties[c.property];
      else d.mapping.properties[c.property] = { expression: c.after!.expression as string, pushStatus: c.after!.pushStatus as string };
      continue;
    }
    if (c.kind === 'userScope') throw new Error(`change ${c.id}: scope conversions are not simulated here`);
    if (c.kind === 'adGroupMembership') throw new Error(`change ${c.id}: AD group memberships are not simulated here`);
    const i = d.assignments.findIndex((a) => a.groupId === c.group.id);
    switch (c.action) {
      case 'create':
        if (i >= 0) throw new Error(`create of existing ${c.id}`);
        d.assignments.push({ groupId: c.group.id, priority: c.after!.priority, profile: c.after!.profile, lastUpdated: APPLIED_AT });
        break;
      case 'update':
        if (i < 0) throw new Error(`update of missing ${c.id}`);
        d.assignments[i] = { groupId: c.group.id, priority: c.after!.priority, profile: c.after!.profile, lastUpdated: APPLIED_AT };
        break;
      case 'delete':
        if (i < 0) throw new Error(`delete of missing ${c.id}`);
        d.assignments.splice(i, 1);
        break;
      case 'reorder':
        for (const m of c.moves ?? []) {
          const a = d.assignments.find((x) => x.groupId === m.group.id);
          if (!a) throw new Error(`move of missing ${m.group.id}`);
          a.priority = m.to;
          a.lastUpdated = APPLIED_AT;
        }
        break;
      default: {
        const never: never = c;
        throw new Error(`unknown change ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}
