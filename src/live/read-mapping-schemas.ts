/**
 * The schemas that declared attribute-mapping properties are checked against (MAPPING_TARGET_UNKNOWN,
 * MAPPING_SOURCE_UNKNOWN), so Okta's "Invalid target field" is a plan finding, never an apply failure.
 * Read only for a directory that declares mapping properties: the app user schema,
 * `GET /api/v1/meta/schemas/apps/{appId}/default`, once per app; the user schema of each mapped user
 * type, `GET /api/v1/meta/schemas/user/{schemaId}`, once per type and run (`default` for the default
 * type, as Okta's spec allows; another type's schema id from its `_links.schema`). Scope `okta.schemas.read`.
 */
import type { DesiredDirectory } from '../model/types';
import type { LiveMappingSchemas } from '../model/user-types';
import type { OktaApi } from '../okta/api';
import { setOwn } from '../model/data-record';
import { memo } from '../model/memo';
import { seg } from './okta-shapes';

interface RawSchema {
  definitions?: Record<string, { properties?: Record<string, unknown> } | undefined>;
}

/** Base and custom property names of an Okta schema document. */
function propertyNames(body: RawSchema | undefined): string[] {
  const defs = body?.definitions ?? {};
  return [...new Set(Object.values(defs).flatMap((d) => Object.keys(d?.properties ?? {})))].sort();
}

/** The user types' schema ids, from the type list `readUserTypes` already made (no call of its own). */
export interface SchemaTypes {
  others: Array<{ name: string; schemaHref?: string }>;
}

export interface MappingSchemaReader {
  /** The schemas for one directory's declared properties; undefined when it declares none. */
  forDirectory(d: DesiredDirectory, appId: string): Promise<LiveMappingSchemas | undefined>;
}

/** True when the directory lists at least one mapping property (for any user type). */
export function declaresMappingProperties(d: DesiredDirectory): boolean {
  const m = d.attributeMappings;
  return !!m && (Object.keys(m.properties).length > 0 || Object.values(m.userTypes ?? {}).some((t) => Object.keys(t.properties).length > 0));
}

export function mappingSchemaReader(api: OktaApi, types: () => Promise<SchemaTypes>): MappingSchemaReader {
  const appSchema = memo(async (appId: string) => propertyNames((await api.request<RawSchema>('GET', `/api/v1/meta/schemas/apps/${seg(appId)}/default`)).body));
  const userSchema = memo(async (schemaId: string) => propertyNames((await api.request<RawSchema>('GET', `/api/v1/meta/schemas/user/${seg(schemaId)}`)).body));
  return {
    async forDirectory(d, appId) {
      if (!declaresMappingProperties(d)) return undefined;
      const m = d.attributeMappings!;
      const named = Object.entries(m.userTypes ?? {}).filter(([, t]) => Object.keys(t.properties).length > 0).map(([name]) => name);
      const others = named.length > 0 ? (await types()).others : [];
      const typeSources: Record<string, string[]> = {};
      const typeReads = Promise.all(
        named.map(async (name) => {
          // A type the org does not have is USER_TYPE_NOT_FOUND already; one without a schema link is not checked.
          const id = others.find((t) => t.name === name)?.schemaHref?.split('/').pop();
          if (id) setOwn(typeSources, name, await userSchema(id));
        }),
      );
      const [target, defaultSource] = await Promise.all([appSchema(appId), Object.keys(m.properties).length > 0 ? userSchema('default') : undefined]);
      await typeReads;
      return { target, ...(defaultSource ? { defaultSource } : {}), typeSources };
    },
  };
}
