/**
 * Attribute mappings of user types other than the default (`attributeMappings.userTypes.<name>`). Pure
 * types. The default user type's mapping stays `attributeMappings.properties` (and `LiveDirectory.mapping`).
 */
import type { DesiredMappingProperty, LiveMapping, SourceRef } from './types';

/** A non-default user type's Okta user → AD app user mapping. */
export interface LiveTypeMapping {
  userType: { id: string; name: string };
  mapping: LiveMapping;
}

/** `attributeMappings.userTypes.<name>` after loading. */
export interface DesiredTypeMapping {
  prune: boolean;
  properties: Record<string, DesiredMappingProperty>;
  source: SourceRef;
}
