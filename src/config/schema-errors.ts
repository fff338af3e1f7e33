/**
 * ajv errors → SCHEMA findings a person can act on: one per violation, at the offending key or value,
 * in plain words (no ajv jargon), with a hint (the likely misspelling for unknown keys and values).
 */
import type { ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import type { Finding } from '../model/types';
import { findingAt } from '../model/finding';
import { closest } from './suggest';
import { PositionMapper, locateKey, pointerSegments } from './positions';

/** `directories.corp.groups[1].ou` for display. */
function displayPath(segments: readonly string[], data?: unknown): string {
  let out = '';
  let cur: unknown = data;
  for (const s of segments) {
    if (Array.isArray(cur)) out += `[${s}]`;
    else out += out === '' ? s : `.${/^[A-Za-z0-9_$-]+$/.test(s) ? s : JSON.stringify(s)}`;
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined;
  }
  return out === '' ? 'the file' : out;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

const typeWords: Record<string, string> = {
  string: 'text',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'empty',
};

function typeWord(t: unknown): string {
  const ts = Array.isArray(t) ? t : [t];
  return ts.map((x) => typeWords[String(x)] ?? String(x)).join(' or ');
}

function quoteList(xs: readonly unknown[]): string {
  return xs.map((x) => JSON.stringify(x)).join(', ');
}

function sub(data: unknown, segments: readonly string[]): unknown {
  let cur = data;
  for (const s of segments) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined;
  return cur;
}

function typeHint(segs: readonly string[], type: unknown, value: unknown): string {
  if (segs.length === 0) return 'a mapping file starts with "version: 1" and "directories:"';
  const ts = Array.isArray(type) ? type.map(String) : [String(type)];
  if (value === null || value === undefined) return 'give a value after the colon, or remove the key';
  if (ts.includes('boolean')) return 'write true or false, without quotes';
  if (ts.includes('array')) return 'write a list: one "- item" per line, or [a, b]';
  if (ts.includes('object')) return 'write "key: value" lines indented below this key';
  if (ts.includes('string')) return 'write the value as text (quote it if it looks like a number or a boolean)';
  return `write ${typeWord(type)}`;
}

// Words people reach for that are not misspellings of the key they mean.
const knownAliases: Record<string, string> = {
  organizationalunit: 'ou',
  name: 'group',
  groupname: 'group',
  groupid: 'group',
  importous: 'importOUs',
  userous: 'importOUs',
  mappings: 'attributeMappings',
  application: 'app',
  appid: 'app',
  applabel: 'app',
};

/** Whether an error should be dropped because another error explains it better. */
function isNoise(e: ErrorObject): boolean {
  // `if`/`then` wrappers and the `propertyNames` summary repeat what their inner error says.
  return e.keyword === 'if' || e.keyword === 'propertyNames';
}

/** Converts one file's ajv errors into findings. `data` is the validated value. */
export function schemaFindings(errors: readonly ErrorObject[], doc: Document, data: unknown, pos: PositionMapper): Finding[] {
  const out: Finding[] = [];
  for (const e of errors) {
    if (isNoise(e)) continue;
    const segs = pointerSegments(e.instancePath);
    const before = out.length;
    const here = displayPath(segs, data);
    const value = sub(data, segs);
    const parent = e.parentSchema as Record<string, unknown> | undefined;
    const props = (parent?.properties ?? {}) as Record<string, { description?: string }>;
    switch (e.keyword) {
      case 'additionalProperties': {
        const name = String((e.params as { additionalProperty: string }).additionalProperty);
        const allowed = Object.keys(props);
        const alias = knownAliases[name.toLowerCase()];
        const guess = closest(name, allowed) ?? (alias !== undefined && allowed.includes(alias) ? alias : undefined);
        const keyNode = locateKey(doc, segs, name);
        const where = keyNode ? pos.ofNode(keyNode) : pos.ofPath(segs);
        const special = name.toLowerCase() === 'priority' && allowed.includes('ou') ? 'priority is the order of the groups list (first = highest): move the entry instead' : undefined;
        const hint =
          special ??
          (guess ? `did you mean "${guess}"? (allowed keys here: ${allowed.join(', ')})` : `allowed keys here: ${allowed.join(', ')}; remove or rename it`);
        out.push(findingAt('SCHEMA', 'error', where, `unknown key "${name}" ${segs.length === 0 ? 'at the top level' : `in ${here}`}`, { hint: hint }));
        break;
      }
      case 'required': {
        const name = String((e.params as { missingProperty: string }).missingProperty);
        const desc = props[name]?.description;
        out.push(
          findingAt('SCHEMA', 'error', pos.ofKeyOrNode(segs), `${here} is missing the required key "${name}"`, { hint: `add "${name}:"${desc ? ` (${desc})` : ''}` }),
        );
        break;
      }
      case 'type': {
        const want = typeWord((e.params as { type: unknown }).type);
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} must be ${want}, found ${describeValue(value)}`, { hint: typeHint(segs, (e.params as { type: unknown }).type, value) }));
        break;
      }
      case 'const': {
        const allowed = (e.params as { allowedValue: unknown }).allowedValue;
        const hint = segs.join('.') === 'version' ? `this okta-ou reads format version ${JSON.stringify(allowed)}; write "version: ${JSON.stringify(allowed)}"` : `write ${JSON.stringify(allowed)}`;
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} must be ${JSON.stringify(allowed)}, found ${describeValue(value)}`, { hint: hint }));
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        const guess = typeof value === 'string' ? closest(value, allowed.map(String)) : undefined;
        out.push(
          findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} must be one of ${quoteList(allowed)}, found ${describeValue(value)}`, { hint: guess ? `did you mean "${guess}"?` : `use one of ${quoteList(allowed)}` }),
        );
        break;
      }
      case 'pattern': {
        if (e.propertyName !== undefined) {
          const name = e.propertyName;
          const keyNode = locateKey(doc, segs, name);
          const what = segs[segs.length - 1] === 'directories' ? 'directory name' : segs[segs.length - 1] === 'properties' ? 'attribute name' : 'key';
          out.push(
            findingAt('SCHEMA', 'error', keyNode ? pos.ofNode(keyNode) : pos.ofPath(segs), `${what} ${JSON.stringify(name)} in ${here} is not allowed`, { hint: what === 'directory name'
                ? 'use letters, digits, ".", "_" and "-" only, starting with a letter or digit'
                : 'use letters, digits, "_" and "-" only, starting with a letter or "_"' }),
          );
        } else {
          out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} does not have the expected form`, { hint: `it must match ${(e.params as { pattern: string }).pattern}` }));
        }
        break;
      }
      case 'minLength':
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} must not be empty`, { hint: 'write a value after the colon' }));
        break;
      case 'minItems':
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} must list at least ${(e.params as { limit: number }).limit} item(s)`, { hint: 'add an item, or remove the key' }));
        break;
      case 'uniqueItems': {
        const { i, j } = e.params as { i: number; j: number };
        const later = Math.max(i, j);
        out.push(
          findingAt('SCHEMA', 'error', pos.ofPath([...segs, String(later)]), `${here} lists the same value twice (items ${Math.min(i, j) + 1} and ${later + 1})`, { hint: 'remove the repeated item' }),
        );
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const { comparison, limit } = e.params as { comparison: string; limit: number };
        const share = e.keyword === 'maximum' && limit === 1 && typeof value === 'number' && value > 1 ? ` (a share is a fraction: ${value / 100} means ${value}%)` : '';
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} must be ${comparison} ${limit}, found ${describeValue(value)}`, { hint: `use a value ${comparison} ${limit}${share}` }));
        break;
      }
      case 'minProperties':
      case 'maxProperties': {
        // Objects that take exactly one of their keys (adGroups members: fromGroup or users).
        const allowed = Object.keys(props);
        const found = value !== null && typeof value === 'object' ? Object.keys(value) : [];
        const message = e.keyword === 'minProperties'
          ? `${here} is empty; it needs one of ${quoteList(allowed)}`
          : `${here} has ${found.length} keys (${found.join(', ')}); it takes only one of ${quoteList(allowed)}`;
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), message, { hint: `write one: ${allowed.map((k) => (props[k]?.description ? `${k} (${props[k].description.replace(/\.$/, '')})` : k)).join(' or ')}` }));
        break;
      }
      default:
        out.push(findingAt('SCHEMA', 'error', pos.ofPath(segs), `${here} ${e.message ?? 'is not valid'}`, { hint: 'see schemas/okta-ou.schema.json for the allowed form' }));
    }
    if (segs[0] === 'directories' && segs.length >= 2) for (const f of out.slice(before)) f.directory = segs[1];
  }
  return out;
}
