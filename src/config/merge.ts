/**
 * Merge directory parts across files (docs/design.md §1: "a directory may be split across files").
 *
 * Rules: every part names its `app` and they must agree; any other setting may be repeated only with the
 * same value; `importOUs` (compared as DNs) and `assignments.ignore` are unions, each entry kept once at its
 * first place; `groups` are concatenated in file order
 * (files sorted by path), so list order stays the priority order; an attribute mapping property may be
 * declared once. Two directory names for the same app are a conflict too. Each conflict is reported at
 * both places (DIRECTORY_CONFLICT), each pointing at the other through `related`. Defaults are filled
 * here: ouCase lower, assignments additive with no ignores, safety {@link DEFAULT_SAFETY}, prune false.
 */
import { dataEquals as equal } from '../model/data-record';
import type { DesiredTypeMapping } from '../model/user-types';
import type { DesiredAdGroup, DesiredDirectory, DesiredGroup, DesiredImportOU, DesiredMappingProperty, Finding, SafetySettings, SourceRef } from '../model/types';
import { tryNamingContextDn, tryNormaliseDn } from '../model/dn';
import { appTextKey as appKey } from '../model/okta-ids';

export interface Setting<T> {
  value: T;
  /** Position of the value. */
  source: SourceRef;
  /** Position of the key. */
  keySource: SourceRef;
}

export interface DirectoryPart {
  name: string;
  source: SourceRef;
  app: Setting<string>;
  namingContext?: Setting<string>;
  importOUs?: Setting<DesiredImportOU[]>;
  updateOUOnGroupChange?: Setting<boolean>;
  ouCase?: Setting<'lower' | 'preserve'>;
  assignments?: SourceRef;
  mode?: Setting<'additive' | 'authoritative'>;
  convertUserScope?: Setting<boolean>;
  ignore?: Setting<string[]>;
  /** In file order, `index` counted in this part (merge renumbers them across parts). */
  groups: DesiredGroup[];
  groupsSource?: SourceRef;
  attributeMappings?: SourceRef;
  prune?: Setting<boolean>;
  properties: Array<[string, DesiredMappingProperty]>;
  safetySource?: SourceRef;
  /** safety.* settings given in this part, by key. */
  safety: Partial<Record<keyof SafetySettings, Setting<number>>>;
  /** Joined across parts in file order, like groups. */
  adGroups?: DesiredAdGroup[];
  /** `attributeMappings.userTypes`: each user type may be declared in one part only. */
  userTypes?: Array<[string, DesiredTypeMapping]>;
  adGroupsSource?: SourceRef;
}

export const DEFAULT_SAFETY: Readonly<SafetySettings> = {
  maxChangeShare: 0.25,
  minExisting: 10,
  maxUpdateShare: 0.3,
  maxDeleteShare: 0.3,
  maxUsersLosingAppShare: 0.05,
  maxUsersMovingShare: 0.2,
};
export const SAFETY_KEYS = Object.keys(DEFAULT_SAFETY) as Array<keyof SafetySettings>;

function where(s: SourceRef): string {
  return `${s.file}:${s.line}:${s.column}`;
}

/** Two findings, one at each place, each pointing at the other. */
function conflictPair(directory: string, what: string, a: Setting<unknown>, b: Setting<unknown>, hint: string): Finding[] {
  const one = (here: Setting<unknown>, there: Setting<unknown>): Finding => ({
    code: 'DIRECTORY_CONFLICT',
    severity: 'error',
    message: `directory "${directory}": ${what} is ${JSON.stringify(here.value)} here but ${JSON.stringify(there.value)} at ${where(there.source)}`,
    hint,
    directory,
    file: here.source.file,
    line: here.source.line,
    column: here.source.column,
    related: [there.source],
  });
  return [one(a, b), one(b, a)];
}

/** The first declared value of a setting; every later different value is a conflict. */
function mergeSetting<T>(
  directory: string,
  label: string,
  settings: Array<Setting<T> | undefined>,
  findings: Finding[],
  same: (a: T, b: T) => boolean = (a, b) => equal(a, b),
): Setting<T> | undefined {
  const defined = settings.filter((s): s is Setting<T> => s !== undefined);
  const [first, ...rest] = defined;
  for (const s of rest) {
    if (!same(first.value, s.value)) {
      findings.push(...conflictPair(directory, label, first as Setting<unknown>, s as Setting<unknown>, `a directory split across files must declare ${label} once, or the same everywhere`));
    }
  }
  return first;
}

/** Takes the parts over: their group objects become the merged directories' (renumbered, not copied). */
export function mergeParts(parts: DirectoryPart[]): { directories: DesiredDirectory[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const byName = new Map<string, DirectoryPart[]>();
  for (const p of parts) {
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }

  const directories: DesiredDirectory[] = [];
  for (const [name, ps] of byName) {
    const app = mergeSetting(name, 'app', ps.map((p) => p.app), findings, (a, b) => appKey(a) === appKey(b)) as Setting<string>;
    const namingContext = mergeSetting(name, 'namingContext', ps.map((p) => p.namingContext), findings, (a, b) => {
      const na = tryNamingContextDn(a);
      return na !== null ? na === tryNamingContextDn(b) : a === b;
    });
    const update = mergeSetting(name, 'updateOUOnGroupChange', ps.map((p) => p.updateOUOnGroupChange), findings);
    const ouCase = mergeSetting(name, 'ouCase', ps.map((p) => p.ouCase), findings);
    const mode = mergeSetting(name, 'assignments.mode', ps.map((p) => p.mode), findings);
    const convertUserScope = mergeSetting(name, 'assignments.convertUserScope', ps.map((p) => p.convertUserScope), findings);
    const prune = mergeSetting(name, 'attributeMappings.prune', ps.map((p) => p.prune), findings);
    const safety = Object.fromEntries(SAFETY_KEYS.map((k) => [k, mergeSetting(name, `safety.${k}`, ps.map((p) => p.safety[k]), findings)]));

    // A union: the same OU declared in two parts (in any spelling of the DN) is kept once, first place.
    const seenOUs = new Set<string>();
    const importOUs = ps
      .flatMap((p) => p.importOUs?.value ?? [])
      .filter((o) => {
        const key = tryNormaliseDn(o.dn) ?? o.dn.trim();
        if (seenOUs.has(key)) return false;
        seenOUs.add(key);
        return true;
      });
    const ignore = [...new Set(ps.flatMap((p) => p.ignore?.value ?? []))];

    // The parts' own group objects, renumbered in place: parts are made for this merge only, and a copy
    // of each of 100,000 entries would be garbage the size of the list.
    const groups: DesiredGroup[] = [];
    for (const p of ps) {
      for (const g of p.groups) {
        g.index = groups.length;
        groups.push(g);
      }
    }

    // A Map, made an object with fromEntries: a property may be called "__proto__" (the schema allows it).
    const properties = new Map<string, DesiredMappingProperty>();
    const propertySettings = new Map<string, Setting<string>>();
    for (const p of ps) {
      for (const [prop, value] of p.properties) {
        const here: Setting<string> = { value: value.expression, source: value.source, keySource: value.source };
        const before = propertySettings.get(prop);
        if (before) {
          findings.push(...conflictPair(name, `attributeMappings property "${prop}"`, before as Setting<unknown>, here as Setting<unknown>, 'declare each mapping property in one file only'));
          continue;
        }
        propertySettings.set(prop, here);
        properties.set(prop, value);
      }
    }

    const fieldSources: Record<string, SourceRef> = {};
    const firstSource = (key: string, refs: Array<SourceRef | undefined>): void => {
      const r = refs.find((x) => x !== undefined);
      if (r) fieldSources[key] = r;
    };
    fieldSources.app = app.source;
    firstSource('namingContext', [namingContext?.source]);
    firstSource('importOUs', ps.map((p) => p.importOUs?.keySource));
    firstSource('updateOUOnGroupChange', [update?.source]);
    firstSource('ouCase', [ouCase?.source]);
    firstSource('assignments', ps.map((p) => p.assignments));
    firstSource('assignments.mode', [mode?.source]);
    firstSource('assignments.convertUserScope', [convertUserScope?.source]);
    firstSource('assignments.ignore', ps.map((p) => p.ignore?.source));
    firstSource('groups', ps.map((p) => p.groupsSource));
    firstSource('attributeMappings', ps.map((p) => p.attributeMappings));
    firstSource('attributeMappings.prune', [prune?.source]);
    firstSource('safety', ps.map((p) => p.safetySource));
    for (const k of SAFETY_KEYS) firstSource(`safety.${k}`, [safety[k]?.source]);
    firstSource('adGroups', ps.map((p) => p.adGroupsSource));

    const hasMappings = ps.some((p) => p.attributeMappings !== undefined);
    const userTypes = new Map<string, DesiredTypeMapping>();
    for (const p of ps) {
      for (const [type, t] of p.userTypes ?? []) {
        const before = userTypes.get(type);
        if (before) {
          const s = (m: DesiredTypeMapping): Setting<unknown> => ({ value: type, source: m.source, keySource: m.source });
          findings.push(...conflictPair(name, 'attributeMappings.userTypes', s(before), s(t), 'declare each user type\'s mapping in one file only'));
        } else userTypes.set(type, t);
      }
    }
    const dir: DesiredDirectory = {
      name,
      app: app.value,
      importOUs,
      ouCase: ouCase?.value ?? 'lower',
      assignments: { mode: mode?.value ?? 'additive', ignore, ...(convertUserScope?.value ? { convertUserScope: true } : {}) },
      groups,
      safety: Object.fromEntries(SAFETY_KEYS.map((k) => [k, safety[k]?.value ?? DEFAULT_SAFETY[k]])) as unknown as SafetySettings,
      source: ps[0].source,
      fieldSources,
    };
    if (namingContext) dir.namingContext = namingContext.value;
    if (update) dir.updateOUOnGroupChange = update.value;
    const adGroups = ps.flatMap((p) => p.adGroups ?? []);
    if (adGroups.length > 0) dir.adGroups = adGroups;
    if (hasMappings) {
      dir.attributeMappings = {
        prune: prune?.value ?? false,
        properties: Object.fromEntries(properties),
        source: fieldSources.attributeMappings,
        ...(userTypes.size > 0 ? { userTypes: Object.fromEntries(userTypes) } : {}),
      };
    }

    if (importOUs.length === 0) {
      // Okta places users only under "User OUs connected to Okta", which its API does not expose
      // (notes: support article "Target OU is not an import OU"), so the files must name them.
      findings.push({
        code: 'SCHEMA',
        severity: 'error',
        message: `directory "${name}" declares no importOUs`,
        hint: 'add "importOUs:" with the AD integration\'s "User OUs connected to Okta" (Directory › Directory Integrations › Provisioning › Integration)',
        directory: name,
        file: dir.source.file,
        line: dir.source.line,
        column: dir.source.column,
      });
    }
    directories.push(dir);
  }

  // One app, one directory: two names for the same app would fight over its assignments.
  const byApp = new Map<string, { name: string; app: Setting<string> }>();
  for (const [name, ps] of byName) {
    const app = ps[0].app;
    const other = byApp.get(appKey(app.value));
    if (other) {
      const one = (dirName: string, here: Setting<string>, otherName: string, there: Setting<string>): Finding => ({
        code: 'DIRECTORY_CONFLICT',
        severity: 'error',
        message: `directories "${otherName}" and "${dirName}" both manage app ${JSON.stringify(here.value)} (other at ${where(there.source)})`,
        hint: 'manage each AD app from one directory; merge the two, or correct the app of one of them',
        directory: dirName,
        file: here.source.file,
        line: here.source.line,
        column: here.source.column,
        related: [there.source],
      });
      findings.push(one(other.name, other.app, name, app), one(name, app, other.name, other.app));
    } else {
      byApp.set(appKey(app.value), { name, app });
    }
  }
  return { directories, findings };
}
