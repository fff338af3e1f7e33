/**
 * The plan as a pull-request comment (GitHub-flavoured Markdown): a hidden marker on the first line so CI
 * finds and updates the one comment in place, the safety banner first when exceeded, the summary table,
 * per-directory details in `<details>`, the findings table, the call budget. Kept under `maxChars`
 * (default 60,000; GitHub's limit is 65,536) by truncating the middle, never inside a row, a table or a
 * `<details>` pair. Everything from Okta or the files is escaped. Pure.
 */
import type { UserScopeChange } from '../model/user-scope';
import type { AdGroupMembershipChange, AssignmentChange, AttributeMappingChange, Change, Finding, Plan } from '../model/types';
import { adCounts, loginList } from './ad-group-change';
import { findingLocation, sortFindings } from './findings';
import { escapeMarkdown as esc, mdCode } from './markdown-escape';
import { type DocPart, fitMarkdown } from './markdown-fit';
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
import { DEPROVISION_NOTE, IMPACT_KINDS, anyLoss, directoryImpactLine, impactClauses, userLines } from './impact-parts';

/** First line of every plan comment; `okta-ou ci pr-comment` finds the comment to update by it. */
export const PLAN_MARKER = '<!-- okta-ou:plan -->';
const DEFAULT_MAX_CHARS = 60000;

export interface RenderMarkdownOptions {
  /** The result is shorter than this. Default 60,000. */
  maxChars?: number;
  /** Heading under the marker. Default "okta-ou plan". */
  title?: string;
  /** Markdown placed after the banners, before the summary (e.g. the pull request's effect vs drift). */
  prelude?: string;
}

/** Plans this small show their details expanded. */
const OPEN_DETAILS_UP_TO = 25;

const MARKS: Record<Change['action'], string> = { create: '`+`', update: '`~`', delete: '`-`', reorder: '`↕`' };

const CHANGE_HEADER = '| | change | OU / mapping | priority | members | why |\n|:-:|---|---|--:|--:|---|\n';
const FINDING_HEADER = '| severity | code | where | message |\n|---|---|---|---|\n';

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

function priorityCell(c: AssignmentChange): string {
  const [b, a] = [c.before?.priority, c.after?.priority];
  if (b === undefined) return a === undefined ? '' : String(a);
  if (a === undefined || a === b) return priorityText(b);
  return `${priorityText(b)} → ${a}`;
}

function assignmentRows(c: AssignmentChange): string[] {
  const why = esc(c.reason ?? '');
  if (c.action === 'reorder') {
    const moves = c.moves ?? [];
    return [
      row([MARKS.reorder, `reorder ${plural(moves.length, 'group')}`, '', '', '', why]),
      ...moves.map((m) => row([MARKS.reorder, `group ${mdCode(m.group.name)}`, '', `${m.from} → ${m.to}${m.respace ? ' (renumbered to make room)' : ''}`, '', ''])),
    ];
  }
  const [ob, oa] = [ouOf(c.before), ouOf(c.after)];
  let what: string;
  if (c.action === 'create') what = mdCode(oa ?? '(none)');
  else if (c.action === 'delete') what = `<del>${mdCode(ob ?? '(none)')}</del>`;
  else what = sameOu(ob, oa) ? mdCode(oa ?? '(none)') : `${mdCode(ob ?? '(none)')} → ${mdCode(oa ?? '(none)')}`;
  const extra = otherProfileDiffs(c).map((d) => `${esc(d.key)}: ${mdCode(showValue(d.before))} → ${mdCode(showValue(d.after))}`);
  if (c.action !== 'update') extra.length = 0;
  const members = c.members === undefined ? '' : c.members.toLocaleString('en-US');
  return [row([MARKS[c.action], `group ${mdCode(c.group.name)}`, [what, ...extra].join('<br>'), priorityCell(c), members, why])];
}

function mappingRow(c: AttributeMappingChange): string {
  let what: string;
  if (c.action === 'create') what = mdCode(mappingSide(c.after));
  else if (c.action === 'delete') what = `<del>${mdCode(mappingSide(c.before))}</del>`;
  else what = `${mdCode(mappingSide(c.before))} → ${mdCode(mappingSide(c.after))}`;
  return row([MARKS[c.action], `mapping ${mdCode(changedMappingName(c))}`, what, '', '', esc(c.reason ?? '')]);
}

function userScopeRow(c: UserScopeChange): string {
  return row([MARKS[c.action], `user ${mdCode(c.user.login ?? c.user.id)}`, `scope \`USER\` → \`GROUP\` (follows ${c.groups.map(mdCode).join(', ')})`, '', '', esc(c.reason)]);
}

function adGroupRow(c: AdGroupMembershipChange): string {
  const who = [
    ...(c.add.length > 0 ? [`+ ${loginList(c.add, mdCode)}`] : []),
    ...(c.remove.length > 0 ? [`<del>${loginList(c.remove, mdCode)}</del>`] : []),
  ];
  const what = [c.group.dn ? mdCode(c.group.dn) : '', ...who].filter(Boolean).join('<br>');
  return row([MARKS[c.action], `AD group ${mdCode(c.group.name)}`, what, '', esc(adCounts(c)), esc(c.reason)]);
}

function changeRows(c: Change, plan: Plan): string[] {
  const rows = c.kind === 'adGroupMembership' ? [adGroupRow(c)] : c.kind === 'userScope' ? [userScopeRow(c)] : c.kind === 'assignment' ? assignmentRows(c) : [mappingRow(c)];
  const l = plan.impact?.changes[c.id];
  const people = l ? impactClauses(l) : [];
  // The people a change affects, under the change's first row (a reorder's moves follow it).
  if (people.length > 0) rows.splice(1, 0, row(['', '', `<sub>👥 ${people.map(esc).join('<br>')}</sub>`, '', '', '']));
  return rows;
}

/** Users listed per kind in the folded section; the rest are in the JSON plan. */
const USERS_LISTED = 20;

/** Per directory, the counts; then every kind's users folded (up to USERS_LISTED each). */
function peopleSection(plan: Plan): string {
  if (!plan.impact || plan.changes.length === 0) return '';
  const out = ['### People\n', ...plan.impact.directories.map((d) => `- ${esc(directoryImpactLine(d))}`)];
  if (anyLoss(plan.impact)) out.push(`\n> [!WARNING]\n> ${esc(DEPROVISION_NOTE)}.`);
  for (const d of plan.impact.directories) {
    for (const k of IMPACT_KINDS) {
      const lines = userLines(d, k.key);
      if (lines.length === 0) continue;
      const shown = lines.slice(0, USERS_LISTED).map((x) => `- ${esc(x)}`);
      if (lines.length > shown.length) shown.push(`- … and ${lines.length - shown.length} more (\`okta-ou plan --format json\`, \`impact\`)`);
      out.push(`\n<details><summary>${esc(d.directory)}: ${esc(k.say(lines.length))}</summary>\n\n${shown.join('\n')}\n\n</details>`);
    }
  }
  return `${out.join('\n')}\n\n`;
}

/** The first row of a change stands for it; a reorder's move lines count for nothing. */
function changeWeights(c: Change, plan: Plan): number[] {
  const people = plan.impact?.changes[c.id] && impactClauses(plan.impact.changes[c.id]).length > 0 ? 1 : 0;
  const n = (c.kind === 'assignment' && c.action === 'reorder' ? 1 + (c.moves?.length ?? 0) : 1) + people;
  return Array.from({ length: n }, (_v, i) => (i === 0 ? 1 : 0));
}

/** `link`: a URL for a finding's place (e.g. the file at the line on GitHub), shown as a link. */
function findingRow(f: Finding, link?: (f: Finding) => string | undefined): string {
  const icon = f.severity === 'error' ? '❌ error' : f.severity === 'warning' ? '⚠️ warning' : 'ℹ️ info';
  const where = findingLocation(f);
  const url = where ? link?.(f) : undefined;
  const message = esc(f.message) + (f.hint ? `<br><sub>hint: ${esc(f.hint)}</sub>` : '');
  return row([icon, `\`${f.code}\``, url ? `<a href="${esc(url)}">${mdCode(where)}</a>` : where ? mdCode(where) : '', message]);
}

/** The findings table alone (a comment for files that do not validate), sorted by file, line, column. */
export function renderFindingsTableMarkdown(findings: readonly Finding[], link?: (f: Finding) => string | undefined): string {
  return FINDING_HEADER + sortFindings(findings).map((f) => findingRow(f, link)).join('');
}

/** A plan with error findings cannot be applied: say so before anything else. */
function errorBanner(plan: Plan): string {
  const n = plan.summary.errors;
  if (n === 0) return '';
  return `> [!CAUTION]\n> **This plan has ${plural(n, 'error finding')}: \`okta-ou apply\` refuses it.** Fix what the findings below name, then plan again.\n\n`;
}

function safetyBanner(plan: Plan): string {
  if (!plan.safety.exceeded) return '';
  const lines = [
    '> [!CAUTION]',
    '> **Unsafe plan: a safety threshold is exceeded.** `okta-ou apply` refuses it unless `--force` is given.',
    ...plan.safety.reasons.map((r) => `> - ${esc(r)}`),
  ];
  return `${lines.join('\n')}\n\n`;
}

function summaryTable(plan: Plan): string {
  const dirs = plan.directories.map((d) => {
    const cs = plan.changes.filter((c) => c.directory === d.name);
    const n = (a: Change['action']): number => cs.filter((c) => c.action === a).length;
    return row([mdCode(d.name), mdCode(d.appLabel), String(n('create')), String(n('update')), String(n('delete')), String(n('reorder'))]);
  });
  if (dirs.length === 0) return '';
  return `| directory | app | create | update | delete | reorder |\n|---|---|--:|--:|--:|--:|\n${dirs.join('')}\n`;
}

function footer(plan: Plan): string {
  const t = budgetTotals(plan);
  const parts = [`Okta calls while planning: ${t.reads.toLocaleString('en-US')}${t.reads ? ` (${esc(bucketList(plan.budget.reads))})` : ''}`];
  if (plan.changes.length > 0) parts.push(`writes apply would make: ${t.writes.toLocaleString('en-US')}${t.writes ? ` (${esc(bucketList(plan.budget.writes))})` : ''}`);
  parts.push(`org ${esc(plan.orgUrl)}`, esc(plan.tool));
  return `\n<sub>${parts.join(' · ')}</sub>\n`;
}

function notice(maxChars: number): (changes: number, findings: number) => string {
  return (changes, findings) => {
    const what = [changes > 0 ? plural(changes, 'change') : '', findings > 0 ? plural(findings, 'finding') : ''].filter(Boolean).join(' and ');
    return (
      `\n> [!NOTE]\n> **… ${what || 'some rows'} not shown;** the full plan is in the job artifact/JSON ` +
      `(\`okta-ou plan --format json\`). This comment is kept under ${maxChars.toLocaleString('en-US')} characters.\n\n`
    );
  };
}

/** The plan as GitHub-flavoured Markdown for a PR comment or job summary (see the module comment). */
export function renderPlanMarkdown(plan: Plan, opts: RenderMarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const head =
    `${PLAN_MARKER}\n## ${esc(opts.title ?? 'okta-ou plan')}\n\n` +
    errorBanner(plan) +
    safetyBanner(plan) +
    (opts.prelude ?? '') +
    (plan.changes.length === 0
      ? `**${noChangesLine(plan).text}**\n\n`
      : `**${summarySentence(plan)}**\n\n${summaryTable(plan)}`);
  const parts: DocPart[] = [{ kind: 'fixed', text: head }];
  const people = peopleSection(plan);
  if (people) parts.push({ kind: 'fixed', text: people });

  const open = plan.changes.length <= OPEN_DETAILS_UP_TO ? ' open' : '';
  for (const g of changesByDirectory(plan)) {
    const label = `<b>${esc(g.name)}</b>${g.directory ? ` (${esc(g.directory.appLabel)})` : ''}`;
    parts.push({
      kind: 'table',
      open: `<details${open}><summary>${label}: ${plural(g.changes.length, 'change')}</summary>\n\n${CHANGE_HEADER}`,
      reopen: `<details><summary>${label} (continued)</summary>\n\n${CHANGE_HEADER}`,
      close: '\n</details>\n\n',
      rows: g.changes.flatMap((c) => changeRows(c, plan)),
      weights: g.changes.flatMap((c) => changeWeights(c, plan)),
      unit: 'change',
    });
    // Parking briefly reorders users: the reviewer sees it here, as on the terminal.
    const parked = parkedGroups(plan, g.name);
    if (parked.length > 0) parts.push({ kind: 'fixed', text: `> [!NOTE]\n> **Parking in ${esc(g.name)}:** ${parkingText(parked.map(mdCode))}.\n\n` });
  }

  if (plan.findings.length > 0) {
    parts.push({
      kind: 'table',
      open: `### Findings\n\n${FINDING_HEADER}`,
      reopen: `### Findings (continued)\n\n${FINDING_HEADER}`,
      close: '\n',
      rows: sortFindings(plan.findings).map((f) => findingRow(f)),
      unit: 'finding',
    });
  }
  parts.push({ kind: 'fixed', text: footer(plan) });
  return fitMarkdown(parts, maxChars, notice(maxChars)).text;
}
