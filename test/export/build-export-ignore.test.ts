/**
 * buildExport (pure): an assignment outside the import OUs goes under `assignments.ignore`, never into
 * `groups`; an ignore entry is a glob, so a group whose name holds `*` or `?` is written by id there.
 */
import { buildExport, type ExportSource } from '../../src/export/build-export';
import type { LiveAssignment, LiveGroup } from '../../src/model/types';
import { aDesiredDirectory } from '../support/builders';

const group = (id: string, name: string): LiveGroup => ({ id, name, type: 'OKTA_GROUP' });
const assignment = (groupId: string, priority: number, ou: string): LiveAssignment => ({ groupId, priority, profile: { organizationalUnit: ou }, lastUpdated: '2026-01-01T00:00:00.000Z' });

const source = (): ExportSource => ({
  app: { id: '0oa1', label: 'corp.example.com', name: 'active_directory', status: 'ACTIVE', namingContext: 'corp.example.com' },
  groups: { '00g1': group('00g1', 'Staff'), '00g2': group('00g2', 'ops*'), '00g3': group('00g3', 'legacy') },
  assignments: [
    assignment('00g1', 0, 'ou=staff,dc=corp,dc=example,dc=com'),
    assignment('00g2', 1, 'ou=ops,ou=old,dc=corp,dc=example,dc=com'),
    assignment('00g3', 2, 'ou=legacy,ou=old,dc=corp,dc=example,dc=com'),
  ],
  mapping: null,
  observedDns: ['cn=ada,ou=staff,dc=corp,dc=example,dc=com'],
});

test('groups outside the import OUs are ignored, by name, or by id when the name is a glob', () => {
  const dir = buildExport('corp', source());
  expect(dir.content.importOUs).toEqual(['ou=staff,dc=corp,dc=example,dc=com']);
  expect(dir.content.groups).toEqual([{ group: 'Staff', ou: 'ou=staff,dc=corp,dc=example,dc=com' }]);
  expect(dir.content.assignments).toEqual({ mode: 'additive', ignore: ['00g2', 'legacy'] });
  expect(dir.notes.uncovered).toEqual([
    { ref: '00g2', ou: 'ou=ops,ou=old,dc=corp,dc=example,dc=com' },
    { ref: 'legacy', ou: 'ou=legacy,ou=old,dc=corp,dc=example,dc=com' },
  ]);
});

test("a refresh judges against the file's own import OUs, and judges none while one of them is not a DN", () => {
  const file = aDesiredDirectory('corp').withImportOUs('OU=Old,DC=corp,DC=example,DC=com');
  const refreshed = buildExport('corp', source(), { declared: file.build() });
  expect(refreshed.content.groups.map((g) => g.group)).toEqual(['ops*', 'legacy']);
  expect(refreshed.notes.uncovered).toEqual([{ ref: 'Staff', ou: 'ou=staff,dc=corp,dc=example,dc=com' }]);
  const broken = buildExport('corp', source(), { declared: file.withImportOUs('OU=Old,DC=corp,DC=example,DC=com', 'not a dn').build() });
  expect(broken.content.groups.map((g) => g.group)).toEqual(['Staff', 'ops*', 'legacy']);
  expect(broken.notes.uncovered).toEqual([]);
});

test('a refresh leaves out of groups what the file already ignores', () => {
  const file = aDesiredDirectory('corp').withImportOUs('OU=Staff,DC=corp,DC=example,DC=com').ignoring('LEGACY', '00g2');
  const refreshed = buildExport('corp', source(), { declared: file.build() });
  expect(refreshed.content.groups.map((g) => g.group)).toEqual(['Staff']);
  expect(refreshed.notes.uncovered).toEqual([]);
  expect(refreshed.content.assignments).toEqual({ mode: 'additive' });
});
