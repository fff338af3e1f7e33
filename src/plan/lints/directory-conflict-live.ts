/**
 * DIRECTORY_CONFLICT, live form (error): two directories whose `app:` references resolve to the same
 * live app (one writes the id `0oa…`, the other the label, or two labels that differ in case). Okta holds
 * one assignment per group and app, so two directories would fight over the same assignments and
 * priorities. The loader (src/config/merge.ts) already reports the same text twice (trimmed,
 * case-insensitively); this lint reports only what resolution reveals. One finding at each `app:`, each
 * pointing at the other through `related`.
 */
import { appTextKey } from '../../model/okta-ids';
import type { Finding } from '../../model/types';
import { type DirectoryPair } from '../directories';
import { allPairs, appObject, at } from './live-helpers';
import type { Lint } from './types';

const sameText = (a: string, b: string): boolean => appTextKey(a) === appTextKey(b);

export const directoryConflictLive: Lint = {
  code: 'DIRECTORY_CONFLICT',
  severity: 'error',
  needs: 'live',
  check: (ctx) => {
    const byApp = new Map<string, DirectoryPair[]>();
    for (const p of allPairs(ctx)) {
      if (p.live.app === null || p.live.app.id === '') continue;
      byApp.set(p.live.app.id, [...(byApp.get(p.live.app.id) ?? []), p]);
    }
    const out: Finding[] = [];
    for (const pairs of byApp.values()) {
      pairs.forEach((here, i) => {
        pairs.forEach((there, j) => {
          if (i === j || sameText(here.desired.app, there.desired.app)) return;
          const app = here.live.app!;
          const thereSource = there.desired.fieldSources.app ?? there.desired.source;
          out.push({
            code: 'DIRECTORY_CONFLICT',
            severity: 'error',
            message: `directories "${here.desired.name}" (app: ${here.desired.app}) and "${there.desired.name}" (app: ${there.desired.app}) both manage app "${app.label}" (${app.id}) (other at ${thereSource.file}:${thereSource.line}:${thereSource.column})`,
            hint: 'manage each AD app from one directory; merge the two, or correct the app of one of them',
            ...at(here.desired, here.desired.fieldSources.app),
            object: appObject(app),
            related: [thereSource],
          });
        });
      });
    }
    return out;
  },
};
