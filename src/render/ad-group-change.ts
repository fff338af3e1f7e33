/**
 * How an AD group membership change reads in the text and Markdown plans (pure): the group, the counts,
 * and the members added and removed by login (the first LISTED of each, then "and N more").
 */
import type { AdGroupMembershipChange } from '../model/ad-groups';
import { someOf } from '../model/some-of';

export const LISTED = 20;

/** "a, b and 3 more" (logins as given: the caller escapes them for its format). */
export function loginList(users: Array<{ login: string }>, show: (s: string) => string = (s) => s): string {
  return someOf(users.map((u) => show(u.login)), LISTED);
}

/** "+2 −1 members (12 now)" */
export function adCounts(c: AdGroupMembershipChange): string {
  return `+${c.add.length} −${c.remove.length} ${c.add.length + c.remove.length === 1 ? 'member' : 'members'} (${c.membersBefore} now)`;
}
