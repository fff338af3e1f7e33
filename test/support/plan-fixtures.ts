/**
 * Hand-built plans for renderer and GitOps tests. Ids and times are already placeholders, so golden files
 * stay stable. Each builder returns a fresh object: tests may mutate what they get.
 */
import type { AssignmentChange, AttributeMappingChange, Change, Finding, Plan, PlanSummary } from '../../src/model/types';

export const PLACEHOLDER_TIME = '2000-01-01T00:00:00.000Z';
export const ORG_URL = 'https://example.okta.com';

function summarise(changes: Change[], findings: Finding[]): PlanSummary {
  return {
    create: changes.filter((c) => c.action === 'create').length,
    update: changes.filter((c) => c.action === 'update').length,
    delete: changes.filter((c) => c.action === 'delete').length,
    reorder: changes.filter((c) => c.action === 'reorder').length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** A plan around the given changes and findings, with a summary computed from them. */
export function aPlan(changes: Change[] = [], findings: Finding[] = [], extra: Partial<Plan> = {}): Plan {
  return {
    formatVersion: 1,
    createdAt: PLACEHOLDER_TIME,
    orgUrl: ORG_URL,
    tool: 'okta-ou 0.0.0',
    directories: [
      { name: 'corp', appId: '0oa-CORP', appLabel: 'corp.example.com' },
      { name: 'emea', appId: '0oa-EMEA', appLabel: 'emea.example.com' },
    ],
    changes,
    findings,
    summary: summarise(changes, findings),
    safety: { exceeded: false, reasons: [] },
    budget: { reads: { '/api/v1': 3, '/api/v1/apps': 4, '/api/v1/groups': 1 }, writes: {} },
    fingerprint: 'sha256:FINGERPRINT',
    ...extra,
  };
}

const OU = (name: string, parent = 'OU=Employees,DC=corp,DC=example,DC=com'): string => `ou=${name.toLowerCase()},${parent.toLowerCase()}`;

export function aCreate(dir: string, id: string, name: string, ou: string, priority: number, members?: number): AssignmentChange {
  return {
    id: `${dir}/assign/${id}`,
    directory: dir,
    kind: 'assignment',
    action: 'create',
    group: { id, name },
    before: null,
    after: { priority, profile: { organizationalUnit: ou } },
    reason: 'listed in the mappings, not assigned in Okta',
    ...(members === undefined ? {} : { members }),
  };
}

export function anOuUpdate(dir: string, id: string, name: string, from: string, to: string, priority: number, members?: number): AssignmentChange {
  return {
    id: `${dir}/assign/${id}`,
    directory: dir,
    kind: 'assignment',
    action: 'update',
    group: { id, name },
    before: { priority, profile: { organizationalUnit: from } },
    after: { priority, profile: { organizationalUnit: to } },
    reason: 'organizationalUnit differs',
    ...(members === undefined ? {} : { members }),
  };
}

export function aDelete(dir: string, id: string, name: string, ou: string, priority: number, members?: number): AssignmentChange {
  return {
    id: `${dir}/assign/${id}`,
    directory: dir,
    kind: 'assignment',
    action: 'delete',
    group: { id, name },
    before: { priority, profile: { organizationalUnit: ou } },
    after: null,
    reason: 'assigned in Okta, not listed (mode: authoritative)',
    ...(members === undefined ? {} : { members }),
  };
}

export function aReorder(dir: string, moves: Array<{ id: string; name: string; from: number; to: number }>): AssignmentChange {
  const first = moves[0]!;
  return {
    id: `${dir}/reorder`,
    directory: dir,
    kind: 'assignment',
    action: 'reorder',
    group: { id: first.id, name: first.name },
    before: null,
    after: null,
    reason: 'the list order in the mappings differs from the priorities in Okta',
    moves: moves.map((m) => ({ group: { id: m.id, name: m.name }, from: m.from, to: m.to })),
  };
}

export function aMappingChange(
  dir: string,
  action: AttributeMappingChange['action'],
  property: string,
  before: { expression: string; pushStatus: string } | null,
  after: { expression: string; pushStatus: string } | null,
  reason: string,
): AttributeMappingChange {
  // Any action with any before/after, for renderer tests: the caller pairs them as the planner would.
  return { id: `${dir}/mapping/${property}`, directory: dir, kind: 'attributeMapping', action, mappingId: 'prm-MAPPING', property, before, after, reason } as AttributeMappingChange;
}

/** Every change kind in two directories, with error, warning and info findings (file-located and live). */
export function fullPlan(): Plan {
  const changes: Change[] = [
    aCreate('corp', '00g-ENG', 'Engineering', OU('Engineering'), 0, 118),
    anOuUpdate('corp', '00g-SALES', 'Sales', OU('Sales'), OU('Sales-EMEA'), 2, 42),
    aDelete('corp', '00g-OLD', 'Legacy VPN', OU('Legacy'), 5, 7),
    aReorder('corp', [
      { id: '00g-SALES', name: 'Sales', from: 2, to: 1 },
      { id: '00g-SUPPORT', name: 'Support', from: 1, to: 2 },
    ]),
    aMappingChange('corp', 'create', 'department', null, { expression: 'user.department', pushStatus: 'PUSH' }, 'listed in the mappings, not mapped in Okta'),
    aMappingChange('corp', 'update', 'title', { expression: 'user.title', pushStatus: 'PUSH' }, { expression: 'user.title', pushStatus: 'DONT_PUSH' }, 'push differs'),
    aMappingChange('corp', 'delete', 'dn', { expression: 'user.dn', pushStatus: 'PUSH' }, null, 'dn must not be mapped Okta→AD (DN_MAPPED)'),
    aCreate('emea', '00g-<script>', '<script>alert(1)</script>', 'ou=a|b,dc=emea,dc=example,dc=com', 0),
  ];
  const findings: Finding[] = [
    {
      code: 'OU_NOT_IMPORT_OU',
      severity: 'error',
      message: 'group "Contractors" targets OU=Vendors,DC=corp,DC=example,DC=com, which is not under an import OU',
      hint: 'add its parent to importOUs, or use an OU under OU=Employees,DC=corp,DC=example,DC=com',
      directory: 'corp',
      file: 'mappings/corp.yaml',
      line: 14,
      column: 13,
    },
    {
      code: 'UPDATE_OU_DISABLED',
      severity: 'warning',
      message: 'Sales moves to another OU while updateOUOnGroupChange is false: its 42 existing users will not move',
      hint: 'enable "Update OU when the group that provisions a user to AD changes" on the AD app, then set updateOUOnGroupChange: true',
      directory: 'corp',
      file: 'mappings/corp.yaml',
      line: 20,
      column: 7,
    },
    {
      code: 'PRIORITY_DUPLICATE',
      severity: 'warning',
      message: 'live assignments of Sales and Support share priority 1',
      directory: 'corp',
      object: { type: 'assignment', id: '00g-SUPPORT', name: 'Support' },
    },
    {
      code: 'USER_SCOPE_ASSIGNMENT',
      severity: 'warning',
      message: '3 members of managed groups are assigned to the AD app individually (scope USER); their OU will not follow the group',
      hint: 'convert their assignments to GROUP scope',
      directory: 'emea',
      object: { type: 'app', id: '0oa-EMEA', name: 'emea.example.com' },
    },
    {
      code: 'UNMANAGED_PROFILE_KEYS',
      severity: 'info',
      message: 'live assignment profile of Engineering has keys the file does not manage: manager',
      directory: 'corp',
      object: { type: 'assignment', id: '00g-ENG', name: 'Engineering' },
    },
  ];
  return aPlan(changes, findings, { budget: { reads: { '/api/v1': 3, '/api/v1/apps': 6, '/api/v1/groups': 2 }, writes: { '/api/v1': 1, '/api/v1/apps': 4 } } });
}

/** A plan deleting most assignments of a directory: the safety threshold is exceeded. */
export function unsafePlan(): Plan {
  const changes: Change[] = [];
  for (let i = 0; i < 8; i++) changes.push(aDelete('corp', `00g-DEL${i}`, `Team ${i}`, OU(`Team${i}`), i + 1, 10 + i));
  return aPlan(changes, [], {
    directories: [{ name: 'corp', appId: '0oa-CORP', appLabel: 'corp.example.com' }],
    safety: { exceeded: true, reasons: ['[corp] too many assignments deleted or changed: 80.0% is over 25.0% (8/10); --force required'] },
    budget: { reads: { '/api/v1': 2, '/api/v1/apps': 3 }, writes: { '/api/v1/apps': 8 } },
  });
}

/** Okta already matches the mappings. */
export function emptyPlan(): Plan {
  return aPlan([], [], { directories: [{ name: 'corp', appId: '0oa-CORP', appLabel: 'corp.example.com' }] });
}

/** `n` changes (creates, updates and deletes across two directories) for the size limit of PR comments. */
export function hugePlan(n = 5000): Plan {
  const changes: Change[] = [];
  for (let i = 0; i < n; i++) {
    const dir = i < n / 2 ? 'corp' : 'emea';
    const id = `00g-${String(i).padStart(5, '0')}`;
    const name = `Department ${i} | team <${i % 7}>`;
    if (i % 3 === 0) changes.push(aCreate(dir, id, name, OU(`Dept${i}`), i, i % 50));
    else if (i % 3 === 1) changes.push(anOuUpdate(dir, id, name, OU(`Dept${i}`), OU(`Dept${i}-new`), i, i % 50));
    else changes.push(aDelete(dir, id, name, OU(`Dept${i}`), i, i % 50));
  }
  const findings: Finding[] = [
    { code: 'UPDATE_OU_DISABLED', severity: 'warning', message: 'OU changes while updateOUOnGroupChange is false', directory: 'corp', file: 'mappings/corp.yaml', line: 3, column: 5 },
  ];
  return aPlan(changes, findings);
}
