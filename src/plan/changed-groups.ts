import type { Plan } from '../model/types';

/** Ids of the groups whose assignments a plan creates, updates, deletes or moves (its blast radius). */
export function changedGroupIds(plan: Pick<Plan, 'changes'>): string[] {
  const ids = new Set<string>();
  for (const c of plan.changes) {
    if (c.kind !== 'assignment') continue;
    if (c.action === 'reorder') for (const m of c.moves ?? []) ids.add(m.group.id);
    else ids.add(c.group.id);
  }
  return [...ids];
}
