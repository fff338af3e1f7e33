import { AD_MEMBERSHIP_BATCH, adMembershipBatches } from '../../src/plan/diff-ad-groups';
import type { AdGroupMembershipChange } from '../../src/model/ad-groups';

const users = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `00u${prefix}${i}`, login: `${prefix}${i}@example.com` }));

test('adds go first, then removes, each in batches of AD_MEMBERSHIP_BATCH users', () => {
  const c: AdGroupMembershipChange = {
    id: 'corp/adgroup/00g1', directory: 'corp', kind: 'adGroupMembership', action: 'update', group: { id: '00g1', name: 'VPN Users' }, attribute: 'member',
    add: users(250, 'a'), remove: users(101, 'r'), membersBefore: 400, reason: 'authoritative',
  };
  expect(AD_MEMBERSHIP_BATCH).toBe(100);
  const batches = adMembershipBatches(c);
  expect(batches.map((b) => `${b.action} ${b.values.length}`)).toEqual(['ADD 100', 'ADD 100', 'ADD 50', 'REMOVE 100', 'REMOVE 1']);
  expect(batches.flatMap((b) => b.values)).toEqual([...c.add, ...c.remove].map((u) => u.id));
});
