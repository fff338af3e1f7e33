/**
 * `okta-ou explain` output: per directory, the user's assigned groups in priority order now and after the
 * mappings, the winner, the OU now and after, individual assignment, and the app user's actual dn against
 * the winning OU. Text for people, JSON (sorted keys) for scripts. Pure.
 */
import type { UserRef } from '../model/people';
import type { ExplainedGroup, UserExplanation } from '../plan/explain-user';
import { dataEquals } from '../model/data-record';
import { stringifySorted } from '../model/sorted-json';
import { DEPROVISION_NOTE } from './impact-parts';
import { plural } from './plural';
import { terminalSafe } from './terminal-safe';

export interface Explanation {
  user: UserRef;
  directories: UserExplanation[];
  /** Error findings of the plan the "after" side comes from (apply would refuse it as it stands). */
  planErrors: number;
}

export function renderExplainJson(e: Explanation): string {
  return stringifySorted(e);
}

const ouText = (ou: string | null): string => ou ?? '(no OU set)';

function groupLines(groups: ExplainedGroup[], winnerNote: string): string[] {
  if (groups.length === 0) return ['    (none of the user\'s groups is assigned to the app)'];
  const width = Math.max(...groups.map((g) => terminalSafe(g.name).length));
  return groups.map((g, i) => {
    const p = g.priority === null ? '(unknown)' : String(g.priority);
    return `    ${terminalSafe(g.name).padEnd(width)}  priority ${p}  OU ${terminalSafe(ouText(g.ou))}${i === 0 ? `  ← ${winnerNote}` : ''}`;
  });
}

function outcomeLine(d: UserExplanation): string {
  const now = d.now ? `${ouText(d.now.ou)} (by ${d.now.name})` : 'not provisioned by a group';
  const after = d.after ? `${ouText(d.after.ou)} (by ${d.after.name})` : 'not provisioned by a group';
  switch (d.outcome) {
    case 'individual':
      return `assigned individually (scope USER): keeps its own placement; its groups would place it in ${now} now, ${after} after the mappings`;
    case 'move':
      return `moves: ${now} → ${after}`;
    case 'stay':
      return `stays in ${now}: its winning group's OU becomes ${after}, but updateOUOnGroupChange is false`;
    case 'gain':
      return `gets the AD app: an AD account is created in ${after}`;
    case 'lose':
      return `loses the AD app (now ${now}): ${DEPROVISION_NOTE}`;
    default:
      return d.now ? `stays in ${now}; the mappings do not change it` : 'not provisioned by a group, now or after the mappings';
  }
}

function appUserLine(d: UserExplanation): string {
  const u = d.appUser;
  if (!u) return 'app user: none (the user is not assigned to the app)';
  const state = [u.status, u.syncState].filter(Boolean).join(', ');
  if (!u.dn) return `app user: ${state}, scope ${u.scope}, no dn yet`;
  const where =
    d.dnInWinningOu === null ? '' : d.dnInWinningOu ? `: in the OU ${d.now?.name} says` : `: NOT in ${ouText(d.now?.ou ?? null)}, the OU ${d.now?.name} says (USER_OU_MISMATCH)`;
  return `app user: ${state}, scope ${u.scope}, dn ${u.dn}${where}`;
}

export function renderExplainText(e: Explanation): string {
  const out: string[] = [`${terminalSafe(e.user.login ?? e.user.id)} (${terminalSafe(e.user.id)})`];
  if (e.planErrors > 0) out.push(`note: the mappings have ${plural(e.planErrors, 'error finding')} (see okta-ou plan); "after" shows what they ask for`);
  for (const d of e.directories) {
    out.push('', `${terminalSafe(d.directory)}  (app ${terminalSafe(d.app.label)}, ${terminalSafe(d.app.id)})`);
    out.push('  assigned groups now, highest priority first:', ...groupLines(d.groupsNow, 'wins'));
    if (dataEquals(d.groupsNow, d.groupsAfter)) out.push('  after the mappings: the same');
    else out.push('  after the mappings:', ...groupLines(d.groupsAfter, 'wins'));
    out.push(`  ${terminalSafe(outcomeLine(d))}`);
    out.push(`  assigned individually: ${d.individual ? 'yes' : 'no'}`);
    out.push(`  ${terminalSafe(appUserLine(d))}`);
  }
  return `${out.join('\n')}\n`;
}
