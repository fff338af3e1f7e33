import { assignmentChangesOf, buildPlan } from '../../src/plan/build-plan';
import { staticLints } from '../../src/plan/lints/static';
import * as resolveGroupsModule from '../../src/plan/resolve-groups';
import * as diffAssignmentsModule from '../../src/plan/diff-assignments';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState, ORG_URL } from '../support/builders';

const NOW = new Date('2026-02-03T04:05:06.000Z');
const C = 'DC=corp,DC=example,DC=com';
const c = 'dc=corp,dc=example,dc=com';

/** The demo org's corp directory (/tmp/brief/demo-org.md), live and desired. */
function corpLive() {
  return aLiveDirectory('corp')
    .withAssignment('Engineering', `ou=engineering,ou=employees,${c}`, 0, { usersCount: 10 })
    .withAssignment('Contractors', `ou=contractors,${c}`, 1, { usersCount: 4 })
    .withAssignment('Sales', `ou=sales,ou=employees,${c}`, 2, { usersCount: 6 })
    .withAssignment('legacy-vpn', `ou=vpn,ou=legacy,${c}`, 3, { usersCount: 2 })
    .withAssignment('Finance', `ou=finance,ou=employees,${c}`, 4, { usersCount: 3 })
    .withGroup('Marketing', { usersCount: 5 })
    .withGroup('R&D, Berlin', { usersCount: 7 })
    .withMapping({
      firstName: 'user.firstName',
      lastName: 'user.lastName',
      email: 'user.email',
      department: 'user.department',
      title: { expression: 'user.title', pushStatus: 'DONT_PUSH' },
      dn: '"CN=" + user.firstName',
    })
    .withObservedDns(`CN=Ada Lovelace,OU=Engineering,OU=Employees,${C}`, `CN=Bob,OU=Contractors,${C}`);
}

function corpDesired() {
  return aDesiredDirectory('corp')
    .withImportOUs(`OU=Employees,${C}`, `OU=Contractors,${C}`)
    .authoritative(['Everyone', 'legacy-*'])
    .withGroup('Engineering', `OU=Engineering,OU=Employees,${C}`)
    .withGroup('Sales', `OU=Sales,OU=Employees,${C}`)
    .withGroup('Marketing', `OU=Marketing,OU=Employees,${C}`)
    .withGroup('R&D, Berlin', `OU=R&D\\, Berlin,OU=Employees,${C}`)
    .withGroup('Contractors', `OU=Contractors,${C}`)
    .withMappings({ department: 'user.department', title: { expression: 'user.title', push: 'createOnly' }, employeeID: 'user.employeeNumber' });
}

describe('buildPlan', () => {
  it('plans the demo corp directory: mapping fixes, creates, reorder, authoritative delete', () => {
    const plan = buildPlan({
      desired: aDesiredState(corpDesired()),
      live: aLiveState(corpLive()),
      now: NOW,
      tool: 'okta-ou 0.0.0',
      reads: { '/api/v1/apps': 3, '/api/v1': 2 },
    });
    const { fingerprint, findings, ...rest } = plan;
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rest).toEqual({
      formatVersion: 1,
      createdAt: '2026-02-03T04:05:06.000Z',
      orgUrl: ORG_URL,
      tool: 'okta-ou 0.0.0',
      directories: [{ name: 'corp', appId: '0oacorp', appLabel: 'corp.example.com' }],
      changes: [
        {
          id: 'corp/mapping/dn',
          directory: 'corp',
          kind: 'attributeMapping',
          action: 'delete',
          mappingId: 'prmcorp',
          property: 'dn',
          before: { expression: '"CN=" + user.firstName', pushStatus: 'PUSH' },
          after: null,
          reason: expect.stringContaining('dn (distinguishedName) must not be mapped'),
        },
        {
          id: 'corp/mapping/employeeID',
          directory: 'corp',
          kind: 'attributeMapping',
          action: 'create',
          mappingId: 'prmcorp',
          property: 'employeeID',
          before: null,
          after: { expression: 'user.employeeNumber', pushStatus: 'PUSH' },
          reason: 'listed in mappings/corp.yaml, not mapped in Okta',
        },
        {
          id: 'corp/assign/00gMarketing',
          directory: 'corp',
          kind: 'assignment',
          action: 'create',
          group: { id: '00gMarketing', name: 'Marketing' },
          before: null,
          after: { priority: 6, profile: { organizationalUnit: `ou=marketing,ou=employees,${c}` } },
          reason: `listed in mappings/corp.yaml, not assigned in Okta: provisions into ou=marketing,ou=employees,${c}`,
          members: 5,
        },
        {
          id: 'corp/assign/00gRDBerlin',
          directory: 'corp',
          kind: 'assignment',
          action: 'create',
          group: { id: '00gRDBerlin', name: 'R&D, Berlin' },
          before: null,
          after: { priority: 8, profile: { organizationalUnit: `ou=r&d\\, berlin,ou=employees,${c}` } },
          reason: `listed in mappings/corp.yaml, not assigned in Okta: provisions into ou=r&d\\, berlin,ou=employees,${c}`,
          members: 7,
        },
        {
          id: 'corp/reorder',
          directory: 'corp',
          kind: 'assignment',
          action: 'reorder',
          group: { id: '00gContractors', name: 'Contractors' },
          before: null,
          after: null,
          reason: 'managed groups follow the list order in mappings/corp.yaml',
          members: 4,
          moves: [{ group: { id: '00gContractors', name: 'Contractors' }, from: 1, to: 10 }],
        },
        {
          id: 'corp/assign/00gFinance',
          directory: 'corp',
          kind: 'assignment',
          action: 'delete',
          group: { id: '00gFinance', name: 'Finance' },
          before: { priority: 4, profile: { organizationalUnit: `ou=finance,ou=employees,${c}` } },
          after: null,
          reason: 'not in mappings/corp.yaml (authoritative)',
          members: 3,
        },
      ],
      summary: { create: 3, update: 0, delete: 2, reorder: 1, errors: 0, warnings: findings.filter((f) => f.severity === 'warning').length },
      safety: { exceeded: false, reasons: [] },
      // Engineering and Sales keep their places; 3 assignment writes and the delete.
      budget: { reads: { '/api/v1/apps': 3, '/api/v1': 2 }, writes: { '/api/v1': 1, '/api/v1/apps': 4 } },
      schedule: [
        {
          directory: 'corp',
          appId: '0oacorp',
          writes: [
            expect.objectContaining({ groupId: '00gMarketing', method: 'put', priority: 6, parking: false }),
            expect.objectContaining({ groupId: '00gRDBerlin', method: 'put', priority: 8, parking: false }),
            expect.objectContaining({ groupId: '00gContractors', method: 'put', priority: 10, parking: false }),
          ],
          deletes: [{ groupId: '00gFinance', name: 'Finance', changeId: 'corp/assign/00gFinance' }],
          settle: [],
          expect: expect.any(Array),
          bound: 30,
        },
      ],
    });
  });

  it('is deterministic and does not depend on the order Okta returned assignments in', () => {
    const input = { desired: aDesiredState(corpDesired()), now: NOW, tool: 't', reads: {} };
    const live = aLiveState(corpLive());
    const reversed = JSON.parse(JSON.stringify(live)) as typeof live;
    reversed.directories[0].assignments.reverse();
    expect(buildPlan({ ...input, live: reversed })).toEqual(buildPlan({ ...input, live }));
  });

  it('plans nothing for a directory that already matches (OU differs only in case and spacing)', () => {
    const plan = buildPlan({
      desired: aDesiredState(aDesiredDirectory('corp').authoritative().withGroup('Engineering', `OU = Engineering , OU=Employees,${C}`)),
      live: aLiveState(aLiveDirectory('corp').withAssignment('Engineering', `ou=engineering,ou=employees,${c}`, 0)),
      now: NOW,
      tool: 't',
      reads: {},
    });
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 0, reorder: 0, errors: 0, warnings: 0 });
    expect(plan.budget.writes).toEqual({});
  });

  it('plans only the --directory it is given, keeping file-level findings', () => {
    const plan = buildPlan({
      desired: aDesiredState(corpDesired(), aDesiredDirectory('emea').withGroup('EMEA Staff', 'OU=Staff,DC=emea,DC=example,DC=com')),
      live: aLiveState(corpLive(), aLiveDirectory('emea').withGroup('EMEA Staff')),
      findings: [
        { code: 'YAML_SYNTAX', severity: 'error', message: 'bad', file: 'mappings/x.yaml', line: 1, column: 1 },
        { code: 'INVALID_DN', severity: 'error', message: 'bad dn', directory: 'corp', file: 'mappings/corp.yaml', line: 9, column: 9 },
      ],
      now: NOW,
      tool: 't',
      reads: {},
      directoryFilter: 'emea',
    });
    expect(plan.directories).toEqual([{ name: 'emea', appId: '0oaemea', appLabel: 'emea.example.com' }]);
    expect(plan.changes.map((ch) => ch.id)).toEqual(['emea/assign/00gEMEAStaff']);
    expect(plan.findings.map((f) => f.code)).toEqual(['YAML_SYNTAX']);
  });

  it('reports the demo corp findings: the live dn mapping and the unmanaged legacy assignment outside the import OUs', () => {
    const plan = buildPlan({ desired: aDesiredState(corpDesired()), live: aLiveState(corpLive()), now: NOW, tool: 't', reads: {} });
    expect(plan.findings.map((f) => ({ code: f.code, severity: f.severity, directory: f.directory, object: f.object }))).toEqual([
      { code: 'DN_MAPPED', severity: 'warning', directory: 'corp', object: { type: 'mapping', id: 'prmcorp', name: 'dn' } },
      { code: 'OU_NOT_IMPORT_OU', severity: 'warning', directory: 'corp', object: { type: 'assignment', id: '00glegacyvpn', name: 'legacy-vpn' } },
    ]);
    expect(plan.summary.warnings).toBe(2);
  });

  it('plans the demo emea directory: additive, an OU update while updateOUOnGroupChange is false, a create', () => {
    const E = 'DC=emea,DC=example,DC=com';
    const live = aLiveDirectory('emea')
      .withAssignment('EMEA Staff', 'ou=staff,dc=emea,dc=example,dc=com', 0, { usersCount: 5 })
      .withAssignment('EMEA Partners', 'ou=partners,dc=emea,dc=example,dc=com', 1, { usersCount: 3 })
      .withGroup('EMEA Sales', { usersCount: 4 })
      .withMapping({ firstName: 'user.firstName', lastName: 'user.lastName', email: 'user.email', department: 'user.department' });
    const desired = aDesiredDirectory('emea')
      .withImportOUs(`OU=Staff,${E}`, `OU=Partners,${E}`)
      .with({ updateOUOnGroupChange: false })
      .withGroup('EMEA Staff', `OU=Staff,${E}`)
      .withGroup('EMEA Partners', `OU=External,OU=Partners,${E}`)
      .withGroup('EMEA Sales', `OU=Sales,OU=Staff,${E}`);
    const plan = buildPlan({ desired: aDesiredState(desired), live: aLiveState(live), now: NOW, tool: 't', reads: {} });
    expect(plan.changes).toEqual([
      {
        id: 'emea/assign/00gEMEAPartners',
        directory: 'emea',
        kind: 'assignment',
        action: 'update',
        group: { id: '00gEMEAPartners', name: 'EMEA Partners' },
        before: { priority: 1, profile: { organizationalUnit: 'ou=partners,dc=emea,dc=example,dc=com' } },
        after: { priority: 1, profile: { organizationalUnit: 'ou=external,ou=partners,dc=emea,dc=example,dc=com' } },
        reason: 'OU changes from ou=partners,dc=emea,dc=example,dc=com to ou=external,ou=partners,dc=emea,dc=example,dc=com',
        members: 3,
      },
      {
        id: 'emea/assign/00gEMEASales',
        directory: 'emea',
        kind: 'assignment',
        action: 'create',
        group: { id: '00gEMEASales', name: 'EMEA Sales' },
        before: null,
        after: { priority: 3, profile: { organizationalUnit: 'ou=sales,ou=staff,dc=emea,dc=example,dc=com' } },
        reason: 'listed in mappings/emea.yaml, not assigned in Okta: provisions into ou=sales,ou=staff,dc=emea,dc=example,dc=com',
        members: 4,
      },
    ]);
    expect(plan.findings.map((f) => [f.code, f.file, f.line, f.column])).toEqual([['UPDATE_OU_DISABLED', 'mappings/emea.yaml', 24, 13]]);
    expect(plan.budget.writes).toEqual({ '/api/v1/apps': 2 });
  });

  // Changed: the key now includes the message; the same code at one place with other wording is another finding.
  it('merges static findings and reports the same finding at the same place once', () => {
    const dup = { code: 'DUPLICATE_GROUP' as const, severity: 'error' as const, message: 'group "00gSales" is the same Okta group as "Sales" (00gSales), already listed at line 20', directory: 'corp', file: 'mappings/corp.yaml', line: 23, column: 9 };
    const plan = buildPlan({
      desired: aDesiredState(aDesiredDirectory().withGroup('Sales', `OU=Sales,OU=Employees,${C}`).withGroup('00gSales', `OU=Sales,OU=Employees,${C}`)),
      live: aLiveState(aLiveDirectory().withGroup('Sales')),
      findings: [dup],
      now: NOW,
      tool: 't',
      reads: {},
    });
    expect(plan.findings).toEqual([dup]);
    expect(plan.summary.errors).toBe(1);
  });

  it('keeps two different findings of one code at one place (two DIRECTORY_CONFLICTs at one app:)', () => {
    const at = { directory: 'corp', file: 'mappings/corp.yaml', line: 4, column: 10 };
    const withB = { code: 'DIRECTORY_CONFLICT' as const, severity: 'error' as const, message: 'directories "b" and "corp" both manage app "corp.example.com" (other at mappings/b.yaml:4:10)', hint: 'h', ...at };
    const withC = { ...withB, message: 'directories "c" and "corp" both manage app "corp.example.com" (other at mappings/c.yaml:4:10)' };
    const plan = buildPlan({ desired: aDesiredState(aDesiredDirectory()), live: aLiveState(aLiveDirectory()), findings: [withB, withC, withB], now: NOW, tool: 't', reads: {} });
    expect(plan.findings).toEqual([withB, withC]);
    expect(plan.summary.errors).toBe(2);
  });

  it('a directory whose app is missing: findings, no changes, empty appId', () => {
    const plan = buildPlan({
      desired: aDesiredState(aDesiredDirectory().withGroup('A', `OU=A,OU=Employees,${C}`)),
      live: aLiveState(aLiveDirectory().withApp(null)),
      now: NOW,
      tool: 't',
      reads: {},
    });
    expect(plan.directories).toEqual([{ name: 'corp', appId: '', appLabel: 'corp.example.com' }]);
    expect(plan.changes).toEqual([]);
    expect(plan.findings.map((f) => f.code)).toEqual(['APP_NOT_FOUND']);
  });
});

describe('buildPlan: one group listed under two spellings', () => {
  const eng = `OU=Engineering,OU=Employees,${C}`;
  const engineering = { id: '00gEngineering', name: 'Engineering', type: 'OKTA_GROUP' };

  it('names differing only in case that resolve to one group give DUPLICATE_GROUP, the exact repeat stays the static lint\'s', () => {
    const desired = aDesiredState(aDesiredDirectory().withGroup('Engineering', eng).withGroup('engineering', eng).withGroup('Engineering', eng));
    // The reader resolves "engineering" case-insensitively when no group has that exact name.
    const live = aLiveState(aLiveDirectory().withGroup('Engineering').withResolved('engineering', [engineering]));
    const findings = staticLints.flatMap((l) => l.check({ desired }));
    const plan = buildPlan({ desired, live, findings, now: NOW, tool: 't', reads: {} });
    expect(plan.findings.map((f) => [f.code, f.line, f.related])).toEqual([
      // static: the third entry repeats the first's exact text
      ['DUPLICATE_GROUP', 26, [{ file: 'mappings/corp.yaml', line: 20, column: 9 }]],
      // live: the second entry differs only in case and resolves to the same group
      ['DUPLICATE_GROUP', 23, [{ file: 'mappings/corp.yaml', line: 20, column: 9 }]],
    ]);
    expect(plan.findings[1].message).toBe('group "engineering" is the same Okta group as "Engineering" (00gEngineering), already listed at line 20');
    expect(plan.summary.errors).toBe(2);
  });
});

describe('buildPlan: live assignments without a known priority', () => {
  it('a managed one is written on a free slot, an unmanaged one is left alone; both reported; no NaN in any write', () => {
    const a = `OU=A,OU=Employees,${C}`;
    const n = `OU=N,OU=Employees,${C}`;
    const desired = aDesiredState(aDesiredDirectory().withGroup('A', a).withGroup('N', n));
    const live = aLiveState(
      aLiveDirectory()
        .withAssignment('A', `ou=a,ou=employees,${c}`, 0)
        .withAssignment('N', `ou=n,ou=employees,${c}`, NaN)
        .withAssignment('U', `ou=u,ou=employees,${c}`, NaN)
        .withAssignment('V', `ou=v,ou=employees,${c}`, 1),
    );
    const plan = buildPlan({ desired, live, now: NOW, tool: 't', reads: {} });
    expect(plan.changes.map((ch) => [ch.id, ch.action, ch.kind === 'assignment' ? ch.after?.priority : null, ch.reason])).toEqual([
      ['corp/assign/00gN', 'update', 3, 'Okta returned no priority: set to 3'],
    ]);
    expect(plan.findings.map((f) => [f.code, f.severity, f.line, f.object?.id, f.hint])).toEqual([
      ['PRIORITY_UNKNOWN', 'warning', 23, '00gN', 'nothing to do: the plan writes a priority for it'],
      ['PRIORITY_UNKNOWN', 'warning', undefined, '00gU', "list the group in the mappings so the plan gives it a priority, or set its order under the app's Assignments > Groups in the Admin Console"],
    ]);
    expect(plan.findings[1].message).toBe('Okta returned no priority for the live assignment of "U": which OU wins for its users who are in other assigned groups is unknown');
  });
});

describe('buildPlan: work done once per directory', () => {
  it('resolves each directory\'s groups once and diffs its assignments once, for the diff, every lint and the fingerprint', () => {
    const resolve = jest.spyOn(resolveGroupsModule, 'resolveGroups');
    const diff = jest.spyOn(diffAssignmentsModule, 'planAssignments');
    try {
      const desired = aDesiredState(corpDesired(), aDesiredDirectory('emea').withGroup('EMEA Sales', 'OU=Sales,OU=Staff,DC=emea,DC=example,DC=com'));
      const live = aLiveState(corpLive(), aLiveDirectory('emea').withGroup('EMEA Sales'));
      buildPlan({ desired, live, now: NOW, tool: 't', reads: {} });
      expect(resolve.mock.calls.map(([d]) => d.name)).toEqual(['corp', 'emea']);
      expect(diff.mock.calls.map(([d]) => d.name)).toEqual(['corp', 'emea']);
    } finally {
      resolve.mockRestore();
      diff.mockRestore();
    }
  });

  it('reuses the first diff\'s analysis for a directory the reads after it left as it was, and gives the same plan', () => {
    const desired = aDesiredState(corpDesired(), aDesiredDirectory('emea').withGroup('EMEA Sales', 'OU=Sales,OU=Staff,DC=emea,DC=example,DC=com'));
    const live = aLiveState(corpLive(), aLiveDirectory('emea').withGroup('EMEA Sales'));
    const first = assignmentChangesOf(desired, live);
    // As a member read returns it: a new object for the directory it read (corp), emea untouched.
    const afterReads = { ...live, directories: [{ ...live.directories[0], groups: { ...live.directories[0].groups } }, live.directories[1]] };
    const diff = jest.spyOn(diffAssignmentsModule, 'planAssignments');
    try {
      const plan = buildPlan({ desired, live: afterReads, now: NOW, tool: 't', reads: {}, analysis: first.analysis });
      expect(diff.mock.calls.map(([d]) => d.name)).toEqual(['corp']);
      expect(plan).toEqual(buildPlan({ desired, live: afterReads, now: NOW, tool: 't', reads: {} }));
    } finally {
      diff.mockRestore();
    }
  });
});
