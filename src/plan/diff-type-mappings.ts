/**
 * The mappings of user types other than the default (pure): each live one diffed like the default
 * type's (diff-mappings.ts: the `dn` removal always, listed properties created or updated, unlisted ones
 * removed with `prune`), against `attributeMappings.userTypes.<name>` when the file has it. A user type
 * the file names that has no mapping to the app is USER_TYPE_NOT_FOUND.
 */
import { ownValue } from '../model/data-record';
import type { AttributeMappingChange, DesiredDirectory, Finding, LiveDirectory } from '../model/types';
import { diffMappings } from './diff-mappings';

export function diffTypeMappings(desired: DesiredDirectory, live: LiveDirectory): { changes: AttributeMappingChange[]; findings: Finding[] } {
  const wanted = desired.attributeMappings?.userTypes ?? {};
  const changes = (live.typeMappings ?? []).flatMap((t) => {
    const mine = ownValue(wanted, t.userType.name);
    const asDefault: DesiredDirectory = {
      ...desired,
      attributeMappings: mine ? { prune: mine.prune, properties: mine.properties, source: mine.source } : undefined,
    };
    return diffMappings(asDefault, { ...live, mapping: t.mapping }).map((c) => ({
      ...c,
      id: `${desired.name}/mapping/${t.userType.name}/${c.property}`,
      userType: t.userType.name,
      reason: `user type ${t.userType.name}: ${c.reason}`,
    }));
  });
  const known = new Set((live.typeMappings ?? []).map((t) => t.userType.name));
  const findings: Finding[] = Object.entries(wanted)
    .filter(([name]) => !known.has(name))
    .map(([name, t]) => ({
      code: 'USER_TYPE_NOT_FOUND' as const,
      severity: 'error' as const,
      message: `attributeMappings.userTypes: no user type "${name}" other than the default has a mapping to ${live.app?.label ?? desired.app}`,
      hint: `name a user type as Okta has it (Directory > Profile Editor; ${[...known].map((k) => `"${k}"`).join(', ') || 'this org has no other user types'}); the default type's properties go under attributeMappings.properties`,
      directory: desired.name,
      file: t.source.file,
      line: t.source.line,
      column: t.source.column,
    }));
  return { changes, findings };
}
