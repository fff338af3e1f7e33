/**
 * Desired state from YAML text: parse with source positions, validate with the JSON Schema, extract each
 * directory part with the position of every value, then merge parts across files. Pure (no I/O): the
 * caller gives file paths (as they should appear in findings) and texts.
 *
 * Stages (docs/style.md §3, "collect, then report once"): a file with YAML errors is not validated further;
 * a directory with schema errors in any of its parts is left out of the merge, all its parts in every file
 * (so one typo gives one finding, not a cascade of lint findings about half-read data); every problem
 * found is returned as a Finding.
 */
import { LineCounter, isMap, isScalar, type Document } from 'yaml';
import type { DesiredGroup, DesiredImportOU, DesiredMappingProperty, DesiredState, Finding, SafetySettings, SourceRef } from '../model/types';
import { findingAt } from '../model/finding';
import { PositionMapper, pointerSegments, type Positions } from './positions';
import { readSimpleYaml } from './simple-yaml';
import { SimplePositions } from './simple-positions';
import { parseYamlDocument } from './yaml-document';
import { schemaValidator } from './schema';
import { schemaFindings } from './schema-errors';
import { mergeParts, type DirectoryPart, type Setting } from './merge';
import { setOwn } from '../model/data-record';

export interface DesiredFileText {
  /** The path shown in findings (e.g. relative to the working directory). */
  path: string;
  text: string;
}

export interface ParsedDesired {
  desired: DesiredState;
  findings: Finding[];
}

/** Parses, validates and merges the given files (in path order). Never throws on bad input. */
export function parseDesired(files: ReadonlyArray<DesiredFileText>): ParsedDesired {
  const findings: Finding[] = [];
  const parts: DirectoryPart[] = [];
  const broken = new Set<string>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const resolved = new Map<string, string>();
  for (const file of sorted) {
    const r = parseFile(file, resolved);
    findings.push(...r.findings);
    parts.push(...r.parts);
    for (const name of r.badDirectories) broken.add(name);
  }
  // A directory split across files with a schema error in one part is left out whole: merging the other
  // parts alone would make a different directory (e.g. no importOUs, or additive instead of authoritative)
  // and report findings about it that are not true of the files.
  const merged = mergeParts(parts.filter((p) => !broken.has(p.name)));
  findings.push(...merged.findings);
  return { desired: { directories: merged.directories }, findings };
}

interface ParsedFile {
  parts: DirectoryPart[];
  findings: Finding[];
  /** Directories with a schema error in this file: none of their parts, in any file, is merged. */
  badDirectories: Set<string>;
}

/**
 * A file in the simple subset that is schema-valid is read without yaml's Document (much faster and
 * smaller at scale); any other file, and every file with a problem to report, goes through yaml.
 */
function parseFile(file: DesiredFileText, resolved: Map<string, string>): ParsedFile {
  const simple = readSimpleYaml(file.text, resolved);
  if (simple !== undefined && schemaValidator()(simple.data)) {
    return { parts: extractParts(simple.data, SimplePositions.of(file.path, simple), new Set()), findings: [], badDirectories: new Set() };
  }
  return parseWithDocument(file);
}

function parseWithDocument(file: DesiredFileText): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(file.text, lineCounter);
  const pos = new PositionMapper(file.path, doc, lineCounter);
  const findings: Finding[] = [];

  // Every duplicate key is its own mistake; other syntax errors cascade (one bad indent confuses the
  // rest of the file), so only the first is reported: fix it and run again, as with a compiler.
  const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0]);
  for (const e of doc.errors.filter((x) => x.code === 'DUPLICATE_KEY')) {
    findings.push(findingAt('DUPLICATE_KEY', 'error', pos.at(e.pos[0]), 'this key appears twice in the same mapping', { hint: 'keep one of them: YAML readers disagree about which one wins' }));
  }
  if (syntax.length > 0) findings.push(syntaxFinding(syntax[0].code, firstLine(syntax[0].message), pos.at(syntax[0].pos[0])));
  if (findings.length > 0) return { parts: [], findings, badDirectories: directoryNames(doc) };

  if (doc.contents === null) {
    findings.push(findingAt('SCHEMA', 'error', pos.root(), 'the file is empty', { hint: 'start it with "version: 1" and "directories:", or delete it' }));
    return { parts: [], findings, badDirectories: new Set() };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    findings.push(findingAt('YAML_SYNTAX', 'error', pos.root(), `the YAML cannot be read: ${firstLine((e as Error).message)}`, { hint: 'avoid deeply nested aliases (*name)' }));
    return { parts: [], findings, badDirectories: new Set() };
  }

  const validate = schemaValidator();
  const badDirectories = new Set<string>();
  let fileBroken = false;
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    findings.push(...schemaFindings(errors, doc, data, pos));
    for (const e of errors) {
      const segs = pointerSegments(e.instancePath);
      if (segs[0] === 'directories' && segs.length >= 2) badDirectories.add(segs[1]);
      else fileBroken = true;
    }
  }
  if (fileBroken) {
    // Nothing of this file is merged; the directories it names are left out of the other files too.
    const named = (data as { directories?: unknown } | null)?.directories;
    if (named !== null && typeof named === 'object' && !Array.isArray(named)) for (const name of Object.keys(named)) badDirectories.add(name);
    return { parts: [], findings, badDirectories };
  }

  return { parts: extractParts(data, pos, badDirectories), findings, badDirectories };
}

/** The parts of a schema-valid file (but for the directories with schema errors). */
function extractParts(data: unknown, pos: Positions, badDirectories: ReadonlySet<string>): DirectoryPart[] {
  const dirs = ((data as { directories?: Record<string, unknown> }).directories ?? {}) as Record<string, RawDirectory>;
  return Object.entries(dirs)
    .filter(([name]) => !badDirectories.has(name))
    .map(([name, raw]) => extractPart(name, raw, pos));
}

/** The directory names a file that cannot be read still shows (as far as the parser got), to leave them out. */
function directoryNames(doc: Document): Set<string> {
  const dirs = isMap(doc.contents) ? doc.contents.get('directories', true) : undefined;
  if (!isMap(dirs)) return new Set();
  return new Set(dirs.items.flatMap((p) => (isScalar(p.key) && typeof p.key.value === 'string' ? [p.key.value] : [])));
}

function syntaxFinding(code: string, message: string, where: SourceRef): Finding {
  switch (code) {
    case 'TAB_AS_INDENT':
      return findingAt('YAML_SYNTAX', 'error', where, 'a tab is used for indentation', { hint: 'indent with spaces only (YAML does not allow tabs for indentation)' });
    case 'MULTIPLE_DOCS':
      return findingAt('YAML_SYNTAX', 'error', where, 'the file holds more than one YAML document ("---")', { hint: 'put each document in its own file' });
    case 'BAD_INDENT':
      return findingAt('YAML_SYNTAX', 'error', where, `the YAML cannot be read here: ${message}`, { hint: 'check the indentation, and that every "[" and "{" is closed' });
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return findingAt('YAML_SYNTAX', 'error', where, `the YAML cannot be read here: ${message}`, { hint: 'check the indentation: keys of one mapping start in the same column, list items start with "- "' });
    case 'RESOURCE_EXHAUSTION':
      // yaml's stack overflow while composing nested collections; where it gave up depends on the stack.
      return findingAt('YAML_SYNTAX', 'error', where, 'the YAML is nested too deeply to be read', { hint: 'mapping files nest a few levels: look for "[" or "{" repeated or never closed' });
    default:
      return findingAt('YAML_SYNTAX', 'error', where, `the YAML cannot be read here: ${message}`, { hint: 'fix the YAML syntax at this place (a quote, bracket or indentation)' });
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

type RawMappingProperty = string | { expression: string; push?: 'always' | 'createOnly' };

interface RawDirectory {
  app: string;
  namingContext?: string;
  importOUs?: string[];
  updateOUOnGroupChange?: boolean;
  ouCase?: 'lower' | 'preserve';
  assignments?: { mode?: 'additive' | 'authoritative'; ignore?: string[]; convertUserScope?: boolean };
  groups?: Array<{ group: string; ou: string; profile?: Record<string, unknown> }>;
  attributeMappings?: {
    prune?: boolean;
    properties?: Record<string, RawMappingProperty>;
    userTypes?: Record<string, { prune?: boolean; properties?: Record<string, RawMappingProperty> }>;
  };
  safety?: Partial<SafetySettings>;
  adGroups?: Array<{ group: string; members: { fromGroup: string } | { users: string[] }; mode?: 'additive' | 'authoritative'; attribute?: string }>;
}

// Most entries of a list have no profile: they share these two (frozen: nothing may add to a shared one).
const NO_PROFILE: Record<string, unknown> = Object.freeze({});
const NO_PROFILE_SOURCES: Record<string, SourceRef> = Object.freeze({});
const HERE: readonly string[] = [];
const OU: readonly string[] = ['ou'];
const PROFILE: readonly string[] = ['profile'];

/** The groups of a part, in file order (`index` counted in this part; merge counts it across parts). */
function extractGroups(groups: RawDirectory['groups'], pos: Positions): DesiredGroup[] {
  return (groups ?? []).map((g, index) => {
    const entry = pos.within([String(index)]);
    const profile = g.profile ?? NO_PROFILE;
    let profileSources = NO_PROFILE_SOURCES;
    for (const k of Object.keys(profile)) {
      if (profileSources === NO_PROFILE_SOURCES) profileSources = {};
      setOwn(profileSources, k, entry.ofKey(PROFILE, k) ?? entry.ofPath(PROFILE));
    }
    return { group: g.group, ou: g.ou, profile, index, source: entry.ofPath(HERE), ouSource: entry.ofPath(OU), profileSources };
  });
}

/** One schema-valid directory part with the position of every value. */
function extractPart(name: string, raw: RawDirectory, top: Positions): DirectoryPart {
  const pos = top.within(['directories', name]);
  const at = (...p: string[]): SourceRef => pos.ofPath(p);
  const keyAt = (...p: string[]): SourceRef => pos.ofKeyOrNode(p);
  const setting = <T>(value: T | undefined, ...p: string[]): Setting<T> | undefined => (value === undefined ? undefined : { value, source: at(...p), keySource: keyAt(...p) });

  const importOUs: DesiredImportOU[] | undefined = raw.importOUs?.map((dn, i) => ({ dn, source: at('importOUs', String(i)) }));
  const groups = extractGroups(raw.groups, pos.within(['groups']));

  const mappingProperties = (props: Record<string, RawMappingProperty> | undefined, ...where: string[]): Array<[string, DesiredMappingProperty]> =>
    Object.entries(props ?? {}).map(([prop, v]) => {
      const expression = typeof v === 'string' ? v : v.expression;
      const push = typeof v === 'string' ? 'always' : (v.push ?? 'always');
      return [prop, { expression, pushStatus: push === 'createOnly' ? 'DONT_PUSH' : 'PUSH', source: keyAt(...where, prop) }];
    });
  const properties = mappingProperties(raw.attributeMappings?.properties, 'attributeMappings', 'properties');
  const userTypes: DirectoryPart['userTypes'] = Object.entries(raw.attributeMappings?.userTypes ?? {}).map(([type, t]) => [
    type,
    { prune: t.prune ?? false, properties: Object.fromEntries(mappingProperties(t.properties, 'attributeMappings', 'userTypes', type, 'properties')), source: keyAt('attributeMappings', 'userTypes', type) },
  ]);

  const adGroups = (raw.adGroups ?? []).map((a, i) => {
    const ap = ['adGroups', String(i)];
    return {
      group: a.group,
      members: a.members,
      mode: a.mode ?? 'additive',
      attribute: a.attribute ?? 'member',
      source: at(...ap),
      groupSource: at(...ap, 'group'),
      membersSource: at(...ap, 'members'),
      ...(a.attribute !== undefined ? { attributeSource: at(...ap, 'attribute') } : {}),
    };
  });

  return {
    name,
    source: pos.ofKeyOrNode(HERE),
    adGroups,
    userTypes,
    adGroupsSource: raw.adGroups === undefined ? undefined : keyAt('adGroups'),
    app: { value: raw.app, source: at('app'), keySource: keyAt('app') },
    namingContext: setting(raw.namingContext, 'namingContext'),
    importOUs: importOUs && { value: importOUs, source: at('importOUs'), keySource: keyAt('importOUs') },
    updateOUOnGroupChange: setting(raw.updateOUOnGroupChange, 'updateOUOnGroupChange'),
    ouCase: setting(raw.ouCase, 'ouCase'),
    assignments: raw.assignments === undefined ? undefined : keyAt('assignments'),
    mode: setting(raw.assignments?.mode, 'assignments', 'mode'),
    convertUserScope: setting(raw.assignments?.convertUserScope, 'assignments', 'convertUserScope'),
    ignore: setting(raw.assignments?.ignore, 'assignments', 'ignore'),
    groups,
    groupsSource: raw.groups === undefined ? undefined : keyAt('groups'),
    attributeMappings: raw.attributeMappings === undefined ? undefined : keyAt('attributeMappings'),
    prune: setting(raw.attributeMappings?.prune, 'attributeMappings', 'prune'),
    properties,
    safetySource: raw.safety === undefined ? undefined : keyAt('safety'),
    safety: Object.fromEntries(Object.entries(raw.safety ?? {}).map(([k, v]) => [k, setting(v as number, 'safety', k)])),
  };
}
