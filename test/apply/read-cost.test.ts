/**
 * Where apply lists an app and where it reads single assignments: at the boundary, the list is used
 * while it costs no more calls than the writes (the check before writing) or than the GETs would
 * (the read-back), counting the assignments the app will have after apply.
 */
import { listPages, readBackEachWritten, recheckBeforeWriting } from '../../src/apply/read-cost';
import type { DirectoryExpectation } from '../../src/apply/types';

/** An app with `untouched` assignments outside the plan and the given written/deleted groups. */
function app(untouched: number, written: Record<string, 'kept' | 'deleted'>): DirectoryExpectation {
  const ids = Array.from({ length: untouched }, (_, i) => `00gU${i}`);
  const assignments = Object.fromEntries(Object.entries(written).map(([g, w]) => [g, w === 'kept' ? { priority: 0, profile: {} } : null]));
  const before = Object.fromEntries([...ids, ...Object.keys(written)].map((g, i) => [g, i]));
  return { directory: 'corp', appId: '0oa1', assignments, untouched: Object.fromEntries(ids.map((g, i) => [g, i])), before, names: {}, changeOf: {} };
}

test('list pages: 200 per page, one even for an empty app', () => {
  expect([0, 1, 200, 201, 100_000].map(listPages)).toEqual([1, 1, 1, 2, 500]);
});

test('the check before writing lists the app while its pages are no more than the writes', () => {
  expect(recheckBeforeWriting(app(199, { A: 'kept' }), 1)).toBe(true);
  expect(recheckBeforeWriting(app(200, { A: 'kept' }), 1)).toBe(false);
  expect(recheckBeforeWriting(app(200, { A: 'kept' }), 2)).toBe(true);
  expect(recheckBeforeWriting(app(99_800, Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`00gW${i}`, 'kept' as const]))), 200)).toBe(false);
});

test('the read-back GETs each written or deleted group only while that is fewer calls than the list after apply', () => {
  // 201 assignments after apply: 2 pages; 1 GET is fewer.
  expect(readBackEachWritten(app(200, { A: 'kept' }))).toBe(true);
  // 200 after apply (the deleted group is gone): 1 page, as many as the GETs: the list.
  expect(readBackEachWritten(app(200, { A: 'deleted' }))).toBe(false);
  // 2 GETs against 2 pages (400 after apply): the list (it also shows the assignments outside the plan).
  expect(readBackEachWritten(app(398, { A: 'kept', B: 'kept' }))).toBe(false);
  expect(readBackEachWritten(app(399, { A: 'kept', B: 'deleted' }))).toBe(false);
  // 401 after apply: 3 pages.
  expect(readBackEachWritten(app(400, { A: 'kept', B: 'deleted' }))).toBe(true);
});
