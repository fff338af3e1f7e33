// The checker itself: real recordings pass, mutated ones fail, and every allowlisted deviation is
// shown by its recording and is exactly "null where the spec says string/object".
import { DEVIATIONS, checkResponse, splitPointer, valueAt } from './deviations';
import { matchTemplate, operations, responseSpec, spec, validateResponse, validateSchema } from './openapi';
import { loadRecording, recordingNames } from './recordings';

type Node = { [key: string]: unknown };

/** Follows $ref/allOf/properties from a named schema down a pointer; returns the field's schema. */
function fieldSchema(schemaName: string, pointer: string): Node | undefined {
  let node: Node | undefined = spec.components.schemas[schemaName];
  for (const part of splitPointer(pointer)) {
    node = deref(node);
    const props = node?.properties as Record<string, Node> | undefined;
    node = props?.[part];
  }
  return deref(node);
}

function deref(node: Node | undefined): Node | undefined {
  while (node && typeof node.$ref === 'string') {
    node = spec.components.schemas[node.$ref.replace('#/components/schemas/', '')];
  }
  return node;
}

describe('the trimmed spec', () => {
  it('notes its source and keeps every operation okta-ou uses', () => {
    const source = spec['x-okta-ou-source'];
    expect(source.repo).toBe('github.com/okta/okta-management-openapi-spec');
    expect(source.infoVersion).toBe(spec.info.version);
    expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(operations()).toEqual(
      expect.arrayContaining([
        'GET /api/v1/apps',
        'PUT /api/v1/apps/{appId}/groups/{groupId}',
        'POST /api/v1/mappings/{mappingId}',
        'GET /api/v1/logs',
      ]),
    );
  });

  it('maps concrete paths to templates, literal segments first', () => {
    expect(matchTemplate('/api/v1/apps/0oa1/groups/00g2')).toBe('/api/v1/apps/{appId}/groups/{groupId}');
    expect(matchTemplate('/api/v1/meta/types/user')).toBe('/api/v1/meta/types/user');
    expect(matchTemplate('/api/v1/nope')).toBeUndefined();
  });

  it('falls back to the shared 401 response and the Error schema for undeclared error statuses', () => {
    expect(responseSpec('GET', '/api/v1/apps', 200).source).toBe('operation');
    expect(responseSpec('GET', '/api/v1/apps', 401).source).toBe('shared-401');
    expect(responseSpec('GET', '/api/v1/apps', 405).source).toBe('error-fallback');
    expect(validateResponse('GET', '/api/v1/apps', 405, { errorCode: 42 })).not.toEqual([]);
  });

  it('declares no body for DELETE 204 and rejects one', () => {
    expect(validateResponse('DELETE', '/api/v1/apps/{appId}/groups/{groupId}', 204, undefined)).toEqual([]);
    expect(validateResponse('DELETE', '/api/v1/apps/{appId}/groups/{groupId}', 204, { id: 'x' })).not.toEqual([]);
  });

  it('honours nullable and forbids writeOnly fields in responses', () => {
    const appUser = { id: '00u1', scope: 'USER', passwordChanged: null };
    expect(validateSchema('AppUser', appUser)).toEqual([]);
    expect(validateSchema('AppUser', { ...appUser, credentials: { password: { value: 'x' } } })).not.toEqual([]);
  });
});

describe('recordings of real Okta', () => {
  const names = recordingNames();

  it.each(names)('%s cites its source', (name) => {
    const r = loadRecording(name);
    expect(r.source.repo).toMatch(/^okta\/(terraform-provider-okta|okta-sdk-python)$/);
    expect(r.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(r.source.path).toMatch(/\.yaml$/);
    expect(Number.isInteger(r.source.interaction)).toBe(true);
  });

  it.each(names)('%s conforms to the spec once the listed deviations are allowed', (name) => {
    const r = loadRecording(name);
    const { errors } = checkResponse(r.request.method, r.template, r.response.status, r.response.body);
    expect(errors.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it('a recording free of deviations passes the raw spec as well', () => {
    for (const name of ['app-group-assignment-put', 'app-group-assignment-list', 'mapping-get', 'error-404-app']) {
      const r = loadRecording(name);
      expect(validateResponse(r.request.method, r.template, r.response.status, r.response.body)).toEqual([]);
    }
  });
});

describe('mutated recordings fail', () => {
  function errorsAfter(name: string, mutate: (body: any) => void): string[] {
    const r = loadRecording(name);
    const body = structuredClone(r.response.body);
    mutate(body);
    return checkResponse(r.request.method, r.template, r.response.status, body).errors.map(
      (e) => `${e.instancePath} ${e.keyword}`,
    );
  }

  it('a wrongly typed field', () => {
    expect(errorsAfter('app-group-assignment-put', (b) => { b.priority = 'high'; })).toContain('/priority type');
  });

  it('an unknown enum value', () => {
    expect(errorsAfter('app-user-external-id-null', (b) => { b.scope = 'EVERYONE'; })).toContain('/scope enum');
  });

  it('a null at a pointer that is not listed, even where the spec says string', () => {
    expect(errorsAfter('ad-app-in-list', (b) => { b[0].label = null; })).toContain('/0/label type');
    expect(errorsAfter('group-description-null', (b) => { b.profile.name = null; })).not.toEqual([]);
    expect(errorsAfter('mapping-get', (b) => { b.source.name = null; })).toContain('/source/name type');
  });

  it('a listed field with a non-null wrong value', () => {
    expect(errorsAfter('ad-app-in-list', (b) => { b[0].signOnMode = 42; })).toContain('/0/signOnMode type');
    expect(errorsAfter('ad-app-in-list', (b) => { b[0].signOnMode = 'NOT_A_MODE'; })).toContain('/0/signOnMode enum');
    expect(errorsAfter('app-universal-logout-null', (b) => { b.universalLogout = 'UNSUPPORTED'; })).toContain(
      '/universalLogout type',
    );
  });

  it('a listed pointer in another resource is not covered', () => {
    // description is listed for groups and user types, not for the error body.
    expect(errorsAfter('error-404-app', (b) => { b.errorSummary = null; })).toContain('/errorSummary type');
  });
});

describe.each(DEVIATIONS.map((d) => [d.id, d] as const))('deviation %s', (_id, d) => {
  it('is a null where the spec says string or object, and the spec does not allow null', () => {
    const field = fieldSchema(d.schema, d.pointer);
    expect(field).toBeDefined();
    expect(field?.type).toBe(d.specType);
    expect(field?.nullable).not.toBe(true);
  });

  it('is shown by its recording, which the raw spec rejects exactly there', () => {
    const r = loadRecording(d.recording);
    expect(valueAt(r.response.body, d.recordedAt)).toBeNull();
    const raw = validateResponse(r.request.method, r.template, r.response.status, r.response.body);
    expect(raw.some((e) => e.instancePath === d.recordedAt && e.keyword === 'type' && e.data === null)).toBe(true);
    const { errors, tolerated } = checkResponse(r.request.method, r.template, r.response.status, r.response.body);
    expect(errors).toEqual([]);
    expect(tolerated).toContainEqual({ deviation: d.id, pointer: d.recordedAt });
  });
});
