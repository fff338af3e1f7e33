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

async function listYaml(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listYaml(full)));
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(full);
  }
  return out;
}

/**
 * Loads the desired state from `dir`. Throws MAPPINGS_NOT_FOUND when `dir` is missing or not a folder;
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
  const paths = (await listYaml(abs)).map((p) => ({ abs: p, shown: display(p, cwd) })).sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
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
  const texts = await Promise.all(paths.map(async (p) => ({ path: p.shown, text: await fs.readFile(p.abs, 'utf8') })));
  const parsed = parseDesired(texts);
  return { ...parsed, files: paths.map((p) => p.shown) };
}
