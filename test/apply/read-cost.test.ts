/**
 * Where apply lists an app and where it reads single assignments. Any write carrying a priority (PUT)
 * means the list before and after, whatever the app's size. When every write is a profile-only PATCH or a
 * DELETE, at the boundary the list is used while it costs no more calls than the writes (the check before
 * writing) or than the GETs would (the read-back), counting the assignments the app will have after apply.
 */
import { listPages, readBackEachWritten, recheckBeforeWriting, writesNoPriority, type AppWrites } from '../../src/apply/read-cost';
import type { ApplyRequest, DirectoryExpectation, WriteMethod } from '../../src/apply/types';

/** An app with `untouched` assignments outside the plan and the given written/deleted groups. */
function app(untouched: number, written: Record<string, 'kept' | 'deleted'>): DirectoryExpectation {
  const ids = Array.from({ length: untouched }, (_, i) => `00gU${i}`);
  const assignments = Object.fromEntries(Object.entries(written).map(([g, w]) => [g, w === 'kept' ? { priority: 0, profile: {} } : null]));
  const before = Object.fromEntries([...ids, ...Object.keys(written)].map((g, i) => [g, i]));
  return { directory: 'corp', appId: '0oa1', assignments, untouched: Object.fromEntries(ids.map((g, i) => [g, i])), before, names: {}, changeOf: {} };
}

/** The app's writes: `methods` in the schedule's order (its DELETEs among the deletes), then the `settle` moves. */
function sent(methods: WriteMethod[], settle: WriteMethod[] = []): AppWrites {
  const request = (method: WriteMethod, i: number): ApplyRequest => ({ method, path: `/api/v1/apps/0oa1/groups/00gW${i}`, changeIds: [], directory: 'corp', summary: method });
  return { writes: methods.filter((m) => m !== 'DELETE').map(request), deletes: methods.filter((m) => m === 'DELETE').map(request), settle: settle.map(request) };
}

const patches = (n: number): WriteMethod[] => Array.from({ length: n }, () => 'PATCH');
const kept = (n: number): Record<string, 'kept'> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`00gW${i}`, 'kept' as const]));

test('list pages: 200 per page, one even for an empty app', () => {
  expect([0, 1, 200, 201, 100_000].map(listPages)).toEqual([1, 1, 1, 2, 500]);
});

test('only profile-only PATCHes and DELETEs carry no priority; a PUT in any phase does', () => {
  expect(writesNoPriority(sent([]))).toBe(true);
  expect(writesNoPriority(sent(['PATCH', 'DELETE', 'PATCH']))).toBe(true);
  expect(writesNoPriority(sent(['PATCH', 'PUT']))).toBe(false);
  expect(writesNoPriority(sent(['DELETE'], ['PUT']))).toBe(false);
});

test('PATCHes and DELETEs only: the check before writing lists the app while its pages are no more than the writes', () => {
  expect(recheckBeforeWriting(app(199, { A: 'kept' }), sent(['PATCH']))).toBe(true);
  expect(recheckBeforeWriting(app(200, { A: 'kept' }), sent(['PATCH']))).toBe(false);
  expect(recheckBeforeWriting(app(200, { A: 'kept' }), sent(['PATCH', 'DELETE']))).toBe(true);
  expect(recheckBeforeWriting(app(99_800, kept(200)), sent(patches(200)))).toBe(false);
});

test('PATCHes and DELETEs only: the read-back GETs each written or deleted group only while that is fewer calls than the list after apply', () => {
  // 201 assignments after apply: 2 pages; 1 GET is fewer.
  expect(readBackEachWritten(app(200, { A: 'kept' }), sent(['PATCH']))).toBe(true);
  // 200 after apply (the deleted group is gone): 1 page, as many as the GETs: the list.
  expect(readBackEachWritten(app(200, { A: 'deleted' }), sent(['DELETE']))).toBe(false);
  // 2 GETs against 2 pages (400 after apply): the list (it also shows the assignments outside the plan).
  expect(readBackEachWritten(app(398, { A: 'kept', B: 'kept' }), sent(['PATCH', 'PATCH']))).toBe(false);
  expect(readBackEachWritten(app(399, { A: 'kept', B: 'deleted' }), sent(['PATCH', 'DELETE']))).toBe(false);
  // 401 after apply: 3 pages.
  expect(readBackEachWritten(app(400, { A: 'kept', B: 'deleted' }), sent(['PATCH', 'DELETE']))).toBe(true);
});

test('a write carrying a priority: the app is listed before the first write and after the last, whatever its size', () => {
  // A create on a 2,000-assignment app: 10 pages against 1 write, listed all the same (a slot taken since
  // the plan's read would shift its holder).
  expect(recheckBeforeWriting(app(2000, { New: 'kept' }), sent(['PUT']))).toBe(true);
  expect(readBackEachWritten(app(2000, { New: 'kept' }), sent(['PUT']))).toBe(false);
  // 100,000 assignments, 199 OU updates and one move.
  expect(recheckBeforeWriting(app(99_800, kept(200)), sent([...patches(199), 'PUT']))).toBe(true);
  expect(readBackEachWritten(app(99_800, kept(200)), sent([...patches(199), 'PUT']))).toBe(false);
  // A delete whose freed slot a settle move then takes.
  expect(recheckBeforeWriting(app(2000, { A: 'deleted', B: 'kept' }), sent(['DELETE'], ['PUT']))).toBe(true);
  expect(readBackEachWritten(app(2000, { A: 'deleted', B: 'kept' }), sent(['DELETE'], ['PUT']))).toBe(false);
});
