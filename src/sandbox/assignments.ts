import type { OrgState } from './org-state';
import { validation } from './okta-errors';
import type { AssignmentRec } from './types';

/**
 * Okta's priority rules for app group assignments (spec ApplicationGroupAssignment.priority;
 * recorded Okta responses):
 * - omitted on create → "the next highest priority": one after the current maximum (0 on an empty app);
 * - omitted on update → unchanged;
 * - a free value is kept as sent (gaps allowed, never compacted);
 * - a value another assignment holds moves that one: the list behaves like a drag-and-drop reorder
 *   (recorded 2023 sequence: A=1, B=2, PUT A priority 2 → A=2, B=1). Moving down shifts the ones in
 *   (old, new] up by one; moving up shifts the ones in [new, old) down by one; a create at a taken
 *   value shifts every assignment at or after it. Shifted assignments keep their lastUpdated.
 * - lastUpdated moves only when the priority or profile of the PUT one actually changes (2023 step 4).
 */
export interface AssignmentWrite {
  priority?: number;
  profile?: Record<string, unknown>;
}

export function validatePriority(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  // The spec types priority as an integer (int32); the legacy reference's 0..100 bound is not enforced.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2147483647) {
    throw validation('priority', 'priority: must be a non-negative 32-bit integer');
  }
  return value;
}

export function writeAssignment(org: OrgState, appId: string, groupId: string, w: AssignmentWrite): { rec: AssignmentRec; created: boolean; reordered: boolean } {
  const idx = org.assignmentIndex(appId);
  const now = org.timestamp();
  const existing = idx.byGroup.get(groupId);
  const taken = (p: number, except?: AssignmentRec) => {
    for (const a of idx.byGroup.values()) if (a !== except && a.priority === p) return true;
    return false;
  };
  if (!existing) {
    const max = idx.maxPriority();
    const priority = w.priority ?? (max === undefined ? 0 : max + 1);
    let reordered = false;
    if (taken(priority)) {
      for (const a of idx.byGroup.values()) if (a.priority >= priority) a.priority++;
      reordered = true;
    }
    const rec: AssignmentRec = { appId, groupId, seq: org.nextSeq(), priority, profile: { ...(w.profile ?? {}) }, lastUpdated: now };
    idx.byGroup.set(groupId, rec);
    idx.resort();
    return { rec, created: true, reordered };
  }
  let changed = false;
  let reordered = false;
  if (w.priority !== undefined && w.priority !== existing.priority) {
    const from = existing.priority;
    const to = w.priority;
    if (taken(to, existing)) {
      for (const a of idx.byGroup.values()) {
        if (a === existing) continue;
        if (to > from && a.priority > from && a.priority <= to) a.priority--;
        else if (to < from && a.priority >= to && a.priority < from) a.priority++;
      }
    }
    existing.priority = to;
    changed = true;
    reordered = true;
  }
  if (w.profile !== undefined && JSON.stringify(w.profile) !== JSON.stringify(existing.profile)) {
    existing.profile = { ...w.profile };
    changed = true;
  }
  if (changed) existing.lastUpdated = now;
  if (reordered) idx.resort();
  return { rec: existing, created: false, reordered };
}

export function removeAssignment(org: OrgState, appId: string, groupId: string): boolean {
  const idx = org.assignmentIndex(appId);
  if (!idx.byGroup.delete(groupId)) return false;
  idx.resort();
  return true;
}
