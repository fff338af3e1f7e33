/**
 * Pairs each desired directory with the live slice read for it. The live reader names each slice after
 * the desired directory; a missing slice is treated like an app that was not found.
 */
import type { DesiredDirectory, DesiredState, LiveDirectory, LiveState } from '../model/types';
import { isDirectoryAppName } from '../model/okta-ids';

export interface DirectoryPair {
  desired: DesiredDirectory;
  live: LiveDirectory;
}

function emptyLiveDirectory(name: string): LiveDirectory {
  return { name, app: null, assignments: [], groups: {}, resolved: {}, mapping: null, userScoped: { count: 0, sample: [] }, observedDns: [] };
}

/** Desired directories in desired order, each with its live slice. */
export function pairDirectories(desired: DesiredState, live: LiveState): DirectoryPair[] {
  const byName = new Map(live.directories.map((d) => [d.name, d]));
  return desired.directories.map((d) => ({ desired: d, live: byName.get(d.name) ?? emptyLiveDirectory(d.name) }));
}

/** True when the directory's app exists and is an AD or LDAP app: only then are assignments diffed and linted. */
export function isUsable(pair: DirectoryPair): boolean {
  return pair.live.app !== null && isDirectoryAppName(pair.live.app.name);
}
