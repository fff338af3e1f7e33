/**
 * DUPLICATE_GROUP (static form): the same group written twice in one directory. Okta holds one
 * assignment per group and app (PUT /api/v1/apps/{appId}/groups/{groupId} replaces it), so a second
 * entry can only fight the first over OU and priority. Compared exactly as written (after trimming), as
 * `group:` matches Okta group names exactly and Okta is not documented to keep names unique regardless
 * of case; a name and the id of the same group need the live org (plan, after resolution).
 */
import type { Finding } from '../../model/types';
import type { Lint } from './types';
import { findingAt } from '../../model/finding';

export const duplicateGroup: Lint = {
  code: 'DUPLICATE_GROUP',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    const out: Finding[] = [];
    for (const dir of desired.directories) {
      const seen = new Map<string, (typeof dir.groups)[number]>();
      for (const g of dir.groups) {
        const key = g.group.trim();
        const first = seen.get(key);
        if (!first) {
          seen.set(key, g);
          continue;
        }
        out.push(
          findingAt('DUPLICATE_GROUP', 'error', g.source, `group ${JSON.stringify(g.group)} is listed twice in directory "${dir.name}" (first at ${first.source.file}:${first.source.line}:${first.source.column})`, { hint: 'keep one entry: a group has one assignment, with one OU and one priority', directory: dir.name, related: [first.source] }),
        );
      }
    }
    return out;
  },
};
