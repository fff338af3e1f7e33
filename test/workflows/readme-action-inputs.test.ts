/** The README's table of the action's inputs lists exactly the inputs action.yml has, with their defaults. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';

test('README (The action): one row per input of action.yml, with its default', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string; required?: boolean }> };
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The action'), readme.indexOf('Outputs:', readme.indexOf('### The action')));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \|([^|]*)\|/gm)].map((m) => [m[1]!, m[2]!.trim()]);
  expect(rows.map(([name]) => name).sort()).toEqual(Object.keys(action.inputs).sort());
  for (const [name, shown] of rows) {
    const input = action.inputs[name]!;
    expect(shown).toBe(input.required ? '(required)' : input.default ? `\`${input.default}\`` : '');
  }
});
