/**
 * The pure planner: desired state + live slice → Plan (docs/design.md §4). No I/O: the CLI loads the files,
 * reads Okta, then calls this (docs/style.md §9.1), and renders what it returns.
 */
import type { Change, DesiredState, DirectorySchedule, Finding, LiveState, Plan, PlanDirectory, PlanSummary } from '../model/types';
import { countWrites } from './budget';
import { diffAdGroups } from './diff-ad-groups';
import { convertUserScope } from './convert-user-scope';
import { diffTypeMappings } from './diff-type-mappings';
import type { DirectoryAnalysis } from './analyse';
import { PriorityConflictError } from './schedule';
import { scheduleDirectory } from './write-schedule';
import { diffMappings } from './diff-mappings';
import { analyse } from './analyse';
import { fingerprintLive } from './fingerprint';
import { liveLints } from './lints/live';
import { assessSafety } from './safety';
import { planImpact } from './plan-impact';

export interface BuildPlanInput {
  desired: DesiredState;
  live: LiveState;
  /** Findings from loading and the static lints; merged in (live lints are run here). */
  findings?: Finding[];
  now: Date;
  /** e.g. `okta-ou 0.1.0` */
  tool: string;
  /** Calls made while reading live state, per rate-limit bucket. */
  reads: Record<string, number>;
  /** `--directory NAME`: plan only this directory (findings of other directories are dropped). */
  directoryFilter?: string;
  /** assignmentChangesOf's analysis: reused for each directory the reads after it left as they were. */
  analysis?: readonly DirectoryAnalysis[];
}

/**
 * A finding reported twice is shown once: the same code and message at the same file:line:col (e.g. the
 * loader and a lint both seeing it), the first (static) one kept; findings without a file position are the
 * same when code, directory, Okta object and message agree. Two different findings at one place (two
 * DIRECTORY_CONFLICTs at one `app:`, with different other sides) are both kept.
 */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = f.file !== undefined ? JSON.stringify([f.code, f.file, f.line, f.column, f.message]) : JSON.stringify([f.code, f.directory, f.object?.type, f.object?.id, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function summarise(changes: Change[], findings: Finding[]): PlanSummary {
  const count = (a: Change['action']): number => changes.filter((c) => c.action === a).length;
  return {
    create: count('create'),
    update: count('update'),
    delete: count('delete'),
    reorder: count('reorder'),
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/**
 * The exact assignment writes of every usable directory, or, when a directory's order cannot be reached
 * without moving an assignment the plan does not manage, the PRIORITY_CONFLICT finding instead (apply
 * then refuses: the plan has an error).
 */
function schedulePlan(pairs: DirectoryAnalysis[]): { schedule: DirectorySchedule[]; findings: Finding[] } {
  const schedule: DirectorySchedule[] = [];
  const findings: Finding[] = [];
  for (const p of pairs) {
    if (!p.usable || !p.slots) continue;
    try {
      const s = scheduleDirectory(p.live, p.assignmentChanges, p.slots.bound);
      if (s) schedule.push(s);
    } catch (e) {
      if (!(e instanceof PriorityConflictError)) throw e;
      findings.push({ code: 'PRIORITY_CONFLICT', severity: 'error', message: e.reason, ...(e.hint ? { hint: e.hint } : {}), directory: p.desired.name });
    }
  }
  return { schedule, findings };
}

/** The desired and live state of the `--directory` named (all when none is). */
function forDirectory(desired: DesiredState, live: LiveState, filter: string | undefined): { desired: DesiredState; live: LiveState } {
  if (filter === undefined) return { desired, live };
  return { desired: { directories: desired.directories.filter((d) => d.name === filter) }, live: { ...live, directories: live.directories.filter((d) => d.name === filter) } };
}

/**
 * The assignment changes buildPlan would make, without building the plan: which groups' members and
 * member counts to read before the plan is built, once (docs/style.md §9.1: the planner stays pure).
 */
export function assignmentChangesOf(desired: DesiredState, live: LiveState, directoryFilter?: string): Pick<Plan, 'changes'> & { analysis: DirectoryAnalysis[] } {
  const scoped = forDirectory(desired, live, directoryFilter);
  const analysis = analyse(scoped.desired, scoped.live);
  return { changes: analysis.flatMap((p) => (p.usable ? p.assignmentChanges : [])), analysis };
}

/**
 * Builds the plan. Changes come per directory in desired order, each directory in the order apply
 * executes them: attribute-mapping changes (the `dn` removal first, so provisioning stops failing before
 * any assignment is written), creates and updates in target priority order, the reorder, deletes last.
 * Directories whose app is missing or not an AD app get findings but no changes.
 */
export function buildPlan(input: BuildPlanInput): Plan {
  const filter = input.directoryFilter;
  const { desired, live } = forDirectory(input.desired, input.live, filter);
  // Pairing, group resolution and the assignment diff, once per directory for everything below.
  const pairs = analyse(desired, live, input.analysis);

  // AD group memberships come last: they are independent of the app's assignments and mapping.
  const adGroups = pairs.map((p) => (p.usable ? diffAdGroups(p.desired, p.live) : { changes: [], findings: [] }));
  // Other user types' mappings right after the default type's (the dn removals before any assignment write).
  const typeMappings = pairs.map((p) => (p.usable ? diffTypeMappings(p.desired, p.live) : { changes: [], findings: [] }));
  // Scope conversions after the assignments (a user can only join a group assignment that exists).
  const changes: Change[] = pairs.flatMap((p, i) =>
    p.usable ? [...diffMappings(p.desired, p.live), ...typeMappings[i].changes, ...p.assignmentChanges, ...convertUserScope(p.desired, p.live), ...adGroups[i].changes] : [],
  );
  const staticFindings = (input.findings ?? []).filter((f) => filter === undefined || f.directory === undefined || f.directory === filter);
  const liveFindings = liveLints.flatMap((l) => l.check({ desired, live, analysis: pairs }));
  const scheduled = schedulePlan(pairs);
  const findings = dedupe([...staticFindings, ...liveFindings, ...scheduled.findings, ...typeMappings.flatMap((t) => t.findings), ...adGroups.flatMap((a) => a.findings)]);

  const impact = planImpact(pairs, changes);
  const directories: PlanDirectory[] = pairs.map((p) => ({ name: p.desired.name, appId: p.live.app?.id ?? '', appLabel: p.live.app?.label ?? p.desired.app }));
  return {
    formatVersion: 1,
    createdAt: input.now.toISOString(),
    orgUrl: live.orgUrl,
    tool: input.tool,
    directories,
    changes,
    findings,
    summary: summarise(changes, findings),
    safety: assessSafety(pairs, changes, impact),
    budget: { reads: { ...input.reads }, writes: countWrites(changes, scheduled.findings.length > 0 ? undefined : scheduled.schedule) },
    fingerprint: fingerprintLive(live, desired, pairs),
    ...(impact ? { impact } : {}),
    ...(scheduled.findings.length > 0 ? {} : { schedule: scheduled.schedule }),
  };
}
