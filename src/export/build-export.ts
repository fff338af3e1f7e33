/**
 * `okta-ou export`, the pure part: turn what was read from one AD app instance into the desired-state
 * content of docs/design.md §1, so that a plan right after the export shows no changes to assignments.
 *
 * Choices (say them in the file, so a reviewer sees them):
 * - Groups are written by name when the name is unique among the app's assigned groups, else by id.
 * - Assignment mode is `additive`: an export is a starting point; switching to `authoritative` is the
 *   user's decision once the file is reviewed.
 * - Import OUs ("User OUs connected to Okta") are not in Okta's API. They are inferred from the OUs that
 *   users Okta imported or provisioned live in and from the OUs assignments target, collapsed to the
 *   topmost ones under the naming context, and marked as inferred.
 * - A live `dn` mapping is not exported: it breaks provisioning ("Target OU is not an import OU"), so the
 *   next plan removes it, and the file says so.
 * - An assignment whose OU is under none of the import OUs would be an OU_NOT_IMPORT_OU error as a
 *   `groups` entry, so the exported files would not validate. It is listed under `assignments.ignore`
 *   instead (okta-ou then neither manages nor removes it, even in authoritative mode) and the file says
 *   why; the user fixes the OU or the import OUs and moves it into `groups`. Assignments the file already
 *   ignores are not written into `groups` either.
 */
import type { DesiredDirectory, LiveApp, LiveAssignment, LiveGroup, LiveMapping } from '../model/types';
import type { LiveTypeMapping } from '../model/user-types';
import { OU_KEY, ousEqual } from '../plan/normalise';
import { looksLikeGroupId } from '../model/okta-ids';
import { byPriority } from '../model/priority';
import { canonicalRdns, isUnder, tryNamingContextDn, tryNormaliseDn } from '../model/dn';
import { isIgnored } from '../plan/ignore';
import { setOwn } from '../model/data-record';

export interface ExportSource {
  app: LiveApp;
  assignments: LiveAssignment[];
  groups: Record<string, LiveGroup>;
  mapping: LiveMapping | null;
  /** profile.dn of the app's users (not in provisioning error) and of its imported groups: evidence of import OUs. */
  observedDns: string[];
  /** Other user types' mappings to the app (read-type-mappings.ts), for `attributeMappings.userTypes`. */
  typeMappings?: LiveTypeMapping[];
  /** Groups imported from the app with members (read-ad-groups.ts), for `adGroups`. */
  adGroups?: Array<{ id: string; name: string; dn?: string; logins: string[] }>;
}

export interface ExportedGroup {
  group: string;
  ou: string;
  profile?: Record<string, unknown>;
}

export interface ExportedContent {
  app: string;
  namingContext?: string;
  importOUs: string[];
  assignments: { mode: 'additive'; ignore?: string[] };
  groups: ExportedGroup[];
  attributeMappings?: {
    prune: false;
    properties: Record<string, string | { expression: string; push: 'createOnly' }>;
    userTypes?: Record<string, { properties: Record<string, string | { expression: string; push: 'createOnly' }> }>;
  };
  /** Additive: the members each AD group has now (by DN, else by id). */
  adGroups?: Array<{ group: string; members: { users: string[] } }>;
}

export interface ExportedDirectory {
  name: string;
  content: ExportedContent;
  /** Facts the YAML writer turns into comments. */
  notes: {
    importOUsInferred: boolean;
    dnMapping?: string;
    /** Assigned groups with no organizationalUnit: left out, listed in a comment. */
    withoutOu: string[];
    /**
     * Assignments whose OU is under none of the import OUs (their users fail to provision): not in
     * `groups`, but new entries of `assignments.ignore` (`ref`), with the OU they target.
     */
    uncovered: Array<{ ref: string; ou: string }>;
  };
}

/** "corp.example.com" → "corp"; falls back to a sanitised label. */
export function directoryNameFor(label: string, taken: ReadonlySet<string>): string {
  const first = label.split('.')[0].toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'directory';
  if (!taken.has(first)) return first;
  const full = label.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  let name = full;
  for (let i = 2; taken.has(name); i++) name = `${full}-${i}`;
  return name;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** Drops the first RDN: the container a user object lives in. */
function parentOf(dn: string): string | null {
  const rdns = canonicalRdns(dn);
  return rdns && rdns.length > 1 ? rdns.slice(1).join(',') : null;
}

/** The topmost OUs of a set: drop every OU that sits under another one in the set. */
function topmost(dns: string[]): string[] {
  const uniq = [...new Set(dns)].sort();
  return uniq.filter((d) => !uniq.some((o) => o !== d && isUnder(d, o)));
}

/**
 * Infers import OUs: the containers of observed users and the target OUs of assignments, each reduced to
 * the container directly below the domain components (`ou=sales,ou=employees,dc=corp,…` → `ou=employees,
 * dc=corp,…`), since admins tick top-level OUs in "User OUs connected to Okta" far more often than leaves.
 */
function inferImportOUs(ncDn: string | null, dns: string[]): string[] {
  const containers: string[] = [];
  for (const dn of dns) {
    const rdns = canonicalRdns(dn);
    if (rdns === null || (ncDn !== null && !isUnder(dn, ncDn))) continue;
    let i = rdns.length - 1;
    while (i >= 0 && rdns[i].startsWith('dc=')) i--;
    if (i >= 0) containers.push(rdns.slice(i).join(','));
  }
  return topmost(containers);
}

export interface BuildExportOptions {
  /** How to write `app:`: the label by default; the caller passes the id when the label is not unique. */
  appRef?: string;
  /**
   * The directory as the file already declares it: where a reference or a DN it holds means the same as
   * what Okta says (the same group id, the same DN but for case and spacing), the user's spelling is
   * kept, so a re-export rewrites nothing Okta did not change.
   */
  declared?: DesiredDirectory;
}

/** AD groups by DN (unique among them), else by id; members as they are now (additive entries). */
function exportAdGroups(groups: NonNullable<ExportSource['adGroups']>): NonNullable<ExportedContent['adGroups']> {
  const dnKey = (dn: string): string => tryNormaliseDn(dn) ?? dn;
  const dnCount = new Map<string, number>();
  for (const g of groups) if (g.dn) dnCount.set(dnKey(g.dn), (dnCount.get(dnKey(g.dn)) ?? 0) + 1);
  return groups.map((g) => ({
    group: g.dn && dnCount.get(dnKey(g.dn)) === 1 ? g.dn : g.id,
    members: { users: [...g.logins] },
  }));
}

/** Builds one directory's desired-state content from its live slice. */
export function buildExport(name: string, src: ExportSource, opts: BuildExportOptions = {}): ExportedDirectory {
  const declared = opts.declared;
  const assigned = [...src.assignments].sort(byPriority);
  const nameCount = new Map<string, number>();
  for (const a of assigned) {
    const g = src.groups[a.groupId];
    if (g) nameCount.set(g.name, (nameCount.get(g.name) ?? 0) + 1);
  }
  const groups: ExportedGroup[] = [];
  const groupIds: string[] = [];
  const withoutOu: string[] = [];
  for (const a of assigned) {
    const g = src.groups[a.groupId];
    if (declared && isIgnored(declared, { id: a.groupId, name: g?.name })) continue;
    const byName = g && nameCount.get(g.name) === 1 && !looksLikeGroupId(g.name) ? g.name : a.groupId;
    // An id always resolves to the same group: keep it when the file writes this group by id.
    const ref = declared?.groups.some((d) => d.group === a.groupId) ? a.groupId : byName;
    const mine = declared?.groups.find((d) => d.group === ref);
    const liveOu = a.profile[OU_KEY];
    const ou = mine && ousEqual(mine.ou, liveOu) ? mine.ou : liveOu;
    if (typeof ou !== 'string' || ou === '') {
      withoutOu.push(ref);
      continue;
    }
    const rest = Object.fromEntries(Object.entries(a.profile).filter(([k, v]) => k !== OU_KEY && v !== null && v !== undefined));
    groups.push(Object.keys(rest).length > 0 ? { group: ref, ou, profile: sortKeys(rest) } : { group: ref, ou });
    groupIds.push(a.groupId);
  }

  const ncDn = src.app.namingContext ? tryNamingContextDn(src.app.namingContext) : null;
  // Evidence first: where users Okta imported or provisioned without error live. Assignment OUs are not
  // evidence (a wrong one is exactly the "Target OU is not an import OU" failure), so they are only a
  // fallback for an org with no users yet, and the ones left uncovered are named in a comment.
  const seen = inferImportOUs(ncDn, src.observedDns.map((d) => parentOf(d) ?? ''));
  const importOUs = seen.length > 0 ? seen : inferImportOUs(ncDn, groups.map((g) => g.ou));
  // Against the import OUs the file will hold: the user's when they declared some, else the inferred ones.
  // While one of the user's is not a valid DN (their INVALID_DN to fix), none is judged, as the lint does.
  const declaredImports = declared?.importOUs.map((i) => i.dn) ?? [];
  const imports = declaredImports.some((dn) => tryNormaliseDn(dn) === null) ? null : declaredImports.length > 0 ? declaredImports : importOUs;
  const covered = (g: ExportedGroup): boolean => imports === null || imports.some((i) => isUnder(g.ou, i));
  // An ignore entry is a glob: a name with * or ? would match other groups too, so that one is written by id.
  const uncovered = groups.flatMap((g, k) => (covered(g) ? [] : [{ ref: /[*?]/.test(g.group) ? groupIds[k] : g.group, ou: g.ou }]));

  let attributeMappings: ExportedContent['attributeMappings'];
  let dnMapping: string | undefined;
  // A mapping's properties as the file writes them; a live `dn` is left out (the next plan removes it).
  const fileProperties = (m: LiveMapping, onDn: (expression: string) => void): Record<string, string | { expression: string; push: 'createOnly' }> => {
    const props: Record<string, string | { expression: string; push: 'createOnly' }> = {};
    for (const [prop, p] of Object.entries(m.properties)) {
      if (prop === 'dn') {
        onDn(p.expression);
        continue;
      }
      setOwn(props, prop, p.pushStatus === 'DONT_PUSH' ? { expression: p.expression, push: 'createOnly' as const } : p.expression);
    }
    return sortKeys(props);
  };
  if (src.mapping) {
    attributeMappings = { prune: false, properties: fileProperties(src.mapping, (e) => (dnMapping = e)) };
    const types = [...(src.typeMappings ?? [])].sort((a, b) => (a.userType.name < b.userType.name ? -1 : 1));
    if (types.length > 0) {
      attributeMappings.userTypes = Object.fromEntries(types.map((t) => [t.userType.name, { properties: fileProperties(t.mapping, (e) => (dnMapping ??= e)) }]));
    }
  }

  const ncWritten = declared?.namingContext !== undefined && ncDn !== null && tryNamingContextDn(declared.namingContext) === ncDn ? declared.namingContext : ncDn;
  const content: ExportedContent = {
    app: opts.appRef ?? src.app.label,
    ...(src.app.namingContext ? { namingContext: ncWritten ?? src.app.namingContext } : {}),
    importOUs,
    assignments: uncovered.length > 0 ? { mode: 'additive', ignore: uncovered.map((u) => u.ref) } : { mode: 'additive' },
    groups: groups.filter(covered),
    ...(attributeMappings ? { attributeMappings } : {}),
    ...(src.adGroups?.length ? { adGroups: exportAdGroups(src.adGroups) } : {}),
  };
  return { name, content, notes: { importOUsInferred: true, dnMapping, withoutOu, uncovered } };
}
