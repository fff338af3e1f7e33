/**
 * `okta-ou export`: write desired-state YAML from the live org, to bootstrap a repository (docs/design.md §2).
 * Read-only against Okta. A directory already declared in the mappings folder is refreshed in the file
 * that declares it (comments and layout kept where the content is unchanged); a new one gets
 * `<out>/<name>.yaml`. A plan right after an export shows no assignment or mapping changes, except the
 * removal of a live `dn` mapping; an assignment outside the import OUs is listed under
 * `assignments.ignore` (src/export/build-export.ts), so the files validate. The file's comments say both.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Command } from '../command';
import type { CliContext, GlobalOptions } from '../context';
import type { DesiredDirectory, DesiredState } from '../../model/types';
import { EXIT, OktaOuError, UsageError } from '../../errors';
import { DEFAULT_SAFETY, readDesired } from '../../config';
import type { OktaApi } from '../../okta/api';
import { connectOkta, parseMaxCapacity } from '../planning';
import { verboseLog } from '../verbose-log';
import { listDirectoryApps, matchLabel, readLive } from '../../live';
import { readImportedGroupMembers } from '../../live/read-ad-groups';
import { buildExport, directoryNameFor, type ExportedDirectory } from '../../export/build-export';
import { renderExportYaml } from '../../export/render-export-yaml';
import { schemaRefFor } from '../../export/schema-ref';

interface AdApp {
  id: string;
  label: string;
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

async function adApps(api: OktaApi): Promise<AdApp[]> {
  return (await listDirectoryApps(api)).filter((a): a is AdApp => typeof a.id === 'string' && typeof a.label === 'string');
}

/** The apps an `app:` reference names, as the planner resolves it (src/live/find-apps.ts): id, then label. */
function resolveApp(apps: AdApp[], ref: string): AdApp[] {
  const byId = apps.filter((a) => a.id === ref);
  return byId.length > 0 ? byId : matchLabel(apps, ref);
}

/** The declared directory whose `app:` names exactly this app (an ambiguous label names none). */
function declaredFor(app: AdApp, apps: AdApp[], existing: DesiredDirectory[]): DesiredDirectory | undefined {
  return existing.find((d) => {
    const hit = resolveApp(apps, d.app);
    return hit.length === 1 && hit[0].id === app.id;
  });
}

/** Directories already declared under `outDir`, to refresh in place (none when the folder is new). */
async function existingDirectories(outDir: string, cwd: string): Promise<DesiredDirectory[]> {
  if (!(await exists(outDir))) return [];
  const loaded = await readDesired(outDir, cwd);
  const broken = loaded.findings.filter((f) => ['YAML_SYNTAX', 'DUPLICATE_KEY', 'ENCODING', 'FILE_TOO_LARGE'].includes(f.code));
  if (broken.length > 0) {
    const f = broken[0];
    throw new OktaOuError('EXPORT_TARGET_UNREADABLE', `cannot update ${f.file}: ${f.message} (line ${f.line ?? '?'})`, {
      hint: 'fix the YAML first (okta-ou validate shows where), or export into another folder with --out DIR',
    });
  }
  return loaded.desired.directories;
}

function selectApps(apps: AdApp[], appRef: string | undefined, dirRef: string | undefined, existing: DesiredDirectory[]): AdApp[] {
  let ref = appRef;
  if (ref === undefined && dirRef !== undefined) ref = existing.find((d) => d.name === dirRef)?.app;
  if (ref === undefined) {
    if (dirRef !== undefined && apps.length !== 1)
      throw new UsageError(`--directory ${dirRef} names no directory in the mappings and the org has ${apps.length} AD apps`, 'say which app with --app ID|LABEL');
    return apps;
  }
  const hit = resolveApp(apps, ref);
  if (hit.length === 0) {
    const known = apps.map((a) => `${a.label} (${a.id})`).join(', ') || 'none';
    throw new OktaOuError('APP_NOT_FOUND', `no Active Directory app "${ref}" in the org`, { hint: `AD apps found: ${known}` });
  }
  return hit;
}

/** A desired state that names the apps and nothing else: readLive then reads exactly their live slices. */
function probeState(targets: Array<{ name: string; app: AdApp }>): DesiredState {
  const nowhere = { file: '', line: 0, column: 0 };
  return {
    directories: targets.map(({ name, app }) => ({
      name,
      app: app.id,
      importOUs: [],
      ouCase: 'lower' as const,
      assignments: { mode: 'additive' as const, ignore: [] },
      groups: [],
      safety: { ...DEFAULT_SAFETY },
      source: nowhere,
      fieldSources: {},
    })),
  };
}

/** A path as one shell word, so the printed command can be pasted as it is. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function describe(d: ExportedDirectory): string {
  const props = Object.keys(d.content.attributeMappings?.properties ?? {}).length;
  const extra = [
    d.notes.dnMapping !== undefined ? 'live dn mapping left out (the next plan removes it)' : '',
    d.notes.uncovered.length > 0 ? `${d.notes.uncovered.length} assignment(s) outside the import OUs listed under assignments.ignore` : '',
  ].filter(Boolean);
  return `${d.content.groups.length} group(s), ${props} mapping propert${props === 1 ? 'y' : 'ies'}, ${d.content.importOUs.length} import OU(s) inferred${extra.length ? `; ${extra.join('; ')}` : ''}`;
}

async function runExport(
  ctx: CliContext,
  global: GlobalOptions,
  opts: { app?: string; directory?: string; out?: string; maxCapacity?: number },
): Promise<number> {
  const outDir = path.resolve(ctx.cwd, opts.out ?? global.mappings);
  const existing = await existingDirectories(outDir, ctx.cwd);
  const log = verboseLog(ctx, global);
  const { api } = connectOkta(ctx, global, { use: 'plan', maxCapacity: opts.maxCapacity });
  try {
    const all = await adApps(api);
    const apps = selectApps(all, opts.app, opts.directory, existing);
    if (apps.length === 0) {
      ctx.stderr.write('export: the org has no Active Directory app instances; nothing written\n');
      return EXIT.OK;
    }
    if (opts.directory !== undefined && apps.length > 1) throw new UsageError('--directory names one directory, but several AD apps were selected', 'add --app ID|LABEL');
    const taken = new Set(existing.map((d) => d.name));
    const targets = apps.map((app) => {
      const declared = declaredFor(app, all, existing);
      const name = opts.directory ?? declared?.name ?? directoryNameFor(app.label, taken);
      taken.add(name);
      // The user's reference when it names this app; else the label, or the id when another AD app shares it.
      const appRef = declared?.app ?? (matchLabel(all, app.label).length > 1 ? app.id : app.label);
      return {
        name,
        app,
        appRef,
        declared: declared?.name === name ? declared : undefined,
        file: declared?.source.file ? path.resolve(ctx.cwd, declared.source.file) : path.join(outDir, `${name}.yaml`),
      };
    });
    const live = await readLive(api, probeState(targets), { log, importEvidence: true });
    await fs.mkdir(outDir, { recursive: true });
    for (const t of targets) {
      const l = live.directories.find((d) => d.name === t.name);
      if (!l?.app) throw new OktaOuError('APP_NOT_FOUND', `app ${t.app.label} (${t.app.id}) disappeared while exporting`, { hint: 'run okta-ou export again' });
      const adGroups = await readImportedGroupMembers(api, l.app);
      const dir = buildExport(t.name, { app: l.app, assignments: l.assignments, groups: l.groups, mapping: l.mapping, observedDns: l.observedDns, adGroups, ...(l.typeMappings ? { typeMappings: l.typeMappings } : {}) }, { appRef: t.appRef, declared: t.declared });
      const before = (await exists(t.file)) ? await fs.readFile(t.file, 'utf8') : undefined;
      const text = renderExportYaml(
        dir,
        { schemaRef: schemaRefFor(path.dirname(t.file)), generatedAt: ctx.now().toISOString().slice(0, 10) },
        before,
      );
      const shown = path.relative(ctx.cwd, t.file).split(path.sep).join('/');
      if (text === before) {
        ctx.stdout.write(`unchanged ${shown} (${t.name})\n`);
        continue;
      }
      // Write beside and rename, so an interrupted export never leaves half a file.
      await fs.writeFile(`${t.file}.tmp`, text);
      await fs.rename(`${t.file}.tmp`, t.file);
      ctx.stdout.write(`${before === undefined ? 'wrote' : 'updated'} ${shown} (${t.name}): ${describe(dir)}\n`);
    }
    const folder = shellWord(path.relative(ctx.cwd, outDir).split(path.sep).join('/') || '.');
    ctx.stderr.write(`next: review the files in ${folder} (import OUs are inferred), then run okta-ou validate --mappings ${folder} and okta-ou plan --mappings ${folder}\n`);
    return EXIT.OK;
  } finally {
    await api.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write desired-state YAML from the live org (bootstrap); read-only',
  usage: `Usage: okta-ou export [--app ID|LABEL] [--directory NAME] [--out DIR] [--max-capacity PCT]

Reads the org's Active Directory app instances and writes, per app, the group assignments in priority
order with their OUs, the Okta→AD attribute mappings, the naming context, and import OUs inferred from
where users live (marked as inferred: confirm them in the Admin Console). An assignment whose OU is
under none of the import OUs is listed under assignments.ignore (with a comment saying why), so the
files pass validate. A directory already declared in the folder is updated in its own file, keeping
your comments; others go to <out>/<name>.yaml.

Options:
  --app ID|LABEL     export only this AD app instance
  --directory NAME   the directory to export (an existing one, or the name for --app's directory)
  --out DIR          folder to write into (default: the --mappings folder, mappings/)
  --max-capacity PCT use at most PCT % of each Okta rate-limit bucket (default: 50 %); an export
                     may list every group of a large org

Examples:
  okta-ou export                               # every AD app into mappings/
  okta-ou export --app corp.example.com --out mappings
  okta-ou export --directory corp              # refresh the directory "corp" from Okta
`,
  options: {
    app: { type: 'string' },
    directory: { type: 'string' },
    out: { type: 'string' },
    'max-capacity': { type: 'string' },
  },
  async run(ctx: CliContext, global: GlobalOptions, values: Record<string, unknown>) {
    return runExport(ctx, global, {
      app: values.app as string | undefined,
      directory: values.directory as string | undefined,
      out: values.out as string | undefined,
      maxCapacity: parseMaxCapacity(values['max-capacity']),
    });
  },
};
