/**
 * Options as people mistype them: a command's option before the command, an empty path, a short flag
 * that is not documented. Each is a usage error (exit 1) naming the fix, and nothing reaches the local Okta.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { project, runAgainst, useSandbox } from '../support/sandbox';

const sb = useSandbox();

test.each([
  [['--format', 'json', 'plan'], 'error USAGE --format is an option of plan, not a global option, so it goes after the command'],
  [['--out', 'p.json', 'plan'], 'error USAGE --out is an option of plan, not a global option, so it goes after the command'],
  [['plan', '--out', ''], 'error USAGE --out is empty'],
  [['export', '--out', ''], 'error USAGE --out is empty'],
  [['--mappings', '', 'validate'], 'error USAGE --mappings is empty'],
  [['plan', '--mappings='], 'error USAGE --mappings is empty'],
  [['show', '-f', 'json', 'plan.json'], 'error USAGE unknown option -f for show'],
  [['doctor', '-f', 'json'], 'error USAGE unknown option -f for doctor'],
])('okta-ou %j: a usage error, nothing written, no Okta call', async (argv, message) => {
  const cwd = project();
  const before = fs.readdirSync(cwd).sort();
  const calls = sb.audit.length;
  const r = await runAgainst(sb, cwd, argv);
  expect([r.code, r.stdout, r.stderr.split('\n')[0]]).toEqual([1, '', message]);
  expect(r.stderr).toContain('hint: ');
  expect(sb.audit.length).toBe(calls);
  expect(fs.readdirSync(cwd).sort()).toEqual(before);
  expect(fs.readdirSync(path.join(cwd, 'mappings')).every((f) => f.endsWith('.yaml'))).toBe(true);
});
