/**
 * Reads every `*.yaml` / `*.yml` under the mappings folder (recursively, sorted, hidden entries skipped)
 * and hands the texts to the pure `parseDesired`. The only I/O of src/config.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../model/types';
import { OktaOuError } from '../errors';
import { parseDesired, type ParsedDesired } from './parse-desired';

export interface ReadDesiredResult extends ParsedDesired {
  /** The files read, as shown in findings (relative to cwd, forward slashes). */
  files: string[];
}

function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/** A read failure (EACCES, a dangling link, …) as a user error naming the file and what to do. */
function unreadable(abs: string, cwd: string, e: unknown): OktaOuError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist (a broken symbolic link?)' : (code ?? (e as Error).message);
  return new OktaOuError('MAPPINGS_UNREADABLE', `cannot read ${display(abs, cwd)}: ${why}`, {
    hint: 'make the file readable by the user running okta-ou, fix or remove the link, or move it out of the mappings folder',
    cause: e,
  });
}

/**
 * The YAML files under `dir`. Symbolic links are followed (a link to a mapping file is a mapping file);
 * a linked folder is entered once, by its real path, so a link loop ends. A link whose target cannot be
 * read is listed when its name is a YAML name, so reading it reports the problem instead of skipping it.
 */
async function listYaml(dir: string, cwd: string, seen: Set<string>): Promise<string[]> {
  let real: string;
  let entries;
  try {
    real = await fs.realpath(dir);
    if (seen.has(real)) return [];
    seen.add(real);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw unreadable(dir, cwd, e);
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    const yamlName = /\.ya?ml$/i.test(e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const target = await fs.stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        isFile = yamlName;
      }
    }
    if (isDir) out.push(...(await listYaml(full, cwd, seen)));
    else if (isFile && yamlName) out.push(full);
  }
  return out;
}

async function readText(abs: string, cwd: string): Promise<string> {
  try {
    return await fs.readFile(abs, 'utf8');
  } catch (e) {
    throw unreadable(abs, cwd, e);
  }
}

/**
 * Loads the desired state from `dir`. Throws MAPPINGS_NOT_FOUND when `dir` is missing or not a folder,
 * MAPPINGS_UNREADABLE when a file or folder in it cannot be read;
 * a folder with no YAML files gives a NO_MAPPINGS error finding. File paths in findings are relative to `cwd`.
 */
export async function readDesired(dir: string, cwd: string): Promise<ReadDesiredResult> {
  const abs = path.resolve(cwd, dir);
  const shown = display(abs, cwd);
  let stat;
  try {
    stat = await fs.stat(abs);
  } catch {
    throw new OktaOuError('MAPPINGS_NOT_FOUND', `the mappings folder ${shown} does not exist`, {
      hint: 'run okta-ou from your repository root, or point at the folder with --mappings DIR',
    });
  }
  if (!stat.isDirectory()) {
    throw new OktaOuError('MAPPINGS_NOT_FOUND', `${shown} is not a folder`, { hint: '--mappings takes the folder that holds the *.yaml files' });
  }
  const paths = (await listYaml(abs, cwd, new Set())).map((p) => ({ abs: p, shown: display(p, cwd) })).sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  if (paths.length === 0) {
    const f: Finding = {
      code: 'NO_MAPPINGS',
      severity: 'error',
      message: `no *.yaml or *.yml files in ${shown}`,
      hint: 'add a mapping file (see README: "File format"), bootstrap one with `okta-ou export`, or point at another folder with --mappings DIR',
      file: shown,
    };
    return { desired: { directories: [] }, findings: [f], files: [] };
  }
  const texts = await Promise.all(paths.map(async (p) => ({ path: p.shown, text: await readText(p.abs, cwd) })));
  const parsed = parseDesired(texts);
  return { ...parsed, files: paths.map((p) => p.shown) };
}
