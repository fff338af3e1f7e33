import type { Change } from '../../src/model/types';
import { assessSafety } from '../../src/plan/safety';
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
});
const n = (k: number, action: Change['action']): Change[] => Array.from({ length: k }, (_, i) => ch(action, i));

const cases: Array<{ name: string; existing: number; changes: Change[]; share?: number; min?: number; want: ReturnType<typeof assessSafety> }> = [
  {
    name: 'over the default 25% with 12 existing',
    existing: 12,
    changes: [...n(3, 'delete'), ch('update', 9)],
    want: { exceeded: true, reasons: ['corp: 4 of 12 existing assignments (33.3%) would be deleted or changed, over the 25% threshold; use --force if intended'] },
  },
  { name: 'exactly at the threshold is fine', existing: 12, changes: n(3, 'delete'), want: { exceeded: false, reasons: [] } },
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
    want: { exceeded: true, reasons: ['corp: 2 of 4 existing assignments (50.0%) would be deleted or changed, over the 33.3% threshold; use --force if intended'] },
  },
];

describe('assessSafety', () => {
  it.each(cases)('$name', ({ existing, changes, share, min, want }) => {
    const desired = aDesiredDirectory()
      .with({ safety: { maxChangeShare: share ?? 0.25, minExisting: min ?? 10 } })
      .build();
    expect(assessSafety([{ desired, live: liveWith(existing) }], changes)).toEqual(want);
  });
});
