import { verboseLog } from '../../src/cli/verbose-log';
import { fakeContext } from '../support/cli';

test('verboseLog: one stderr line per call with --verbose, nothing without, never stdout', () => {
  const ctx = fakeContext();
  verboseLog(ctx, { mappings: 'mappings', verbose: true, color: false })('live: 2 apps');
  verboseLog(ctx, { mappings: 'mappings', verbose: false, color: false })('not shown');
  expect([ctx.out(), ctx.err()]).toEqual(['', 'live: 2 apps\n']);
});
