import { APPS_BUCKET, GENERAL_BUCKET, GROUPS_BUCKET, TOKEN_BUCKET, USERS_BUCKET } from '../../src/model/rate-limit-buckets';
import { bucketOf } from '../../src/okta/buckets';
import { countWrites } from '../../src/plan/budget';

test('the shared bucket names are the ones the client counts calls under', () => {
  expect([APPS_BUCKET, GROUPS_BUCKET, USERS_BUCKET, GENERAL_BUCKET, TOKEN_BUCKET]).toEqual(['/api/v1/apps', '/api/v1/groups', '/api/v1/users', '/api/v1', '/oauth2/v1/token']);
  expect(
    ['/api/v1/apps/0oa1/groups/00g1', '/api/v1/groups/00g1/users', '/api/v1/users/00u1/groups', '/api/v1/users', '/api/v1/mappings/prm1', '/api/v1/usersx', '/oauth2/v1/token'].map(bucketOf),
  ).toEqual([APPS_BUCKET, GROUPS_BUCKET, USERS_BUCKET, USERS_BUCKET, GENERAL_BUCKET, GENERAL_BUCKET, TOKEN_BUCKET]);
});

test('the plan budget counts writes under the shared names', () => {
  const group = { id: '00g1', name: 'G' };
  const w = countWrites([
    { id: 'c/assign/00g1', directory: 'c', kind: 'assignment', action: 'delete', group, before: { priority: 0, profile: {} }, after: null, reason: '' },
    { id: 'c/mapping/dn', directory: 'c', kind: 'attributeMapping', action: 'delete', mappingId: 'prm1', property: 'dn', before: { expression: 'x', pushStatus: 'PUSH' }, after: null, reason: '' },
  ]);
  expect(w).toEqual({ [GENERAL_BUCKET]: 1, [APPS_BUCKET]: 1 });
});
