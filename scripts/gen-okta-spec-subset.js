#!/usr/bin/env node
// Generates test/conformance/okta-spec-subset.json: the part of Okta's official Management API
// OpenAPI spec (okta/okta-management-openapi-spec, dist/current/management-minimal.yaml) that
// okta-ou and its local Okta (src/sandbox) use. The conformance tests validate the sandbox's
// responses against it; they must not read ../shared at run time, so the subset is committed.
//
// Usage: node scripts/gen-okta-spec-subset.js path/to/management-minimal.yaml
//   (npm run gen:spec). Source facts in the header come from SOURCE.txt next to the spec.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'test/conformance/okta-spec-subset.json');

// Operations okta-ou calls and the sandbox serves . Lower-case HTTP methods.
const KEEP = {
  '/api/v1/apps': ['get'],
  '/api/v1/apps/{appId}': ['get'],
  '/api/v1/apps/{appId}/groups': ['get'],
  '/api/v1/apps/{appId}/groups/{groupId}': ['get', 'put', 'patch', 'delete'],
  '/api/v1/apps/{appId}/users': ['get', 'post'],
  '/api/v1/apps/{appId}/users/{userId}': ['get', 'post', 'delete'],
  '/api/v1/apps/{appId}/group-push/mappings': ['get'],
  '/api/v1/groups': ['get'],
  '/api/v1/groups/{groupId}': ['get'],
  '/api/v1/groups/{groupId}/users': ['get'],
  '/api/v1/groups/{groupId}/apps': ['get'],
  '/api/v1/groups/{groupId}/users/{userId}': ['put', 'delete'],
  '/api/v1/mappings': ['get'],
  '/api/v1/mappings/{mappingId}': ['get', 'post'],
  '/api/v1/meta/types/user': ['get'],
  '/api/v1/meta/types/user/{typeId}': ['get'],
  '/api/v1/meta/schemas/apps/{appId}/default': ['get'],
  '/api/v1/meta/schemas/user/{schemaId}': ['get'],
  '/api/v1/agentPools': ['get'],
  '/api/v1/logs': ['get'],
  '/api/v1/directories/{appInstanceId}/groups/modify': ['post'],
  // Also served by the sandbox (group members link to them; mappings link to user types).
  '/api/v1/users/{id}': ['get'],
  // `okta-ou explain`: a user by email, and a user's groups.
  '/api/v1/users': ['get'],
  '/api/v1/users/{id}/groups': ['get'],
};
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// Shared responses every operation can produce even where the operation does not list them
// (e.g. 401 E0000011 for a bad token); kept so tests can validate those bodies too.
const ALWAYS_KEEP = ['#/components/responses/ErrorInvalidToken401', '#/components/schemas/Error'];

/** Removes `example`/`examples` keywords, but not properties that happen to be called so. */
function stripExamples(node, isPropertyMap = false) {
  if (Array.isArray(node)) return node.map((item) => stripExamples(item));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isPropertyMap && (key === 'example' || key === 'examples')) continue;
    out[key] = stripExamples(value, !isPropertyMap && key === 'properties');
  }
  return out;
}

function collectRefs(node, refs) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, refs);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  const parts = ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object' || !(part in node)) {
      throw new Error(`dangling $ref: ${ref}`);
    }
    node = node[part];
  }
  return { parts, node };
}

function readSourceNote(specPath) {
  const file = path.join(path.dirname(specPath), 'SOURCE.txt');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const commit = /HEAD commit ([0-9a-f]{40})/.exec(text);
  const lastChanged = /last changed in ([0-9a-f]{40})/.exec(text);
  const repo = /(github\.com\/[\w.-]+\/[\w.-]+)/.exec(text);
  const specFile = /path (\S+?),/.exec(text);
  return {
    repo: repo ? repo[1] : 'github.com/okta/okta-management-openapi-spec',
    path: specFile ? specFile[1] : 'dist/current/management-minimal.yaml',
    commit: commit ? commit[1] : null,
    fileLastChangedIn: lastChanged ? lastChanged[1] : null,
  };
}

function main() {
  if (!process.argv[2]) {
    console.error('usage: npm run gen:spec -- path/to/management-minimal.yaml\n' +
      '  (from a clone of github.com/okta/okta-management-openapi-spec, dist/current/)');
    process.exit(1);
  }
  const specPath = path.resolve(process.argv[2]);
  const spec = stripExamples(parse(fs.readFileSync(specPath, 'utf8'), { maxAliasCount: -1 }));

  const paths = {};
  for (const [route, methods] of Object.entries(KEEP)) {
    const item = spec.paths[route];
    if (!item) throw new Error(`path not in spec: ${route}`);
    const kept = {};
    for (const [key, value] of Object.entries(item)) {
      if (!METHODS.includes(key) || methods.includes(key)) kept[key] = value;
    }
    for (const m of methods) if (!kept[m]) throw new Error(`operation not in spec: ${m} ${route}`);
    paths[route] = kept;
  }

  // Transitive closure of $refs reachable from the kept operations.
  const components = {};
  const seen = new Set();
  const queue = [...collectRefs(paths, []), ...ALWAYS_KEEP];
  while (queue.length > 0) {
    const ref = queue.shift();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const { parts, node } = resolvePointer(spec, ref);
    if (parts[0] !== 'components' || parts.length !== 3) {
      throw new Error(`unexpected $ref target: ${ref}`);
    }
    const [, section, name] = parts;
    components[section] = components[section] || {};
    components[section][name] = node;
    queue.push(...collectRefs(node, []));
  }
  const sortedComponents = {};
  for (const section of Object.keys(components).sort()) {
    sortedComponents[section] = {};
    for (const name of Object.keys(components[section]).sort()) {
      sortedComponents[section][name] = components[section][name];
    }
  }
  if (spec.components.securitySchemes) sortedComponents.securitySchemes = spec.components.securitySchemes;

  const source = readSourceNote(specPath);
  const subset = {
    openapi: spec.openapi,
    info: { title: spec.info.title, version: spec.info.version, license: spec.info.license },
    'x-okta-ou-source': {
      repo: source.repo,
      path: source.path,
      infoVersion: spec.info.version,
      commit: source.commit,
      fileLastChangedIn: source.fileLastChangedIn,
      license: 'Apache-2.0 (Okta, Inc.)',
      generatedBy: 'scripts/gen-okta-spec-subset.js (npm run gen:spec)',
      generatedAt: new Date().toISOString().slice(0, 10),
      note:
        'Subset of the official spec: only the operations okta-ou and src/sandbox use, with every ' +
        '$ref they reach; example/examples keywords, components.examples and x-webhooks removed.',
    },
    paths,
    components: sortedComponents,
  };

  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(subset, null, 1)}\n`);
  const counts = Object.entries(sortedComponents)
    .map(([section, items]) => `${Object.keys(items).length} ${section}`)
    .join(', ');
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), OUT)}: ${Object.keys(paths).length} paths, ${counts}\n`,
  );
}

main();
