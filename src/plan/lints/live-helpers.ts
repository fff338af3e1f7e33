/** Shared plumbing of the live lints: which directories to look at, and where a finding points. */
import type { DesiredDirectory, Finding, LiveApp, SourceRef } from '../../model/types';
import { type DirectoryPair, isUsable, pairDirectories } from '../directories';
import type { LintContext } from './types';

/** Every desired directory with its live slice (empty when `validate` runs without live data). */
export function allPairs(ctx: LintContext): DirectoryPair[] {
  return ctx.live ? pairDirectories(ctx.desired, ctx.live) : [];
}

/**
 * Directories whose app exists and is an AD app. The other live lints skip the rest: APP_NOT_FOUND /
 * APP_NOT_AD already block the plan, and findings about a missing app's groups would only be noise.
 */
export function usablePairs(ctx: LintContext): Array<DirectoryPair & { app: LiveApp }> {
  return allPairs(ctx)
    .filter(isUsable)
    .map((p) => ({ ...p, app: p.live.app as LiveApp }));
}

/** The file position fields of a finding. */
export function at(dir: DesiredDirectory, source: SourceRef | undefined): Pick<Finding, 'directory' | 'file' | 'line' | 'column'> {
  const s = source ?? dir.source;
  return { directory: dir.name, file: s.file, line: s.line, column: s.column };
}

export function appObject(app: LiveApp): NonNullable<Finding['object']> {
  return { type: 'app', id: app.id, name: app.label };
}
