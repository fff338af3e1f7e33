/**
 * The mappings folder the workflow names does not exist (a typo in `mappings:`, or a matrix org's folder
 * not created yet). That is no finding, so: `validate --format github` still raises an error annotation
 * (the run page shows why), and the pull request's comment says validate failed before it checked the
 * files, not that a plan failed (the plan step never ran).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { project, removeProjects } from '../e2e/helpers';
import { corpMappings } from '../support/corp-org';

afterAll(() => removeProjects());

test('an annotation and exit 1 from validate; a comment that blames validate, with no plan', async () => {
  const cwd = project({ 'corp.yaml': corpMappings([['Engineering', 'Eng']]) });
  const github = await runCli(['validate', '--mappings', 'orgs/production', '--format', 'github'], { cwd });
  expect(github.code).toBe(1);
  expect(github.stdout).toBe('::error title=MAPPINGS_NOT_FOUND::the mappings folder orgs/production does not exist%0Ahint: run okta-ou from your repository root, or point at the folder with --mappings DIR\n');

  // What the action's validate step writes for the comment step: the JSON findings (none: nothing was read).
  const json = await runCli(['validate', '--mappings', 'orgs/production', '--format', 'json'], { cwd });
  expect([json.code, json.stdout]).toEqual([1, '']);
  fs.writeFileSync(path.join(cwd, 'findings.json'), json.stdout);

  const comment = await runCli(['ci', 'pr-comment', '--findings', 'findings.json', '--exit-code', '1', '--commit', 'abc123'], { cwd });
  expect(comment.code).toBe(0);
  const body = (JSON.parse(comment.stdout) as { body: string }).body;
  expect(body).toContain('okta-ou validate failed (exit code 1) before it could check the mapping files');
  expect(body).not.toMatch(/plan failed|plan step/);
});

test('a failed plan still gets the plan-failure comment', async () => {
  const cwd = project({ 'corp.yaml': corpMappings([['Engineering', 'Eng']]) });
  fs.writeFileSync(path.join(cwd, 'plan.md'), '');
  const comment = await runCli(['ci', 'pr-comment', '--markdown', 'plan.md', '--exit-code', '4'], { cwd });
  const body = (JSON.parse(comment.stdout) as { body: string }).body;
  expect(body).toContain('okta-ou plan failed with exit code 4: authentication or authorisation failed');
  expect(body).not.toContain('okta-ou validate failed');
});
