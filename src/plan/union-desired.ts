/**
 * One desired state covering two (a pull request's head and its base branch), for ONE read of Okta that
 * both can be planned against (`plan --base-mappings`): every directory of either, and in a directory both
 * declare, the groups either names. Only what the live read looks at matters here (the app, the group
 * references, whether import OUs are declared); the plans themselves are built from each side's own
 * desired state. A directory whose `app:` the pull request changes is read for the head's app. Pure.
 */
import type { DesiredState } from '../model/types';

export function desiredForBoth(head: DesiredState, base: DesiredState): DesiredState {
  const baseByName = new Map(base.directories.map((d) => [d.name, d]));
  const headNames = new Set(head.directories.map((d) => d.name));
  const merged = head.directories.map((h) => {
    const b = baseByName.get(h.name);
    if (!b) return h;
    const refs = new Set(h.groups.map((g) => g.group));
    return {
      ...h,
      importOUs: h.importOUs.length > 0 ? h.importOUs : b.importOUs,
      groups: [...h.groups, ...b.groups.filter((g) => !refs.has(g.group))],
    };
  });
  return { directories: [...merged, ...base.directories.filter((d) => !headNames.has(d.name))] };
}
