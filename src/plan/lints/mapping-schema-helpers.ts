/** What MAPPING_TARGET_UNKNOWN and MAPPING_SOURCE_UNKNOWN look at: each declared mapping property with the schemas read for it. */
import { ownValue } from '../../model/data-record';
import type { DesiredMappingProperty, LiveApp } from '../../model/types';
import type { DirectoryAnalysis } from '../analyse';
import { usablePairs } from './live-helpers';
import type { LintContext } from './types';

export interface DeclaredProperty {
  pair: DirectoryAnalysis & { app: LiveApp };
  name: string;
  property: DesiredMappingProperty;
  /** The user type's name, for a property under `attributeMappings.userTypes`; undefined: the default type. */
  userType?: string;
  /** The app user schema's variable names. */
  target: string[];
  /** The user type's profile attributes; undefined when its schema was not read. */
  source?: string[];
}

export function declaredProperties(ctx: LintContext): DeclaredProperty[] {
  return usablePairs(ctx).flatMap((pair) => {
    const schemas = pair.live.mappingSchemas;
    const m = pair.desired.attributeMappings;
    if (!schemas || !m) return [];
    return [
      ...Object.entries(m.properties).map(([name, property]) => ({ pair, name, property, target: schemas.target, source: schemas.defaultSource })),
      ...Object.entries(m.userTypes ?? {}).flatMap(([userType, t]) =>
        Object.entries(t.properties).map(([name, property]) => ({ pair, name, property, userType, target: schemas.target, source: ownValue(schemas.typeSources, userType) })),
      ),
    ];
  });
}
