/**
 * Writes an exported directory as desired-state YAML (pure: text in, text out). When the target file
 * already exists, its document is updated in place with yaml's node API, so the user's comments and
 * layout survive wherever the content is unchanged. State read from Okta (app, naming context, groups,
 * attribute mapping properties) is refreshed; policy only a person can declare (import OUs once written,
 * assignment mode and ignore list, updateOUOnGroupChange, ouCase, safety, prune) is kept as the user wrote it.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, YAMLMap, YAMLSeq } from 'yaml';
import { dataEquals as equal } from '../model/data-record';
import type { ExportedDirectory } from './build-export';

export interface RenderExportOptions {
  /** Path of the JSON Schema relative to the written file, for the yaml-language-server line. */
  schemaRef: string;
  /** ISO date for the header of a new file. */
  generatedAt: string;
}

const STATE_FIELDS = ['app', 'namingContext', 'groups', 'attributeMappings'] as const;

function keyOf(p: Pair): unknown {
  return isScalar(p.key) ? p.key.value : p.key;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key) as Pair | undefined;
}

/** Adds a comment above a key, after any comment the key already has. */
function commentKey(doc: Document, map: YAMLMap, key: string, comment: string): void {
  const p = pairOf(map, key);
  if (!p) return;
  if (!isScalar(p.key)) p.key = doc.createNode(p.key) as Node;
  const before = (p.key as Node).commentBefore;
  (p.key as Node).commentBefore = before ? `${before}\n${comment}` : comment;
}

const INFERRED =
  ` INFERRED by okta-ou export from where users and assignments live: Okta's API does not expose\n` +
  ` "User OUs connected to Okta". Confirm them in the Admin Console: Directory > Directory Integrations >\n` +
  ` <app> > Provisioning > Integration.`;

const ADGROUPS_NOTE =
  ` AD groups imported from this app, with the members Okta can manage (users imported through it).\n` +
  ` additive (the default): members are only added. Use members: { fromGroup: <Okta group> } or\n` +
  ` mode: authoritative to let okta-ou manage them; a refresh keeps this list as you edit it.`;

/** Comments for a newly written directory: what was inferred, left out, or chosen on the user's behalf. */
function annotateNew(doc: Document, map: YAMLMap, dir: ExportedDirectory): void {
  if (dir.notes.importOUsInferred) commentKey(doc, map, 'importOUs', INFERRED.replace('<app>', dir.content.app));
  commentKey(doc, map, 'assignments', ' additive: assignments this file does not list are left alone. Switch to authoritative once reviewed.');
  commentKey(doc, map, 'adGroups', ADGROUPS_NOTE);
  const notes: string[] = [];
  if (dir.notes.dnMapping !== undefined)
    notes.push(
      ` Live Okta maps dn (distinguishedName) Okta→AD, which makes provisioning fail with "Target OU is not an\n` +
        ` import OU". It is left out here on purpose: the next plan removes it.`,
    );
  if (dir.notes.withoutOu.length > 0)
    notes.push(` Assigned without an organizationalUnit (left out; add an ou to manage them): ${dir.notes.withoutOu.join(', ')}`);
  if (notes.length > 0) commentKey(doc, map, 'groups', notes.join('\n'));
  ignoreUncovered(doc, map, dir);
}

/**
 * Lists the assignments outside the import OUs under `assignments.ignore` (those not there yet), with a
 * comment saying why and what to do, so that the files validate and okta-ou leaves them alone.
 */
function ignoreUncovered(doc: Document, map: YAMLMap, dir: ExportedDirectory): void {
  if (dir.notes.uncovered.length === 0) return;
  let assignments = pairOf(map, 'assignments')?.value;
  if (!isMap(assignments)) {
    assignments = doc.createNode({ mode: 'additive' });
    map.set('assignments', assignments);
  }
  const am = assignments as YAMLMap;
  let ignore = pairOf(am, 'ignore')?.value;
  if (!isSeq(ignore)) {
    ignore = new YAMLSeq();
    am.set('ignore', ignore);
  }
  const seq = ignore as YAMLSeq;
  const listed = new Set(seq.items.map((n) => (isScalar(n) ? n.value : n)));
  for (const u of dir.notes.uncovered) if (!listed.has(u.ref)) seq.items.push(doc.createNode(u.ref));
  const why =
    ` Ignored by okta-ou export: these assignments target an OU under none of the importOUs, so Okta\n` +
    ` fails their users with "Target OU is not an import OU" (as groups entries: OU_NOT_IMPORT_OU errors).\n` +
    dir.notes.uncovered.map((u) => `   ${JSON.stringify(u.ref)} targets ${u.ou}\n`).join('') +
    ` Fix the OU in Okta, or add it to importOUs (and to "User OUs connected to Okta" in the AD\n` +
    ` integration), then move the group into groups.`;
  commentKey(doc, am, 'ignore', why);
}

/** Replaces a sequence's items, reusing each old item node whose content is unchanged (keeps its comments). */
function mergeSeq(doc: Document, old: YAMLSeq, next: unknown[]): YAMLSeq {
  const olds = old.items.map((n) => ({ node: n, js: (n as Node).toJSON?.() ?? n, used: false }));
  const seq = new YAMLSeq();
  seq.commentBefore = old.commentBefore;
  seq.comment = old.comment;
  for (const item of next) {
    const hit = olds.find((o) => !o.used && equal(o.js, item));
    if (hit) {
      hit.used = true;
      seq.items.push(hit.node);
    } else seq.items.push(doc.createNode(item));
  }
  return seq;
}

function setField(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const p = pairOf(map, key);
  if (value === undefined) {
    if (p) map.items.splice(map.items.indexOf(p), 1);
    return;
  }
  if (!p) {
    map.set(key, doc.createNode(value));
    return;
  }
  const old = p.value as Node | null;
  const oldJs = old && 'toJSON' in old ? (old as Node).toJSON() : old;
  if (equal(oldJs, value)) return;
  if (isSeq(old) && Array.isArray(value)) p.value = mergeSeq(doc, old, value);
  else if (isMap(old) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) setField(doc, old, k, v);
  } else p.value = doc.createNode(value);
}

/**
 * The YAML text for one exported directory. `existing` is the current file's text, if any; the result
 * then differs from it only where the exported content does.
 */
export function renderExportYaml(dir: ExportedDirectory, opts: RenderExportOptions, existing?: string): string {
  const doc = existing !== undefined ? parseDocument(existing) : new Document({ version: 1, directories: {} });
  if (existing === undefined)
    doc.commentBefore = ` yaml-language-server: $schema=${opts.schemaRef}\n Written by okta-ou export on ${opts.generatedAt}. Review before the first apply.`;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ version: 1, directories: {} }) as never;
  const root = doc.contents as unknown as YAMLMap;
  if (!pairOf(root, 'version')) root.set('version', 1);
  let dirs = pairOf(root, 'directories')?.value;
  if (!isMap(dirs)) {
    dirs = doc.createNode({});
    root.set('directories', dirs);
  }
  const dirsMap = dirs as YAMLMap;
  const current = pairOf(dirsMap, dir.name)?.value;
  if (!isMap(current)) {
    const node = doc.createNode(dir.content) as YAMLMap;
    dirsMap.set(dir.name, node);
    annotateNew(doc, node, dir);
    return doc.toString({ lineWidth: 0 });
  }
  for (const f of STATE_FIELDS) {
    const value = dir.content[f];
    if (f === 'attributeMappings' && value !== undefined) {
      // `prune` is the user's policy; only the properties are state.
      const am = pairOf(current, 'attributeMappings')?.value;
      if (isMap(am)) {
        setField(doc, am, 'properties', (value as { properties: unknown }).properties);
        const types = (value as { userTypes?: Record<string, unknown> }).userTypes;
        if (types) setField(doc, am, 'userTypes', types);
        continue;
      }
    }
    setField(doc, current, f, value);
  }
  if (!pairOf(current, 'importOUs')) {
    current.set('importOUs', doc.createNode(dir.content.importOUs));
    if (dir.notes.importOUsInferred) commentKey(doc, current, 'importOUs', INFERRED.replace('<app>', dir.content.app));
  }
  if (!pairOf(current, 'assignments')) current.set('assignments', doc.createNode(dir.content.assignments));
  // adGroups is the user's once written (sources and modes are choices); only a file without it gets it.
  if (!pairOf(current, 'adGroups') && dir.content.adGroups) {
    current.set('adGroups', doc.createNode(dir.content.adGroups));
    commentKey(doc, current, 'adGroups', ADGROUPS_NOTE);
  }
  ignoreUncovered(doc, current, dir);
  return doc.toString({ lineWidth: 0 });
}
