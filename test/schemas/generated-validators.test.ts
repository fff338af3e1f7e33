/**
 * The precompiled validators (src/**\/*-validator.generated.ts, ajv standalone code) are what a fresh
 * ajv.compile of today's schema files gives: the checked-in text is a fresh generation, and on every schema
 * fixture (and mutations of the valid ones) they accept and reject alike, with equal `errors`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { schemaValidator } from '../../src/config/schema';
import { validator as planValidator } from '../../src/render/plan-validator.generated';
import { validator as orgSeedValidator } from '../../src/sandbox/org-seed-validator.generated';
import { DEMO_ORG } from '../../src/sandbox/demo-org';

type Generated = { schema: string; out: string; options: Options };
const gen = require('../../scripts/gen-validators.js') as { VALIDATORS: Generated[]; generate: (v: Generated) => string; ROOT: string };
const repo = gen.ROOT;

function spec(schemaFile: string): Generated {
  const v = gen.VALIDATORS.find((x) => x.schema === schemaFile);
  if (!v) throw new Error(`scripts/gen-validators.js does not generate ${schemaFile}`);
  return v;
}

/** What a fresh compile with the generator's options would do at run time. */
function freshlyCompiled(schemaFile: string): (data: unknown) => boolean {
  const v = spec(schemaFile);
  return new Ajv2020(v.options).compile(JSON.parse(fs.readFileSync(path.join(repo, v.schema), 'utf8')));
}

type Validate = { (data: unknown): boolean; errors?: unknown };
function outcome(validate: Validate, data: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(data);
  return { valid, errors: valid ? null : validate.errors };
}

function read(rel: string): string {
  return fs.readFileSync(path.join(repo, rel), 'utf8');
}

/** Every YAML document (as JSON data) of the files and Markdown ```yaml blocks given, named. */
function yamlDocuments(sources: Array<[string, string]>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [name, text] of sources) {
    parseAllDocuments(text).forEach((doc, i) => {
      if ('errors' in doc && doc.errors.length === 0) out.push([`${name}#${i}`, doc.toJS({ maxAliasCount: 100 })]);
    });
  }
  return out;
}

function markdownYaml(rel: string): Array<[string, string]> {
  return [...read(rel).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i): [string, string] => [`${rel} block ${i}`, m[1]]);
}

function filesUnder(rel: string, pattern: RegExp): Array<[string, string]> {
  const dir = path.join(repo, rel);
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => pattern.test(f))
    .sort()
    .map((f): [string, string] => [path.join(rel, f), fs.readFileSync(path.join(dir, f), 'utf8')]);
}

/**
 * Wrong versions of a valid document, one change each: every value (up to `limit` places) made a number,
 * a string and null; every mapping given an unknown key and stripped of each of its keys.
 */
function mutations(data: unknown, limit = 120): unknown[] {
  const out: unknown[] = [];
  const places: Array<Array<string | number>> = [];
  const walk = (v: unknown, at: Array<string | number>): void => {
    if (places.length >= limit) return;
    places.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(data, []);
  const edit = (at: Array<string | number>, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown => {
    const copy = structuredClone(data) as Record<string | number, unknown>;
    let parent = copy;
    for (const seg of at.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
    change(parent, at[at.length - 1]);
    return copy;
  };
  for (const at of places.slice(1)) {
    for (const wrong of [7, 'x', null]) out.push(edit(at, (p, k) => (p[k] = wrong)));
    out.push(edit(at, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k])));
  }
  for (const at of places) {
    out.push(
      edit([...at, 'zzUnknown'], (p, k) => {
        if (p !== null && typeof p === 'object' && !Array.isArray(p)) p[k] = 1;
      }),
    );
  }
  return [...out, 7, 'x', null, [], {}];
}

function expectSameAsFresh(schemaFile: string, precompiled: Validate, named: Array<[string, unknown]>): number {
  const fresh = freshlyCompiled(schemaFile);
  let rejected = 0;
  for (const [name, data] of named) {
    const got = outcome(precompiled, data);
    expect({ name, ...got }).toEqual({ name, ...outcome(fresh, data) });
    if (!got.valid) rejected++;
  }
  return rejected;
}

test.each(gen.VALIDATORS.map((v) => [v.out, v] as const))('%s is a fresh generation (else run `npm run gen:validators`)', (out, v) => {
  expect({ out, upToDate: read(out) === gen.generate(v) }).toEqual({ out, upToDate: true });
});

test('mappings: the precompiled validator (the one the app uses) judges examples, docs and every fixture as a fresh compile does', () => {
  const valid = yamlDocuments([
    ...filesUnder('mappings', /\.ya?ml$/),
    ...filesUnder('examples', /(^|\/)(mappings|orgs)\/.+\.ya?ml$/),
    ...markdownYaml('README.md').filter(([, text]) => text.includes('version: 1')),
    ...markdownYaml('docs/design.md').filter(([, text]) => text.includes('version: 1')),
  ]);
  const fixtures = yamlDocuments(filesUnder('test/fixtures/bad', /\.ya?ml$/));
  expect(valid.length).toBeGreaterThanOrEqual(5);
  expect(fixtures.length).toBeGreaterThanOrEqual(40);
  for (const [name, data] of valid) expect({ name, valid: schemaValidator()(data) }).toEqual({ name, valid: true });
  const mutated = valid.flatMap(([name, data]) => mutations(data).map((m, i): [string, unknown] => [`${name} mutation ${i}`, m]));
  const rejected = expectSameAsFresh('schemas/okta-ou.schema.json', schemaValidator(), [...valid, ...fixtures, ...mutated]);
  // The comparison covered errors, not only passes: most mutations are schema errors.
  expect(rejected).toBeGreaterThan(mutated.length / 2);
});

test('plan: the precompiled validator judges the golden plans and their mutations as a fresh compile does', () => {
  const plans = filesUnder('test/golden', /\.json$/).map(([name, text]): [string, unknown] => [name, JSON.parse(text)]);
  expect(plans.length).toBe(3);
  for (const [name, data] of plans) expect({ name, valid: planValidator(data) }).toEqual({ name, valid: true });
  const mutated = plans.flatMap(([name, data]) => mutations(data, 200).map((m, i): [string, unknown] => [`${name} mutation ${i}`, m]));
  const rejected = expectSameAsFresh('schemas/plan.schema.json', planValidator, [...plans, ...mutated]);
  expect(rejected).toBeGreaterThan(mutated.length / 2);
});

test('org seed: the precompiled validator judges the demo org, the example org file and their mutations as a fresh compile does', () => {
  const orgs: Array<[string, unknown]> = [['DEMO_ORG', DEMO_ORG], ...yamlDocuments([['examples/sandbox-org.yaml', read('examples/sandbox-org.yaml')]])];
  expect(orgs.length).toBe(2);
  for (const [name, data] of orgs) expect({ name, valid: orgSeedValidator(data) }).toEqual({ name, valid: true });
  const mutated = orgs.flatMap(([name, data]) => mutations(data, 200).map((m, i): [string, unknown] => [`${name} mutation ${i}`, m]));
  const rejected = expectSameAsFresh('src/sandbox/org-seed.schema.json', orgSeedValidator, [...orgs, ...mutated]);
  expect(rejected).toBeGreaterThan(mutated.length / 3);
});
