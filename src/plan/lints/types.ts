import type { DesiredState, Finding, FindingCode, LiveState, Severity } from '../../model/types';
import type { DirectoryAnalysis } from '../analyse';

/** What a lint sees. `live` is present only under `plan` (lints that need it are skipped by `validate`). */
export interface LintContext {
  desired: DesiredState;
  live?: LiveState;
  /**
   * The per-directory pairing, group resolution and assignment diff of `desired` against `live`, as
   * `buildPlan` computed them once (analyse.ts). Without it (a lint run on its own), the live lints
   * compute it once per context.
   */
  analysis?: DirectoryAnalysis[];
}

/**
 * One lint per finding code, one file per lint (docs/style.md §4). Lints are pure: whatever they need from
 * Okta is read by src/live and passed in through `ctx.live`.
 */
export interface Lint {
  code: FindingCode;
  /** The usual severity; a lint may emit a lower one for live-only cases (see docs/design.md §3). */
  severity: Severity;
  needs: 'desired' | 'live';
  check(ctx: LintContext): Finding[];
}
