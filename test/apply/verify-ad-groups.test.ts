/**
 * The AD group read-back (verifyAdGroups): a member the plan added that Okta does not list, or one it
 * removed that Okta still lists, is a mismatch naming the change; members outside the change are ignored.
 */
import type { OktaApi } from '../../src/okta/api';
import { verifyAdGroups, type AdGroupExpectation } from '../../src/apply/ad-groups';

/** An api that lists `members` of every group, in pages of two, and records the paths it was asked. */
function fakeApi(members: string[]): { api: OktaApi; paths: string[] } {
  const paths: string[] = [];
  const api = {
    async *pages<T>(path: string): AsyncGenerator<T[], void, undefined> {
      paths.push(path);
      for (let i = 0; i < members.length; i += 2) yield members.slice(i, i + 2).map((id) => ({ id })) as T[];
    },
  } as unknown as OktaApi;
  return { api, paths };
}

const expectation: AdGroupExpectation = { directory: 'corp', groupId: 'g1', name: 'Staff', present: ['u1', 'u2'], absent: ['u3'], changeId: 'corp/ad/g1' };

test('all added present and all removed gone: no mismatch', async () => {
  const { api, paths } = fakeApi(['u0', 'u1', 'u2', 'u4', 'u5']);
  expect(await verifyAdGroups(api, [expectation])).toEqual({ mismatches: [], changeIds: [] });
  expect(paths).toEqual(['/api/v1/groups/g1/users']);
});

test('an added member missing and a removed member still there are both reported against the change', async () => {
  const { api } = fakeApi(['u0', 'u1', 'u3', 'u4']);
  expect(await verifyAdGroups(api, [expectation])).toEqual({
    mismatches: ['corp: AD group "Staff" lacks 1 member(s) added: u2', 'corp: AD group "Staff" still has 1 member(s) removed: u3'],
    changeIds: ['corp/ad/g1'],
  });
});
