/** Shared plumbing of the live lints: which directories to look at, and where a finding points. */
import type { DesiredDirectory, Finding, LiveApp, SourceRef } from '../../model/types';
import { analyse, type DirectoryAnalysis } from '../analyse';
import { AD_APP_NAME } from '../../model/okta-ids';
import type { LintContext } from './types';

const computed = new WeakMap<LintContext, DirectoryAnalysis[]>();

/**
 * Every desired directory with its live slice, resolution and assignment diff (empty when `validate`
 * runs without live data): the context's `analysis`, or computed once per context.
 */
export function allPairs(ctx: LintContext): DirectoryAnalysis[] {
  if (!ctx.live) return [];
  if (ctx.analysis) return ctx.analysis;
  let a = computed.get(ctx);
  if (!a) computed.set(ctx, (a = analyse(ctx.desired, ctx.live)));
  return a;
}

/**
 * Directories whose app exists and is an AD app. The other live lints skip the rest: APP_NOT_FOUND /
 * APP_NOT_AD already block the plan, and findings about a missing app's groups would only be noise.
 */
export function usablePairs(ctx: LintContext): Array<DirectoryAnalysis & { app: LiveApp }> {
  return allPairs(ctx)
    .filter((p) => p.usable)
    .map((p) => ({ ...p, app: p.live.app as LiveApp }));
}

/** Usable directories of an Active Directory app: the checks that are about AD alone run on these. */
export function adPairs(ctx: LintContext): Array<DirectoryAnalysis & { app: LiveApp }> {
  return usablePairs(ctx).filter((p) => p.app.name === AD_APP_NAME);
}

/** The file position fields of a finding. */
export function at(dir: DesiredDirectory, source: SourceRef | undefined): Pick<Finding, 'directory' | 'file' | 'line' | 'column'> {
  const s = source ?? dir.source;
  return { directory: dir.name, file: s.file, line: s.line, column: s.column };
}

export function appObject(app: LiveApp): NonNullable<Finding['object']> {
  return { type: 'app', id: app.id, name: app.label };
}
