import type { AttributeMappingChange } from '../../src/model/types';
import { diffMappings } from '../../src/plan/diff-mappings';
import { aDesiredDirectory, aLiveDirectory, type DesiredDirectoryBuilder, type LiveDirectoryBuilder } from '../support/builders';

const change = (action: AttributeMappingChange['action'], property: string, before: AttributeMappingChange['before'], after: AttributeMappingChange['after'], reason: string): AttributeMappingChange => ({
  id: `corp/mapping/${property}`,
  directory: 'corp',
  kind: 'attributeMapping',
  action,
  mappingId: 'prmcorp',
  property,
  before,
  after,
  reason,
}) as AttributeMappingChange;
const DN_REASON = 'dn (distinguishedName) must not be mapped Okta→AD: AD computes it, and the mapping makes provisioning fail with "Target OU is not an import OU"';

const cases: Array<{ name: string; desired: DesiredDirectoryBuilder; live: LiveDirectoryBuilder; want: AttributeMappingChange[] }> = [
  {
    name: 'no attributeMappings declared and no dn: nothing',
    desired: aDesiredDirectory(),
    live: aLiveDirectory().withMapping({ firstName: 'user.firstName' }),
    want: [],
  },
  {
    name: 'a live dn mapping is removed even when the directory declares no mappings',
    desired: aDesiredDirectory(),
    live: aLiveDirectory().withMapping({ dn: 'user.dn', firstName: 'user.firstName' }),
    want: [change('delete', 'dn', { expression: 'user.dn', pushStatus: 'PUSH' }, null, DN_REASON)],
  },
  {
    name: 'create, update (expression and push), unchanged; the dn delete first; no prune',
    desired: aDesiredDirectory().withMappings({
      title: { expression: 'user.title', push: 'createOnly' },
      department: 'user.department',
      employeeID: 'user.employeeNumber',
      email: 'user.email',
      dn: 'user.whatever',
    }),
    live: aLiveDirectory().withMapping({ email: 'user.email', title: 'user.title', department: 'user.dept', dn: 'x', extra: 'user.extra' }),
    want: [
      change('delete', 'dn', { expression: 'x', pushStatus: 'PUSH' }, null, DN_REASON),
      change('update', 'department', { expression: 'user.dept', pushStatus: 'PUSH' }, { expression: 'user.department', pushStatus: 'PUSH' }, 'expression changes from user.dept to user.department'),
      change('create', 'employeeID', null, { expression: 'user.employeeNumber', pushStatus: 'PUSH' }, 'listed in mappings/corp.yaml, not mapped in Okta'),
      change('update', 'title', { expression: 'user.title', pushStatus: 'PUSH' }, { expression: 'user.title', pushStatus: 'DONT_PUSH' }, 'push changes from PUSH to DONT_PUSH'),
    ],
  },
  {
    name: 'prune removes unlisted live properties (after creates and updates)',
    desired: aDesiredDirectory().withMappings({ email: 'user.email' }, true),
    live: aLiveDirectory().withMapping({ email: 'user.email', nickName: 'user.nickName', title: { expression: 'user.title', pushStatus: 'DONT_PUSH' } }),
    want: [
      change('delete', 'nickName', { expression: 'user.nickName', pushStatus: 'PUSH' }, null, 'not in mappings/corp.yaml (prune: true)'),
      change('delete', 'title', { expression: 'user.title', pushStatus: 'DONT_PUSH' }, null, 'not in mappings/corp.yaml (prune: true)'),
    ],
  },
  {
    name: 'no Okta→AD mapping at all: no changes (PROFILE_MAPPING_NOT_FOUND reports it)',
    desired: aDesiredDirectory().withMappings({ email: 'user.email' }),
    live: aLiveDirectory().withoutMapping(),
    want: [],
  },
];

describe('diffMappings', () => {
  it.each(cases)('$name', ({ desired, live, want }) => {
    expect(diffMappings(desired.build(), live.build())).toEqual(want);
  });
});
