/**
 * Files that do not validate reach the default branch (a merge past a failing check, or a direct push):
 * the apply job plans nothing, and that is a failed apply like any other: reported on the pull request,
 * and the apply issue opened. The report step, run as the runner runs it with a recording `gh`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { APPLY_ISSUE_TITLE } from '../../src/gitops';
import { ROOT } from './files';
import { runStep, type Step } from './run-step';

const job = Object.values((parse(fs.readFileSync(path.join(ROOT, '.github/workflows/reusable-apply.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> }).jobs)[0]!;
const named = (name: string): Step => job.steps.find((s) => s.name === name)!;
const report = named('Report the result on the pull request and in the apply issue');

let temp: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-apply-invalid-'));
  fs.mkdirSync(path.join(temp, 'bin'));
  fs.writeFileSync(path.join(temp, 'bin', 'gh'), `#!/bin/sh\necho "$*" >> "${temp}/gh-calls"\n[ "$1 $2" = "issue list" ] && echo '[]'\nexit 0\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(temp, 'bin', 'okta-ou'), `#!/bin/sh\nexec node "${ROOT}/bin/okta-ou.js" "$@"\n`, { mode: 0o755 });
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

test('the report runs when validation failed, with exit code 1 when no later step gave one', () => {
  expect(named('Validate the mapping files').id).toBe('validate');
  expect(report.if).toBe("always() && (steps.plan.outcome == 'success' || steps.validate.outcome == 'failure')");
  expect(report.env?.EXIT_CODE).toBe("${{ steps.apply.outputs.exit-code || steps.plan.outputs.exit-code || '1' }}");
});

test('nothing planned, exit 1: a failure comment on the pull request and the apply issue opened', async () => {
  const env = { PATH: `${temp}/bin:${process.env.PATH}`, GITHUB_REPOSITORY: 'acme/okta', GH_TOKEN: 'x', PR: '42', PLAN_FILE: '', RESULT_FILE: '', EXIT_CODE: '1', ORG: '' };
  const r = await runStep(report, env, temp, temp);
  expect(r.code).toBe(0);
  const gh = fs.readFileSync(path.join(temp, 'gh-calls'), 'utf8').trim().split('\n');
  expect(gh.slice(1)).toEqual([`pr comment 42 --body-file ${temp}/comment.md`, `issue create --title ${APPLY_ISSUE_TITLE} --body-file ${temp}/issue.md`]);
  expect(fs.readFileSync(path.join(temp, 'comment.md'), 'utf8')).toContain('## okta-ou apply: failed\n\nokta-ou exited 1 before applying anything');
});
