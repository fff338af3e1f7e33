import type { AssignmentReorder, Change } from '../../src/model/types';
import { assessSafety } from '../../src/plan/safety';
import { DEFAULT_SAFETY } from '../../src/config';
import { aDesiredDirectory, aLiveDirectory } from '../support/builders';

function liveWith(n: number) {
  const b = aLiveDirectory();
  for (let i = 0; i < n; i++) b.withAssignment(`G${i}`, `ou=g${i},dc=corp,dc=example,dc=com`, i);
  return b.build();
}
const ch = (action: Change['action'], i: number): Change => ({
  id: `corp/assign/00gG${i}`,
  directory: 'corp',
  kind: 'assignment',
  action,
  group: { id: `00gG${i}`, name: `G${i}` },
  before: null,
  after: null,
  reason: '',
}) as Change; // only the action counts here
const n = (k: number, action: Change['action']): Change[] => Array.from({ length: k }, (_, i) => ch(action, i));

const cases: Array<{ name: string; existing: number; changes: Change[]; share?: number; min?: number; want: ReturnType<typeof assessSafety> }> = [
  {
    name: 'over the default 25% with 12 existing',
    existing: 12,
    changes: [...n(3, 'delete'), ch('update', 9)],
    want: { exceeded: true, reasons: ['corp: 4 of 12 existing assignments (33.3%) would be deleted or changed, over the 25% threshold; use --force if intended'] },
  },
  { name: 'exactly at the threshold is fine', existing: 12, changes: n(3, 'delete'), want: { exceeded: false, reasons: [] } },
  {
    name: 'exactly minExisting assignments: the share counts',
    existing: 10,
    changes: n(3, 'update'),
    want: { exceeded: true, reasons: ['corp: 3 of 10 existing assignments (30%) would be deleted or changed, over the 25% threshold; use --force if intended'] },
  },
  // Changed with the "deletes everything" rule: 9 of 9 deletes used to pass below minExisting.
  { name: 'below minExisting the share never trips', existing: 9, changes: [...n(8, 'delete'), ch('update', 8)], want: { exceeded: false, reasons: [] } },
  {
    name: 'deleting every existing assignment trips whatever the size',
    existing: 9,
    changes: n(9, 'delete'),
    want: { exceeded: true, reasons: ['corp: every existing assignment would be deleted (9 of 9); use --force if intended'] },
  },
  {
    name: 'deleting the only assignment trips',
    existing: 1,
    changes: n(1, 'delete'),
    want: { exceeded: true, reasons: ['corp: every existing assignment would be deleted (1 of 1); use --force if intended'] },
  },
  {
    name: 'deleting all of 12: one reason, not two',
    existing: 12,
    changes: n(12, 'delete'),
    want: { exceeded: true, reasons: ['corp: every existing assignment would be deleted (12 of 12); use --force if intended'] },
  },
  { name: 'nothing existing, nothing deleted', existing: 0, changes: n(2, 'create'), want: { exceeded: false, reasons: [] } },
  { name: 'creates and reorders do not count', existing: 10, changes: [...n(10, 'create'), ch('reorder', 0)], want: { exceeded: false, reasons: [] } },
  {
    name: 'per-directory settings',
    existing: 4,
    changes: [ch('update', 0), ch('update', 1)],
    share: 0.333,
    min: 2,
    want: { exceeded: true, reasons: ['corp: 2 of 4 existing assignments (50%) would be deleted or changed, over the 33.3% threshold; use --force if intended'] },
  },
];

describe('assessSafety', () => {
  it.each(cases)('$name', ({ existing, changes, share, min, want }) => {
    const desired = aDesiredDirectory()
      .with({ safety: { ...DEFAULT_SAFETY, maxChangeShare: share ?? 0.25, minExisting: min ?? 10, maxUpdateShare: 1 } })
      .build();
    expect(assessSafety([{ desired, live: liveWith(existing) }], changes)).toEqual(want);
  });
});

describe('assessSafety: attribute-mapping properties', () => {
  const props = (k: number): Record<string, string> => Object.fromEntries(Array.from({ length: k }, (_, i) => [`p${i}`, `user.p${i}`]));
  const mappingChange = (action: 'create' | 'update' | 'delete', property: string): Change => ({
    id: `corp/mapping/${property}`,
    directory: 'corp',
    kind: 'attributeMapping',
    action,
    mappingId: 'prmcorp',
    property,
    before: action === 'create' ? null : { expression: `user.${property}`, pushStatus: 'PUSH' },
    after: action === 'delete' ? null : { expression: 'x', pushStatus: 'PUSH' },
    reason: '',
  }) as Change;
  const verdict = (live: Record<string, string>, changes: Change[], safety = { ...DEFAULT_SAFETY }) =>
    assessSafety([{ desired: aDesiredDirectory().with({ safety }).build(), live: aLiveDirectory().withMapping(live).build() }], changes);

  test('prune deleting 9 of 12 live properties is over the share', () => {
    const changes = Array.from({ length: 9 }, (_, i) => mappingChange('delete', `p${i + 3}`));
    expect(verdict(props(12), changes)).toEqual({
      exceeded: true,
      reasons: ['corp: 9 of 12 existing attribute-mapping properties (75%) would be deleted or changed, over the 25% threshold; use --force if intended'],
    });
  });

  test('deleting every live property is unsafe whatever the size', () => {
    expect(verdict(props(2), [mappingChange('delete', 'p0'), mappingChange('delete', 'p1')])).toEqual({
      exceeded: true,
      reasons: ['corp: every existing attribute-mapping property would be deleted (2 of 2); use --force if intended'],
    });
  });

  test('the dn removal counts for nothing: removing dn alone, or with every other property but one, is safe', () => {
    expect(verdict({ dn: 'user.dn' }, [mappingChange('delete', 'dn')])).toEqual({ exceeded: false, reasons: [] });
    expect(verdict({ ...props(3), dn: 'user.dn' }, [mappingChange('delete', 'dn'), mappingChange('delete', 'p0'), mappingChange('delete', 'p1')])).toEqual({ exceeded: false, reasons: [] });
  });

  test('the dn removal with every other live property deleted is unsafe (for the others)', () => {
    expect(verdict({ p0: 'user.p0', dn: 'user.dn' }, [mappingChange('delete', 'dn'), mappingChange('delete', 'p0')])).toEqual({
      exceeded: true,
      reasons: ['corp: every existing attribute-mapping property would be deleted (1 of 1); use --force if intended'],
    });
  });

  test('creates do not count; at the threshold is fine; assignments and properties are judged apart', () => {
    const changes = [...Array.from({ length: 5 }, (_, i) => mappingChange('create', `n${i}`)), mappingChange('update', 'p0'), mappingChange('delete', 'p1'), mappingChange('delete', 'p2')];
    expect(verdict(props(12), changes)).toEqual({ exceeded: false, reasons: [] });
  });
});

describe('assessSafety: separate thresholds and people', () => {
  const user = (i: number) => ({ user: { id: `00u${i}` }, from: 'ou=a', to: null });
  const impact = (lose: number, move: number, appUsers: number) => ({
    changes: {},
    directories: [{ directory: 'corp', appUsers, gain: [], stay: [], individual: [], lose: Array.from({ length: lose }, (_, i) => user(i)), move: Array.from({ length: move }, (_, i) => user(100 + i)) }],
  });
  const desired = aDesiredDirectory().with({ safety: { ...DEFAULT_SAFETY } }).build();

  test('a reorder counts against maxUpdateShare: 4 of 12 moved', () => {
    const reorder: Change = { ...(ch('reorder', 0) as AssignmentReorder), id: 'corp/reorder', moves: [0, 1, 2, 3].map((i) => ({ group: { id: `00gG${i}`, name: `G${i}` }, from: i, to: 3 - i })) };
    expect(assessSafety([{ desired, live: liveWith(12) }], [reorder]).reasons).toEqual([
      'corp: 4 of 12 existing assignments would be updated or moved in priority (33.3%), over the 30% threshold (safety.maxUpdateShare); use --force if intended',
    ]);
  });

  test('groups renumbered to make room (respace) count against maxUpdateShare only when they pass an assignment that stays', () => {
    const moves = Array.from({ length: 12 }, (_, i) => ({ group: { id: `00gG${i}`, name: `G${i}` }, from: i, to: 2 * i + 3, respace: true as const }));
    const reorder: AssignmentReorder = { ...(ch('reorder', 0) as AssignmentReorder), id: 'corp/reorder', moves };
    expect(assessSafety([{ desired, live: liveWith(12) }], [reorder])).toEqual({ exceeded: false, reasons: [] });
    const fourMoved: AssignmentReorder = { ...reorder, moves: moves.map((m, i) => (i < 4 ? { group: m.group, from: m.from, to: m.to } : m)) };
    expect(assessSafety([{ desired, live: liveWith(12) }], [fourMoved]).reasons).toEqual([
      'corp: 4 of 12 existing assignments would be updated or moved in priority (33.3%), over the 30% threshold (safety.maxUpdateShare); use --force if intended',
    ]);
    // G0–G3 renumbered past G4–G11, which stay: their members now meet those groups first.
    const passing: AssignmentReorder = { ...reorder, moves: moves.slice(0, 4).map((m, i) => ({ ...m, to: 20 + i })) };
    expect(assessSafety([{ desired, live: liveWith(12) }], [passing]).reasons).toEqual([
      'corp: 4 of 12 existing assignments would be updated or moved in priority (33.3%), over the 30% threshold (safety.maxUpdateShare); use --force if intended',
    ]);
  });

  test('users losing the app over 5 %, users moving over 20 %, each named with its setting and numbers', () => {
    expect(assessSafety([{ desired, live: liveWith(1) }], [], impact(2, 5, 20)).reasons).toEqual([
      'corp: 2 of 20 users of the AD app would lose it (deprovisioned) (10%), over the 5% threshold (safety.maxUsersLosingAppShare); use --force if intended',
      'corp: 5 of 20 users of the AD app would move to another OU (25%), over the 20% threshold (safety.maxUsersMovingShare); use --force if intended',
    ]);
    expect(assessSafety([{ desired, live: liveWith(1) }], [], impact(1, 4, 20))).toEqual({ exceeded: false, reasons: [] });
  });

  test('below minExisting users the shares do not trip, but every user losing the app always does', () => {
    expect(assessSafety([{ desired, live: liveWith(1) }], [], impact(2, 5, 9))).toEqual({ exceeded: false, reasons: [] });
    expect(assessSafety([{ desired, live: liveWith(1) }], [], impact(3, 0, 3)).reasons).toEqual([
      "corp: every one of the app's 3 users would lose the AD app (deprovisioned); use --force if intended",
    ]);
  });
});
