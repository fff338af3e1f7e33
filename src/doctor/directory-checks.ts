/**
 * Doctor's lines per directory of the files (pure): the AD app found, its agents connected, the
 * `organizationalUnit` values Okta stores (their case, and whether they match the files after DN
 * normalisation), and what the existing assignments show about priorities. The Okta facts these report
 * on stay where they are decided: the OU key and the lower-case spelling okta-ou writes in
 * src/plan/normalise.ts, priority order and its documented range in src/model/priority.ts.
 */
import type { DesiredDirectory, LiveApp } from '../model/types';
import { AD_APP_NAME } from '../model/okta-ids';
import { DOCUMENTED_PRIORITY_RANGE, LOWER_NUMBER_WINS } from '../model/priority';
import { tryNormaliseDn } from '../model/dn';
import { OU_KEY, ousEqual, ouToWrite } from '../plan/normalise';
import { agentSummary, poolOf } from './agent-pool';
import { failLine } from './access-checks';
import type { AssignmentFact, DirectoryFacts, DoctorFacts, DoctorLine } from './types';
import { someOf } from '../model/some-of';

const AGENTS_WHERE = 'Admin Console > Directory > Directory Integrations > the AD domain > Agents';

/** Up to three examples, quoted unless `quote` is false, and how many more. */
function examples(values: string[], quote = true): string {
  return someOf(quote ? values.map((v) => `"${v}"`) : values, 3);
}

export function directoryLines(facts: DoctorFacts, desired: readonly DesiredDirectory[]): DoctorLine[] {
  if (facts.access.failure) return [];
  return facts.directories.flatMap((d) => {
    const files = desired.find((x) => x.name === d.name);
    const app = appLine(d);
    if (app.status === 'fail' || !d.matches[0]) return [app];
    const lines = [app, agentLine(facts, d, d.matches[0])];
    if (d.failure) return [...lines, failLine('ou-case', `${d.name}: reading the app's group assignments`, d.failure, d.name)];
    if (!d.assignments) return lines;
    return [...lines, ouCaseLine(d.name, d.assignments, files), ouFilesLine(d.name, d.assignments, files), priorityLine(d.name, d.assignments)];
  });
}

function appLine(d: DirectoryFacts): DoctorLine {
  const at = { directory: d.name };
  if (d.skipped) return { check: 'app', status: 'warn', message: `${d.name}: app "${d.app}" ${d.skipped}`, ...at };
  if (d.matches.length === 0) {
    return { check: 'app', status: 'fail', message: `${d.name}: no app "${d.app}" in the org`, hint: 'write the AD app\'s label as Admin Console > Applications shows it, or its id (0oa…)', ...at };
  }
  if (d.matches.length > 1) {
    return { check: 'app', status: 'fail', message: `${d.name}: ${d.matches.length} apps are labelled "${d.app}" (${d.matches.map((a) => a.id).join(', ')})`, hint: 'write the id of the one you mean instead of the label', ...at };
  }
  const a = d.matches[0];
  if (a.name !== AD_APP_NAME) {
    return { check: 'app', status: 'fail', message: `${d.name}: "${d.app}" is a ${a.name || 'non-AD'} app (${a.id}), not an Active Directory one`, hint: 'name the AD app instance of the domain (Admin Console > Directory > Directory Integrations)', ...at };
  }
  if (a.status !== 'ACTIVE') {
    return { check: 'app', status: 'warn', message: `${d.name}: app "${a.label}" (${a.id}) is ${a.status || 'not active'}`, hint: 'an inactive AD app provisions no one; activate it in the Admin Console', ...at };
  }
  return { check: 'app', status: 'ok', message: `${d.name}: AD app "${a.label}" found (${a.id}${a.namingContext ? `, ${a.namingContext}` : ''})`, ...at };
}

function agentLine(facts: DoctorFacts, d: DirectoryFacts, app: LiveApp): DoctorLine {
  const at = { directory: d.name };
  if (facts.poolsFailure) return failLine('agents', `${d.name}: reading the AD agent pools`, facts.poolsFailure, d.name);
  if (!facts.pools) return { check: 'agents', status: 'warn', message: `${d.name}: AD agents ${facts.poolsSkipped ?? 'not checked'}`, ...at };
  const pool = poolOf(app, facts.pools);
  if (!pool) {
    return { check: 'agents', status: 'fail', message: `${d.name}: Okta lists no AD agent pool for "${app.label}" (${app.id})`, hint: `install the Okta AD agent for the domain (${AGENTS_WHERE})`, ...at };
  }
  const { connected, down } = agentSummary(pool);
  if (connected.length === 0) {
    return {
      check: 'agents',
      status: 'fail',
      message: `${d.name}: no AD agent connected${down.length ? ` (${down.join('; ')})` : ''}`,
      hint: `nothing reaches AD until one is: start the Okta AD agent service on a domain controller and check ${AGENTS_WHERE}`,
      ...at,
    };
  }
  if (down.length > 0) {
    return { check: 'agents', status: 'warn', message: `${d.name}: ${connected.length} of ${connected.length + down.length} AD agents connected (${down.join('; ')})`, hint: `provisioning works through the others; check ${AGENTS_WHERE}`, ...at };
  }
  return { check: 'agents', status: 'ok', message: `${d.name}: ${connected.length} AD agent${connected.length === 1 ? '' : 's'} connected (${connected.join(', ')})`, ...at };
}

function storedOus(assignments: readonly AssignmentFact[]): Array<{ a: AssignmentFact; ou: string }> {
  return assignments.flatMap((a) => (typeof a.profile[OU_KEY] === 'string' ? [{ a, ou: a.profile[OU_KEY] as string }] : []));
}

/** The case of the OU values Okta stores, against okta-ou writing lower case (the unconfirmed rule). */
function ouCaseLine(name: string, assignments: readonly AssignmentFact[], files: DesiredDirectory | undefined): DoctorLine {
  const at = { directory: name };
  const ous = storedOus(assignments);
  if (ous.length === 0) return { check: 'ou-case', status: 'ok', message: `${name}: no group assignment stores an ${OU_KEY} yet`, ...at };
  const invalid = ous.filter((o) => tryNormaliseDn(o.ou) === null).map((o) => o.ou);
  if (invalid.length > 0) {
    return { check: 'ou-case', status: 'warn', message: `${name}: ${invalid.length} of ${ous.length} ${OU_KEY} values Okta stores are not DNs: ${examples(invalid)}`, hint: 'users of those groups cannot be placed; list the groups in the files with a valid ou (plan shows the fix)', ...at };
  }
  const notLower = ous.filter((o) => o.ou !== o.ou.toLowerCase()).map((o) => o.ou);
  if (notLower.length > 0) {
    const writes = files?.ouCase === 'preserve' ? 'writes the files\' spelling (ouCase: preserve)' : 'writes lower case (ouCase: lower)';
    return {
      check: 'ou-case',
      status: 'warn',
      message: `${name}: ${notLower.length} of ${ous.length} ${OU_KEY} values Okta stores are not in lower case: ${examples(notLower)}`,
      hint:
        `okta-ou compares OUs case-insensitively, so these show no change, and it ${writes}. Lower case comes from a ` +
        'third-party guide, not Okta\'s reference: if users of these groups are placed in AD, Okta accepts other case here',
      ...at,
    };
  }
  return { check: 'ou-case', status: 'ok', message: `${name}: all ${ous.length} ${OU_KEY} values Okta stores are in lower case, as okta-ou writes them`, ...at };
}

/** The files' OUs against the stored ones, as plan compares them (DNs, case and spacing aside). */
function ouFilesLine(name: string, assignments: readonly AssignmentFact[], files: DesiredDirectory | undefined): DoctorLine {
  const at = { directory: name };
  const groups = files?.groups ?? [];
  if (groups.length === 0) return { check: 'ou-files', status: 'ok', message: `${name}: the files list no group yet`, ...at };
  const live = (ref: string): AssignmentFact | undefined => assignments.find((a) => a.groupId === ref) ?? assignments.find((a) => a.groupName === ref);
  let same = 0;
  let exact = 0;
  const differ: string[] = [];
  let unassigned = 0;
  for (const g of groups) {
    const a = live(g.group);
    const ou = a?.profile[OU_KEY];
    if (!a) unassigned++;
    else if (ousEqual(ou, g.ou)) {
      same++;
      if (ou === ouToWrite(g.ou, files?.ouCase ?? 'lower')) exact++;
    } else differ.push(`"${g.group}" (Okta: ${typeof ou === 'string' ? `"${ou}"` : 'none'}, files: "${g.ou}")`);
  }
  const parts = [`${same} of ${groups.length} groups in the files have the same OU in Okta after DN normalisation (${exact} spelled exactly as okta-ou writes them)`];
  if (differ.length > 0) parts.push(`${differ.length} differ: ${examples(differ, false)}`);
  if (unassigned > 0) parts.push(`${unassigned} not assigned yet`);
  return {
    check: 'ou-files',
    status: 'ok',
    message: `${name}: ${parts.join('; ')}`,
    ...(differ.length + unassigned > 0 ? { hint: 'okta-ou plan shows these as changes' } : {}),
    ...at,
  };
}

/** Duplicates and the highest number, against the documented range and the order okta-ou assumes. */
function priorityLine(name: string, assignments: readonly AssignmentFact[]): DoctorLine {
  const at = { directory: name };
  const known = assignments.filter((a) => Number.isFinite(a.priority));
  const unknown = assignments.length - known.length;
  if (known.length === 0) {
    return { check: 'priorities', status: unknown > 0 ? 'warn' : 'ok', message: `${name}: ${unknown > 0 ? `${unknown} assignments and none with a numeric priority` : 'no group assignment yet'}`, ...at };
  }
  const byPriority = new Map<number, string[]>();
  for (const a of known) byPriority.set(a.priority, [...(byPriority.get(a.priority) ?? []), a.groupName || a.groupId]);
  const dupes = [...byPriority.entries()].filter(([, g]) => g.length > 1).sort(([x], [y]) => x - y);
  const numbers = known.map((a) => a.priority);
  const lowest = Math.min(...numbers);
  const highest = Math.max(...numbers);
  const order = LOWER_NUMBER_WINS ? `${lowest} first` : `${highest} first`;
  const range = lowest === highest ? `priority ${lowest}` : `priorities ${lowest}–${highest}`;
  const summary = `${known.length} assignment${known.length === 1 ? '' : 's'} on ${range} (${order}; new groups go after the last)`;
  const problems: string[] = [];
  if (dupes.length > 0) problems.push(`${dupes.length} priorit${dupes.length === 1 ? 'y is' : 'ies are'} shared: ${examples(dupes.map(([p, g]) => `${p}: ${g.join(', ')}`))}`);
  if (unknown > 0) problems.push(`${unknown} without a numeric priority`);
  if (highest >= DOCUMENTED_PRIORITY_RANGE.max) problems.push(`the highest, ${highest}, is at or past the ${DOCUMENTED_PRIORITY_RANGE.min}–${DOCUMENTED_PRIORITY_RANGE.max} range Okta's older reference gives`);
  if (problems.length === 0) return { check: 'priorities', status: 'ok', message: `${name}: ${summary}, no duplicates`, ...at };
  return {
    check: 'priorities',
    status: 'warn',
    message: `${name}: ${summary}; ${problems.join('; ')}`,
    hint: 'for users in groups that share a priority, which OU wins is undefined: list those groups in the files in the order you want, or drag them into order in the Admin Console (the app\'s Assignments > Groups)',
    ...at,
  };
}
