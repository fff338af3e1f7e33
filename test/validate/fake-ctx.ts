import { fakeContext, type FakeContext } from '../support/cli';

/** An in-process CLI context: captured output, no TTY, fixed clock, empty environment (test/support/cli.ts). */
export function fakeCtx(cwd: string, opts: { color?: boolean; env?: Record<string, string> } = {}): FakeContext {
  return fakeContext({ cwd, ...opts });
}
