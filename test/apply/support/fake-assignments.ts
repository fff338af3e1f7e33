/**
 * A minimal model of Okta's app-group priority behaviour, for property tests of the write schedule.
 * Two readings of the shift Okta does when a PUT lands on a held priority (a 2023
 * TestAccAppGroupAssignments_crud cassette of okta/terraform-provider-okta): `swap` (the holder takes the writer's old slot) and
 * `cascade` (the holder and every contiguous follower move down by one), and `dragdrop` (a list move:
 * the ones between the old and new slot shift by one toward the old slot; a create at a held slot
 * shifts every one at or after it — the local Okta's reading). The schedule must not depend
 * on which is right, so tests run both and also count writes onto occupied slots.
 */
export type ShiftModel = 'swap' | 'cascade' | 'dragdrop';

export interface FakeAssignment {
  priority: number;
  profile: Record<string, unknown>;
}

export class FakeApp {
  readonly state = new Map<string, FakeAssignment>();
  /** Writes that landed on a priority another assignment held. */
  collisions = 0;
  constructor(readonly model: ShiftModel, live: Array<{ groupId: string; priority: number; profile: Record<string, unknown> }>) {
    for (const a of live) this.state.set(a.groupId, { priority: a.priority, profile: { ...a.profile } });
  }

  put(groupId: string, priority: number, profile: Record<string, unknown>): void {
    const old = this.state.get(groupId);
    const holders = [...this.state].filter(([g, a]) => g !== groupId && a.priority === priority).map(([g]) => g);
    if (holders.length > 0) {
      this.collisions++;
      if (this.model === 'dragdrop') {
        for (const [g, a] of this.state) {
          if (g === groupId) continue;
          if (!old) {
            if (a.priority >= priority) a.priority++;
          } else if (priority > old.priority && a.priority > old.priority && a.priority <= priority) a.priority--;
          else if (priority < old.priority && a.priority >= priority && a.priority < old.priority) a.priority++;
        }
      } else if (this.model === 'swap') {
        for (const h of holders) this.state.get(h)!.priority = old ? old.priority : priority + 1;
      } else {
        let p = priority;
        let moving = holders;
        while (moving.length > 0) {
          const next = [...this.state].filter(([g, a]) => g !== groupId && a.priority === p + 1 && !moving.includes(g)).map(([g]) => g);
          for (const h of moving) this.state.get(h)!.priority = p + 1;
          moving = next;
          p++;
        }
      }
    }
    this.state.set(groupId, { priority, profile: { ...profile } });
  }

  patch(groupId: string, ops: Array<{ op: string; path: string; value: unknown }>): void {
    const a = this.state.get(groupId);
    if (!a) throw new Error(`PATCH of unassigned ${groupId}`);
    for (const o of ops) {
      const key = o.path.replace(/^\/profile\//, '');
      // RFC 6902 §4.3, as the local Okta: replace needs an existing member.
      if (o.op === 'replace' && !Object.hasOwn(a.profile, key)) throw new Error(`PATCH replace of ${o.path}, absent from ${groupId}'s profile`);
      a.profile[key] = o.value;
    }
  }

  delete(groupId: string): void {
    this.state.delete(groupId);
  }
}
