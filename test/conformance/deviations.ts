// Where real Okta contradicts its own OpenAPI spec, and the local Okta follows real Okta.
//
// The allowlist holds exactly one class of deviation: a `null` where the spec says `string` or
// `object`, at a listed JSON pointer inside a listed resource schema. Each entry names the recorded
// response (test/conformance/recordings/) that shows real Okta sending that null; conformance.test.ts
// checks that each recording really does. Anything else the spec rejects is a sandbox bug.
import type { ErrorObject } from 'ajv';
import { responseSpec, spec, validateResponse } from './openapi';

export interface Deviation {
  id: string;
  /** The components.schemas entry the field belongs to. */
  schema: string;
  /** JSON pointer of the field inside one instance of `schema`. */
  pointer: string;
  /** The type the spec gives the field (it does not allow null). */
  specType: 'string' | 'object';
  /** File in test/conformance/recordings/ (without .json) with a real response showing the null. */
  recording: string;
  /** JSON pointer, inside that recording's response.body, of one recorded null. */
  recordedAt: string;
  why: string;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    id: 'ad-app-sign-on-mode-null',
    schema: 'Application',
    pointer: '/signOnMode',
    specType: 'string',
    recording: 'ad-app-in-list',
    recordedAt: '/0/signOnMode',
    why: 'Active Directory app instances have no sign-on mode; Okta sends signOnMode: null (the spec requires an enum string).',
  },
  {
    id: 'app-error-redirect-url-null',
    schema: 'ApplicationAccessibility',
    pointer: '/errorRedirectUrl',
    specType: 'string',
    recording: 'ad-app-in-list',
    recordedAt: '/0/accessibility/errorRedirectUrl',
    why: 'Apps without a custom error page send accessibility.errorRedirectUrl: null.',
  },
  {
    id: 'app-login-redirect-url-null',
    schema: 'ApplicationAccessibility',
    pointer: '/loginRedirectUrl',
    specType: 'string',
    recording: 'ad-app-in-list',
    recordedAt: '/0/accessibility/loginRedirectUrl',
    why: 'Apps without a custom login page send accessibility.loginRedirectUrl: null.',
  },
  {
    id: 'app-universal-logout-null',
    schema: 'Application',
    pointer: '/universalLogout',
    specType: 'object',
    recording: 'app-universal-logout-null',
    recordedAt: '/universalLogout',
    why: 'Some apps send universalLogout: null (others {"status":"UNSUPPORTED"}, older ones omit it).',
  },
  {
    id: 'group-description-null',
    schema: 'OktaUserGroupProfile',
    pointer: '/description',
    specType: 'string',
    recording: 'group-description-null',
    recordedAt: '/profile/description',
    why: 'A group created without a description has profile.description: null.',
  },
  {
    id: 'user-type-description-null',
    schema: 'UserType',
    pointer: '/description',
    specType: 'string',
    recording: 'user-type-description-null',
    recordedAt: '/0/description',
    why: 'A user type created without a description has description: null.',
  },
  {
    id: 'app-user-external-id-null',
    schema: 'AppUser',
    pointer: '/externalId',
    specType: 'string',
    recording: 'app-user-external-id-null',
    recordedAt: '/externalId',
    why: 'An app user not yet linked to an account in the app has externalId: null.',
  },
];

type Node = { [key: string]: unknown };
const SCHEMA_REF = '#/components/schemas/';

function isObject(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Every place an instance of a components.schemas entry sits inside a schema, as JSON pointers with
 * '*' for array items and additionalProperties, e.g. ApplicationAccessibility in a GET /api/v1/apps
 * body sits at '/*\/accessibility'. Follows $ref, allOf/anyOf/oneOf, properties and items.
 */
export function schemaLocations(schema: unknown, target: string, at = '', seen = new Set<string>()): string[] {
  if (!isObject(schema)) return [];
  const out: string[] = [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.slice(SCHEMA_REF.length);
    if (name === target) out.push(at);
    const key = `${name}@${at}`;
    if (seen.has(key) || at.split('/').length > 12) return out;
    seen.add(key);
    return [...out, ...schemaLocations(spec.components.schemas[name], target, at, seen)];
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (schema[k] as unknown[] | undefined) ?? []) out.push(...schemaLocations(sub, target, at, seen));
  }
  for (const [name, sub] of Object.entries((schema.properties as Node | undefined) ?? {})) {
    out.push(...schemaLocations(sub, target, `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, seen));
  }
  if (schema.items) out.push(...schemaLocations(schema.items, target, `${at}/*`, seen));
  if (isObject(schema.additionalProperties)) {
    out.push(...schemaLocations(schema.additionalProperties, target, `${at}/*`, seen));
  }
  return out;
}

/** Expands a pointer pattern with '*' segments against a document into concrete pointers. */
function expand(root: unknown, pattern: string): string[] {
  let current: Array<{ pointer: string; node: unknown }> = [{ pointer: '', node: root }];
  for (const part of splitPointer(pattern)) {
    const next: typeof current = [];
    for (const { pointer, node } of current) {
      if (node === null || typeof node !== 'object') continue;
      const keys = part === '*' ? Object.keys(node) : [part];
      for (const key of keys) {
        if (key in (node as object)) {
          next.push({ pointer: `${pointer}/${key}`, node: (node as Record<string, unknown>)[key] });
        }
      }
    }
    current = next;
  }
  return current.map((c) => c.pointer);
}

export interface ToleratedNull {
  deviation: string;
  pointer: string;
}

/** Pointers in `body` holding a null that a listed deviation covers for this operation's schema. */
export function listedNulls(method: string, pathTemplate: string, status: number, body: unknown): ToleratedNull[] {
  const { schema } = responseSpec(method, pathTemplate, status);
  if (schema === null) return [];
  const out: ToleratedNull[] = [];
  const seen = new Set<string>();
  for (const d of DEVIATIONS) {
    for (const base of new Set(schemaLocations(schema, d.schema))) {
      for (const pointer of expand(body, base + d.pointer)) {
        if (valueAt(body, pointer) === null && !seen.has(pointer)) {
          seen.add(pointer);
          out.push({ deviation: d.id, pointer });
        }
      }
    }
  }
  return out;
}

function isUnder(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function withoutKeys(body: unknown, pointers: string[]): unknown {
  const copy = structuredClone(body);
  for (const pointer of pointers) {
    const parts = splitPointer(pointer);
    const key = parts.pop() as string;
    const parent = valueAt(copy, parts.length ? `/${parts.join('/')}` : '');
    if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[key];
  }
  return copy;
}

export interface CheckResult {
  /** Errors not explained by a listed deviation: each one is a conformance failure. */
  errors: ErrorObject[];
  /** Listed nulls that the spec rejected and the allowlist accepted. */
  tolerated: ToleratedNull[];
}

/**
 * validateResponse, then drop the errors that a listed deviation explains:
 * - a `type` error (spec type string or object) or an `enum` error (of a string schema) on a listed null;
 * - an `anyOf`/`oneOf` failure above a listed null that disappears once the listed nulls are absent
 *   (e.g. GroupProfile is anyOf two profiles that both reject the null description).
 */
export function checkResponse(method: string, pathTemplate: string, status: number, body: unknown): CheckResult {
  const raw = validateResponse(method, pathTemplate, status, body);
  if (raw.length === 0) return { errors: [], tolerated: [] };
  const nulls = listedNulls(method, pathTemplate, status, body);
  const nullPointers = new Map(nulls.map((n) => [n.pointer, n]));
  const used = new Map<string, ToleratedNull>();
  let retried: ErrorObject[] | undefined;
  const errors = raw.filter((e) => {
    const listed = nullPointers.get(e.instancePath);
    if (listed && e.data === null) {
      const parentType = (e.parentSchema as Node | undefined)?.type;
      const stringish = parentType === 'string' || (Array.isArray(parentType) && parentType.includes('string'));
      const typeError = e.keyword === 'type' && (e.params.type === 'string' || e.params.type === 'object');
      const enumError = e.keyword === 'enum' && stringish;
      if (typeError || enumError) {
        used.set(listed.pointer, listed);
        return false;
      }
    }
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const under = nulls.filter((n) => isUnder(n.pointer, e.instancePath) && n.pointer !== e.instancePath);
      if (under.length > 0) {
        retried ??= validateResponse(method, pathTemplate, status, withoutKeys(body, nulls.map((n) => n.pointer)));
        if (!retried.some((r) => isUnder(r.instancePath, e.instancePath))) {
          for (const n of under) used.set(n.pointer, n);
          return false;
        }
      }
    }
    return true;
  });
  return { errors, tolerated: [...used.values()] };
}
