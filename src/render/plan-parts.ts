/**
 * Pieces shared by the plan renderers (text, Markdown): grouping by directory, the summary sentence, and
 * how one change is described. Pure.
 */
import { OU_KEY, ousEqual, profileValueEquals } from '../plan/normalise';
import type { AssignmentChange, AssignmentState, AttributeMappingChange, Change, MappingPropertyState, Plan, PlanDirectory } from '../model/types';
import { ownValue } from '../model/data-record';
import { mappingName } from '../model/user-types';
import { plural } from './plural';

export const NO_CHANGES = 'No changes. Okta matches the mappings.';

export interface DirectoryChanges {
  name: string;
  directory?: PlanDirectory;
  changes: Change[];
}

/** Changes grouped by directory, in the plan's directory order (directories without changes left out). */
export function changesByDirectory(plan: Plan): DirectoryChanges[] {
  const groups = new Map<string, DirectoryChanges>();
  for (const d of plan.directories) groups.set(d.name, { name: d.name, directory: d, changes: [] });
  for (const c of plan.changes) {
    let g = groups.get(c.directory);
    if (!g) {
      g = { name: c.directory, changes: [] };
      groups.set(c.directory, g);
    }
    g.changes.push(c);
  }
  return [...groups.values()].filter((g) => g.changes.length > 0);
}

/** "Plan: 2 to create, 1 to update, 1 to delete, 1 reorder. 0 errors, 3 warnings." */
export function summarySentence(plan: Plan): string {
  const s = plan.summary;
  return (
    `Plan: ${s.create.toLocaleString('en-US')} to create, ${s.update.toLocaleString('en-US')} to update, ` +
    `${s.delete.toLocaleString('en-US')} to delete, ${plural(s.reorder, 'reorder')}. ` +
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}.`
  );
}

/** "0 errors, 3 warnings." for a plan without changes. */
export function findingsSentence(plan: Plan): string {
  return `${plural(plan.summary.errors, 'error')}, ${plural(plan.summary.warnings, 'warning')}.`;
}

/**
 * The closing line of a plan without changes. An error finding (an app or group not found, a file that
 * could not be read) means part of the mappings was never compared with Okta: that is not "Okta matches".
 */
export function noChangesLine(plan: Plan): { text: string; complete: boolean } {
  if (plan.summary.errors > 0) {
    return { text: `No changes found, but the plan is incomplete: ${findingsSentence(plan)} Fix the errors and plan again.`, complete: false };
  }
  return { text: plan.findings.length > 0 ? `${NO_CHANGES} ${findingsSentence(plan)}` : NO_CHANGES, complete: true };
}

export function ouOf(state: AssignmentState | null | undefined): string | undefined {
  const ou = state?.profile?.organizationalUnit;
  return typeof ou === 'string' ? ou : undefined;
}

/** A priority as shown: null (Okta returned no numeric priority, PRIORITY_UNKNOWN) as "(unknown)". */
export function priorityText(p: number | null): string {
  return p === null ? '(unknown)' : String(p);
}

/** True when two OU values (either possibly absent) name the same OU: the diff's comparison, not the text's. */
export function sameOu(a: string | undefined, b: string | undefined): boolean {
  return a === b || ousEqual(a, b);
}

/** Profile keys other than the OU whose value differs between before and after (as the diff compares: key order aside), as `key: a → b`. */
export function otherProfileDiffs(c: AssignmentChange): Array<{ key: string; before: unknown; after: unknown }> {
  const before = c.before?.profile ?? {};
  const after = c.after?.profile ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== OU_KEY).sort();
  return keys
    .filter((k) => !profileValueEquals(k, ownValue(before, k), ownValue(after, k)))
    .map((k) => ({ key: k, before: ownValue(before, k), after: ownValue(after, k) }));
}

/** A mapping change's property as plans show it (model/user-types.ts mappingName). */
export const changedMappingName = (c: AttributeMappingChange): string => mappingName(c.userType, c.property);

/** How a profile value is shown: strings as they are, everything else as JSON, absent as "(unset)". */
export function showValue(v: unknown): string {
  if (v === undefined) return '(unset)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Okta's pushStatus in the file's words (docs/design.md §1: PUSH = always, DONT_PUSH = createOnly). */
function pushWord(p: MappingPropertyState['pushStatus']): string {
  if (p === 'PUSH') return 'always';
  if (p === 'DONT_PUSH') return 'createOnly';
  return p ?? '(unset)';
}

export function mappingSide(s: MappingPropertyState | null): string {
  if (!s) return '(none)';
  return `${s.expression ?? '(null)'} (push: ${pushWord(s.pushStatus)})`;
}

/** Total reads and writes of the plan's budget. */
export function budgetTotals(plan: Plan): { reads: number; writes: number } {
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
  return { reads: sum(plan.budget.reads), writes: sum(plan.budget.writes) };
}

export function bucketList(r: Record<string, number>): string {
  return Object.keys(r)
    .sort()
    .map((k) => `${k}: ${r[k]}`)
    .join(', ');
}

/** Groups the schedule parks (a temporary write that frees a slot), in order. */
export function parkedGroups(plan: Plan, directory: string): string[] {
  const s = plan.schedule?.find((d) => d.directory === directory);
  return s ? [...s.writes, ...s.settle].filter((w) => w.parking).map((w) => w.name) : [];
}

/** What parking costs, in words (text and markdown say the same); `quoted`: the group names, as each format quotes them. */
export function parkingText(quoted: string[]): string {
  return `${plural(quoted.length, 'temporary write')} (${quoted.join(', ')}) to break a priority cycle; their users briefly fall to the bottom of the order`;
}
