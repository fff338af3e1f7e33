/**
 * Reads every `*.yaml` / `*.yml` under the mappings folder (recursively, sorted, hidden entries skipped)
 * and hands the texts to the pure `parseDesired`. The only I/O of src/config.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../model/types';
import { OktaOuError } from '../errors';
import { parseDesired, type ParsedDesired } from './parse-desired';
import { decodeMappingFile } from './decode-file';

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

/**
 * Mapping files are a few KB; these limits are far beyond any real one and keep memory bounded whatever
 * is put in the folder (a 110 MB file would otherwise exhaust Node's heap while being parsed).
 */
export const MAX_MAPPING_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_MAPPINGS_TOTAL_BYTES = 16 * 1024 * 1024;

const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function tooLarge(file: string, message: string): Finding {
  return {
    code: 'FILE_TOO_LARGE', severity: 'error', message, file, line: 1, column: 1,
    hint: 'a mapping file is a few KB: check that this is the file you meant (not an export, a log or a binary), or move it out of the mappings folder',
  };
}

/** The file's text, or the finding that refuses it (too large, not UTF-8) before any parsing. */
async function readMappingFile(abs: string, shown: string, cwd: string, budget: { left: number }): Promise<{ text: string } | { finding: Finding }> {
  let handle;
  try {
    handle = await fs.open(abs, 'r');
    const { size } = await handle.stat();
    if (size > MAX_MAPPING_FILE_BYTES) return { finding: tooLarge(shown, `the file is ${mb(size)}, over the ${mb(MAX_MAPPING_FILE_BYTES)} limit for one mapping file`) };
    if (size > budget.left) return { finding: tooLarge(shown, `the mapping files read so far and this one exceed ${mb(MAX_MAPPINGS_TOTAL_BYTES)} together`) };
    budget.left -= size;
    return decodeMappingFile(shown, await handle.readFile());
  } catch (e) {
    throw unreadable(abs, cwd, e);
  } finally {
    await handle?.close();
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
  // One file at a time, in path order: the total limit then refuses the same files on every run.
  const texts: Array<{ path: string; text: string }> = [];
  const refused: Finding[] = [];
  const budget = { left: MAX_MAPPINGS_TOTAL_BYTES };
  for (const p of paths) {
    const r = await readMappingFile(p.abs, p.shown, cwd, budget);
    if ('finding' in r) refused.push(r.finding);
    else texts.push({ path: p.shown, text: r.text });
  }
  const parsed = parseDesired(texts);
  return { ...parsed, findings: [...refused, ...parsed.findings], files: paths.map((p) => p.shown) };
}
