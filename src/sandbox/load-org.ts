import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { OktaOuError } from '../errors';
import { DEMO_ORG } from './demo-org';
import type { OrgSeed } from './types';
// org-seed.schema.json, precompiled by `npm run gen:validators`.
import { validator } from './org-seed-validator.generated';

const FORMAT_HINT = 'the org file format is in src/sandbox/README.md "Org file" (schema: src/sandbox/org-seed.schema.json); without --org the sandbox serves the demo org';

/** 'demo' | an OrgSeed | a path to a YAML or JSON org file. Files and objects are checked against org-seed.schema.json. */
export function loadOrgSeed(org: 'demo' | OrgSeed | string | undefined): OrgSeed {
  if (org === undefined || org === 'demo') return DEMO_ORG;
  if (typeof org !== 'string') return checkOrgSeed(org, 'the org seed object');
  let text: string;
  try {
    text = readFileSync(org, 'utf8');
  } catch (e) {
    throw new OktaOuError('SANDBOX_ORG', `cannot read org file ${org}: ${(e as Error).message}`, {
      hint: `check the path (relative paths start at the current directory) and that the file is readable; ${FORMAT_HINT}`,
    });
  }
  // JSON is YAML 1.2, so one parser gives positions for both.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = syntax.linePos?.[0];
    throw new OktaOuError('SANDBOX_ORG', `cannot parse org file ${org}${at ? `:${at.line}:${at.col}` : ''}: ${syntax.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, {
      hint: `fix the YAML/JSON syntax there; ${FORMAT_HINT}`,
    });
  }
  return checkOrgSeed(doc.toJS(), `org file ${org}`, (path) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return undefined;
    const p = lines.linePos(node.range[0]);
    return `line ${p.line}, column ${p.col}`;
  });
}

/** `value` as an OrgSeed, or OktaOuError SANDBOX_ORG naming `source` ("org file x.yaml"), each bad path and what is allowed there. */
export function checkOrgSeed(value: unknown, source: string, position?: (path: Array<string | number>) => string | undefined): OrgSeed {
  if (validator(value)) return value as OrgSeed;
  const byPath = new Map<string, ErrorObject>();
  // One error per place: the first of an anyOf's alternatives says enough ("must be string").
  for (const e of validator.errors ?? []) if (e.keyword !== 'anyOf' && !byPath.has(e.instancePath)) byPath.set(e.instancePath, e);
  const all = [...byPath.values()];
  const shown = all.slice(0, 5).map((e) => describe(e, position));
  const more = all.length > shown.length ? ` (and ${all.length - shown.length} more)` : '';
  throw new OktaOuError('SANDBOX_ORG', `${source} is not a valid org: ${shown.join('; ')}${more}`, {
    hint: `fix the places named; ${FORMAT_HINT}`,
  });
}

function describe(e: ErrorObject, position?: (path: Array<string | number>) => string | undefined): string {
  const segs = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const extra = params.additionalProperty;
  const at = position?.(extra === undefined ? segs : [...segs, extra]) ?? position?.(segs);
  const path = segs.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s), '') || '(top level)';
  let what = e.message ?? 'is not valid';
  if (extra !== undefined) what = `has unknown field "${extra}" (a typo?)`;
  else if (e.keyword === 'enum') what = `must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${path}${at ? ` (${at})` : ''} ${what}`;
}
