/**
 * The plan for a terminal: grouped by directory, one marker per change (`+` create, `~` update,
 * `-` delete, `↕` reorder), members affected, findings compiler-style, the safety banner with its numbers,
 * and the summary sentence last (where the eye lands after a long plan). Pure: returns the text.
 */
import chalk from 'chalk';
import type { UserScopeChange } from '../model/user-scope';
import type { AdGroupMembershipChange, AssignmentChange, AttributeMappingChange, Change, Plan } from '../model/types';
import { adCounts, loginList } from './ad-group-change';
import { renderFindingsText } from './findings';
import { terminalSafe } from './terminal-safe';
import {
  bucketList,
  budgetTotals,
  changesByDirectory,
  changedMappingName,
  mappingSide,
  noChangesLine,
  otherProfileDiffs,
  ouOf,
  parkedGroups,
  parkingText,
  priorityText,
  sameOu,
  showValue,
  summarySentence,
} from './plan-parts';
import { plural } from './plural';
import { DEPROVISION_NOTE, anyLoss, directoryImpactLine, impactClauses } from './impact-parts';

export interface RenderTextOptions {
  color: boolean;
}

type Chalk = chalk.Chalk;

function members(c: AssignmentChange): string {
  return c.members === undefined ? '' : `  (${plural(c.members, 'member')})`;
}

function marker(c: Change, k: Chalk): string {
  switch (c.action) {
    case 'create':
      return k.green('+');
    case 'update':
      return k.yellow('~');
    case 'delete':
      return k.red('-');
    case 'reorder':
      return k.cyan('↕');
  }
}

function assignmentLines(c: AssignmentChange, k: Chalk): string[] {
  const name = k.bold(terminalSafe(c.group.name));
  const m = marker(c, k);
  const lines: string[] = [];
  if (c.action === 'reorder') {
    const moves = c.moves ?? [];
    lines.push(`  ${m} reorder ${plural(moves.length, 'group')}`);
    const width = moves.reduce((w, mv) => Math.max(w, terminalSafe(mv.group.name).length), 0);
    for (const mv of moves) lines.push(`      ${terminalSafe(mv.group.name).padEnd(width)}  priority ${mv.from} → ${mv.to}${mv.respace ? '  (renumbered to make room)' : ''}`);
  } else if (c.action === 'create') {
    lines.push(`  ${m} ${name}  priority ${c.after?.priority}  OU ${terminalSafe(ouOf(c.after) ?? '(none)')}${members(c)}`);
    for (const d of otherProfileDiffs(c)) lines.push(`      ${terminalSafe(d.key)}: ${terminalSafe(showValue(d.after))}`);
  } else if (c.action === 'delete') {
    lines.push(`  ${m} ${name}  priority ${priorityText(c.before?.priority ?? null)}  OU ${terminalSafe(ouOf(c.before) ?? '(none)')}${members(c)}`);
  } else {
    lines.push(`  ${m} ${name}${members(c)}`);
    const [ob, oa] = [ouOf(c.before), ouOf(c.after)];
    if (!sameOu(ob, oa)) lines.push(`      OU ${terminalSafe(ob ?? '(none)')} → ${terminalSafe(oa ?? '(none)')}`);
    if (c.before?.priority !== c.after?.priority) lines.push(`      priority ${priorityText(c.before?.priority ?? null)} → ${priorityText(c.after?.priority ?? null)}`);
    for (const d of otherProfileDiffs(c)) lines.push(`      ${terminalSafe(d.key)}: ${terminalSafe(showValue(d.before))} → ${terminalSafe(showValue(d.after))}`);
  }
  if (c.reason) lines.push(k.dim(`      why: ${terminalSafe(c.reason)}`));
  return lines;
}

function adGroupLines(c: AdGroupMembershipChange, k: Chalk): string[] {
  const dn = c.group.dn ? `  ${k.dim(terminalSafe(c.group.dn))}` : '';
  const lines = [`  ${marker(c, k)} AD group ${k.bold(terminalSafe(c.group.name))}${dn}  ${adCounts(c)}`];
  if (c.add.length > 0) lines.push(`      ${k.green('+')} ${terminalSafe(loginList(c.add))}`);
  if (c.remove.length > 0) lines.push(`      ${k.red('-')} ${terminalSafe(loginList(c.remove))}`);
  lines.push(k.dim(`      why: ${terminalSafe(c.reason)}`));
  return lines;
}

function userScopeLines(c: UserScopeChange, k: Chalk): string[] {
  return [`  ${marker(c, k)} scope ${k.bold(terminalSafe(c.user.login ?? c.user.id))}  USER → GROUP  (follows ${terminalSafe(c.groups.map((g) => `"${g}"`).join(', '))})`];
}

function changeLines(c: Change, k: Chalk): string[] {
  if (c.kind === 'adGroupMembership') return adGroupLines(c, k);
  if (c.kind === 'userScope') return userScopeLines(c, k);
  return c.kind === 'assignment' ? assignmentLines(c, k) : mappingLines(c, k);
}

/** The people a change affects, one line per kind (names from Okta made terminal-safe). */
function impactLines(plan: Plan, c: Change, k: Chalk): string[] {
  const l = plan.impact?.changes[c.id];
  return l ? impactClauses(l).map((s) => `      ${k.magenta('people:')} ${terminalSafe(s)}`) : [];
}

/** Per directory, how many users the plan affects, and what losing the AD app means. */
function peopleSummary(plan: Plan, k: Chalk): string {
  if (!plan.impact || plan.changes.length === 0) return '';
  const lines = [k.bold('People'), ...plan.impact.directories.map((d) => `  ${terminalSafe(directoryImpactLine(d))}`)];
  if (anyLoss(plan.impact)) lines.push(k.yellow(`  ${DEPROVISION_NOTE}.`));
  lines.push(k.dim('  every user, with id, login and OUs: okta-ou plan --format json (impact)'));
  return `${lines.join('\n')}\n`;
}

function mappingLines(c: AttributeMappingChange, k: Chalk): string[] {
  const m = marker(c, k);
  const prop = k.bold(terminalSafe(changedMappingName(c)));
  let head: string;
  if (c.action === 'create') head = `  ${m} mapping ${prop} = ${terminalSafe(mappingSide(c.after))}`;
  else if (c.action === 'delete') head = `  ${m} mapping ${prop} (was ${terminalSafe(mappingSide(c.before))})`;
  else head = `  ${m} mapping ${prop}: ${terminalSafe(mappingSide(c.before))} → ${terminalSafe(mappingSide(c.after))}`;
  return c.reason ? [head, k.dim(`      why: ${terminalSafe(c.reason)}`)] : [head];
}

/** The unsafe-plan banner, with the numbers of each threshold exceeded. Empty when the plan is safe. */
function safetyBanner(plan: Plan, k: Chalk): string {
  if (!plan.safety.exceeded) return '';
  const lines = [k.red.bold('!! UNSAFE PLAN: a safety threshold is exceeded')];
  for (const r of plan.safety.reasons) lines.push(k.red(`   ${terminalSafe(r)}`));
  lines.push('   `okta-ou apply` refuses this plan unless --force is given; review the changes above first.');
  return `${lines.join('\n')}\n`;
}

/** The plan as terminal text (see the module comment). Colour only when `opts.color`. */
export function renderPlanText(plan: Plan, opts: RenderTextOptions): string {
  const k = new chalk.Instance({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  out.push(`okta-ou plan for ${terminalSafe(plan.orgUrl)}\n`);

  for (const g of changesByDirectory(plan)) {
    const app = g.directory ? `  ${k.dim(`(app ${terminalSafe(g.directory.appLabel)}, ${terminalSafe(g.directory.appId)})`)}` : '';
    const lines = [`${k.bold(terminalSafe(g.name))}${app}`];
    for (const c of g.changes) lines.push(...changeLines(c, k), ...impactLines(plan, c, k));
    const parked = parkedGroups(plan, g.name);
    if (parked.length > 0) lines.push(`  ${k.yellow('parking')}: ${parkingText(parked.map((n) => `"${terminalSafe(n)}"`))}`);
    out.push(`${lines.join('\n')}\n`);
  }

  const people = peopleSummary(plan, k);
  if (people) out.push(people);

  if (plan.findings.length > 0) out.push(`${k.bold('Findings')}\n${renderFindingsText(plan.findings, { color: opts.color })}`);

  const totals = budgetTotals(plan);
  if (plan.changes.length > 0 || totals.reads > 0) {
    let budget = `Okta calls: ${plural(totals.reads, 'read')} while planning`;
    if (totals.reads > 0) budget += ` (${bucketList(plan.budget.reads)})`;
    if (plan.changes.length > 0) {
      budget += `; apply would make ${plural(totals.writes, 'write')}`;
      if (totals.writes > 0) budget += ` (${bucketList(plan.budget.writes)})`;
    }
    out.push(`${k.dim(`${budget}.`)}\n`);
  }

  const banner = safetyBanner(plan, k);
  if (banner) out.push(banner);

  if (plan.changes.length === 0) {
    const line = noChangesLine(plan);
    out.push(`${line.complete ? k.green(line.text) : k.red(line.text)}\n`);
  } else {
    out.push(`${k.bold(summarySentence(plan))}${plan.safety.exceeded ? k.red(' Unsafe: apply needs --force.') : ''}\n`);
  }
  return out.join('\n');
}
