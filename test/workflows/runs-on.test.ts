/**
 * Self-hosted runners (often the ones behind an egress proxy) must be able to use the reusable
 * workflows: each takes the runner label as an input, GitHub's hosted Ubuntu runner by default.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';

type Workflow = { on: { workflow_call: { inputs: Record<string, { type?: string; default?: unknown }> } }; jobs: Record<string, { 'runs-on'?: unknown }> };

test.each(['plan', 'apply', 'drift'])('reusable-%s.yml runs on the runs-on input, ubuntu-latest by default', (kind) => {
  const wf = parse(fs.readFileSync(path.join(ROOT, `.github/workflows/reusable-${kind}.yml`), 'utf8')) as Workflow;
  expect(wf.on.workflow_call.inputs['runs-on']).toMatchObject({ type: 'string', default: 'ubuntu-latest' });
  expect(Object.values(wf.jobs).map((j) => j['runs-on'])).toEqual(['${{ inputs.runs-on }}']);
});
