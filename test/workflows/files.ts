/** The shipped workflows and the action, for the workflow tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** Every shipped workflow, as a path from the repository root. */
export function workflowFiles(): string[] {
  const own = path.join('.github', 'workflows');
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).map((e) => path.join('examples', e, '.github', 'workflows'));
  return [own, ...examples]
    .filter((d) => fs.existsSync(path.join(ROOT, d)))
    .flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(d, f)))
    .sort();
}

/** The Node 24 releases of the actions we use (each one's action.yml declares `runs.using: node24`). */
export const NODE24_ACTIONS: Record<string, string> = {
  'actions/checkout': 'v7.0.1',
  'actions/setup-node': 'v7.0.0',
  'actions/upload-artifact': 'v7.0.0',
};

