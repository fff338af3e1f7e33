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

/**
 * Variable names of the schemas a directory's declared mapping properties are checked against: the app
 * user schema (targets) and each mapped user type's user schema (the `user.<attr>` sources), base and
 * custom properties together. A schema that could not be read is absent, and its check is skipped.
 */
export interface LiveMappingSchemas {
  target: string[];
  /** The default user type's properties (for `attributeMappings.properties`). */
  defaultSource?: string[];
  /** Other user types' properties, by user type name (for `attributeMappings.userTypes.<name>`). */
  typeSources: Record<string, string[]>;
}

/** A mapping property as plans and findings show it: `title`, or `contractor/title` for another user type's. */
export function mappingName(userType: string | undefined, property: string): string {
  return userType ? `${userType}/${property}` : property;
}
