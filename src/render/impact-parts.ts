/**
 * How the plan's impact on people is said, shared by the text and Markdown renderers: per change a few
 * names per kind, per directory the counts, and the full lists (in the JSON plan; folded in Markdown). Pure.
 */
import type { DirectoryImpact, ImpactLists, PlanImpact, UserOuChange, UserRef } from '../model/people';
import { plural } from './plural';

/** Names shown per kind next to a change. */
const NAMES_PER_CHANGE = 3;

/** Said once wherever users lose the AD app: what that does to their AD accounts. */
export const DEPROVISION_NOTE =
  'users who lose the AD app are deprovisioned in AD as the app\'s "To App" deactivation setting says (disabled or deleted)';

const nameOf = (u: UserRef): string => u.login ?? u.id;
const userOf = (x: UserOuChange | UserRef): UserRef => ('user' in x ? x.user : x);

/** Each kind of impact and how its count is said, in the order shown. */
export const IMPACT_KINDS: ReadonlyArray<{ key: keyof ImpactLists; say: (n: number) => string }> = [
  { key: 'lose', say: (n) => `${plural(n, 'user')} lose${n === 1 ? 's' : ''} the AD app` },
  { key: 'move', say: (n) => `${plural(n, 'user')} move${n === 1 ? 's' : ''} OU` },
  { key: 'stay', say: (n) => `${plural(n, 'user')} stay${n === 1 ? 's' : ''} in the old OU (updateOUOnGroupChange: false)` },
  { key: 'gain', say: (n) => `${plural(n, 'user')} get${n === 1 ? 's' : ''} the AD app` },
  { key: 'individual', say: (n) => `${plural(n, 'user')} assigned individually keep${n === 1 ? 's' : ''} their own OU` },
];

/** One clause per kind that has users, e.g. `3 users lose the AD app: ada@x, bob@x, cy@x`. */
export function impactClauses(l: ImpactLists, names = NAMES_PER_CHANGE): string[] {
  return IMPACT_KINDS.filter((k) => l[k.key].length > 0).map((k) => {
    const list = l[k.key] as Array<UserOuChange | UserRef>;
    const shown = list.slice(0, names).map((x) => nameOf(userOf(x)));
    const more = list.length > shown.length ? `, and ${list.length - shown.length} more` : '';
    return `${k.say(list.length)}${k.key === 'move' ? commonPath(list) : ''}${shown.length ? `: ${shown.join(', ')}${more}` : ''}`;
  });
}

/** ` (from → to)` when every user of a move list goes the same way (the usual case for one change). */
function commonPath(list: Array<UserOuChange | UserRef>): string {
  const paths = new Set(list.map((x) => ('user' in x && x.from !== null && x.to !== null ? `${x.from} → ${x.to}` : '')));
  const [only] = paths;
  return paths.size === 1 && only !== '' ? ` (${only})` : '';
}

/** `corp: 3 users lose the AD app, 2 users move OU (of 23 app users)`, or `corp: nobody's AD account changes`. */
export function directoryImpactLine(d: DirectoryImpact): string {
  const counts = IMPACT_KINDS.filter((k) => d[k.key].length > 0).map((k) => k.say(d[k.key].length));
  return `${d.directory}: ${counts.length ? counts.join(', ') : "nobody's AD account or OU changes"} (of ${plural(d.appUsers, 'app user')})`;
}

/** One line per user of one kind, e.g. `ada@x (00u1): ou=a → ou=b`. */
export function userLines(d: ImpactLists, key: keyof ImpactLists): string[] {
  return (d[key] as Array<UserOuChange | UserRef>).map((x) => {
    const u = userOf(x);
    const where = 'user' in x ? `: ${x.from ?? '(not provisioned)'} → ${x.to ?? '(deprovisioned)'}` : '';
    return `${nameOf(u)} (${u.id})${where}`;
  });
}


/** True when any directory loses users from the AD app. */
export const anyLoss = (impact: PlanImpact | undefined): boolean => (impact?.directories ?? []).some((d) => d.lose.length > 0);
