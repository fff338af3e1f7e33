/**
 * The Okta user → AD app user attribute-mapping diff of one directory (Profile Mappings API,
 * docs/okta-api.md §3). All property changes of a mapping are written by apply in one
 * `POST /api/v1/mappings/{id}`; a removal is the property with `{expression: null, pushStatus: null}`.
 *
 * - listed properties missing live → create; differing expression or push status → update;
 * - live properties not listed → delete, only with `prune: true`;
 * - a live `dn` mapping is ALWAYS deleted, first: mapping distinguishedName Okta→AD is one of the two
 *   documented causes of "Target OU is not an import OU" (support.okta.com article on that error); AD computes the DN.
 *   A `dn` declared in a file is the static DN_MAPPED error and is never written.
 * - no Okta→AD mapping at all (`live.mapping` null): no changes (the PROFILE_MAPPING_NOT_FOUND finding explains why).
 */
import { LDAP_APP_NAME } from '../model/okta-ids';
import { byCodeUnits } from '../model/sorted-json';
import type { AttributeMappingChange, DesiredDirectory, LiveDirectory, LiveMappingProperty, MappingPropertyTarget } from '../model/types';

/** The AD app-user variable for distinguishedName (help.okta.com Directory_AD_Field_Mappings). */
export const DN_PROPERTY = 'dn';

export function diffMappings(dir: DesiredDirectory, live: LiveDirectory): AttributeMappingChange[] {
  const mapping = live.mapping;
  if (!mapping) return [];
  const source = mapping.properties;
  // Own keys only: a property may be called "toString" or "constructor".
  const liveProperty = (name: string): LiveMappingProperty | undefined => (Object.hasOwn(source, name) ? source[name] : undefined);
  const file = dir.attributeMappings?.source.file ?? dir.source.file;
  const base = (property: string, reason: string) => ({ id: `${dir.name}/mapping/${property}`, directory: dir.name, kind: 'attributeMapping' as const, mappingId: mapping.id, property, reason });
  const state = (p: { expression: string; pushStatus: string }): MappingPropertyTarget => ({ expression: p.expression, pushStatus: p.pushStatus });

  const out: AttributeMappingChange[] = [];
  // The dn rule is Active Directory's (AD computes the DN); an LDAP instance's mapping is left as it is.
  const dn = live.app?.name === LDAP_APP_NAME ? undefined : liveProperty(DN_PROPERTY);
  if (dn) {
    out.push({ ...base(DN_PROPERTY, 'dn (distinguishedName) must not be mapped Okta→AD: AD computes it, and the mapping makes provisioning fail with "Target OU is not an import OU"'), action: 'delete', before: state(dn), after: null });
  }
  const desired = dir.attributeMappings;
  if (!desired) return out;
  const deletes: AttributeMappingChange[] = [];
  for (const name of Object.keys(desired.properties).sort(byCodeUnits)) {
    if (name === DN_PROPERTY) continue;
    const want = desired.properties[name];
    const have = liveProperty(name);
    if (!have) {
      out.push({ ...base(name, `listed in ${want.source.file}, not mapped in Okta`), action: 'create', before: null, after: state(want) });
    } else if (have.expression !== want.expression || have.pushStatus !== want.pushStatus) {
      const what = [
        have.expression !== want.expression ? `expression changes from ${have.expression} to ${want.expression}` : null,
        have.pushStatus !== want.pushStatus ? `push changes from ${have.pushStatus} to ${want.pushStatus}` : null,
      ].filter((x) => x !== null);
      out.push({ ...base(name, what.join('; ')), action: 'update', before: state(have), after: state(want) });
    }
  }
  if (desired.prune) {
    for (const name of Object.keys(source).sort(byCodeUnits)) {
      if (name === DN_PROPERTY || Object.hasOwn(desired.properties, name)) continue;
      deletes.push({ ...base(name, `not in ${file} (prune: true)`), action: 'delete', before: state(source[name]), after: null });
    }
  }
  return [...out, ...deletes];
}
