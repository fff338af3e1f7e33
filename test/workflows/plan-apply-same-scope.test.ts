/**
 * The apply after a merge applies only the plan whose digest the pull request's plan comment carries, so
 * both workflows must plan the same scope: every input that shapes the plan (the mappings folder, one
 * directory) is taken by both reusable workflows and handed to their plan step the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';

type Step = { id?: string; with?: Record<string, unknown> };
type Workflow = { on: { workflow_call: { inputs: Record<string, { default?: unknown }> } }; jobs: Record<string, { steps: Step[] }> };

const load = (kind: string): Workflow => parse(fs.readFileSync(path.join(ROOT, `.github/workflows/reusable-${kind}.yml`), 'utf8')) as Workflow;
const planStep = (wf: Workflow): Step => Object.values(wf.jobs)[0]!.steps.find((s) => s.id === 'plan')!;

test.each(['mappings', 'directory'])('%s: the same input, the same default, passed to the plan step by plan and apply', (input) => {
  const [plan, apply] = [load('plan'), load('apply')];
  // Both must declare it with a default: two missing inputs (undefined === undefined) are not the same scope.
  for (const wf of [plan, apply]) expect(wf.on.workflow_call.inputs[input]).toHaveProperty('default', expect.any(String));
  expect(apply.on.workflow_call.inputs[input]?.default).toBe(plan.on.workflow_call.inputs[input]?.default);
  for (const wf of [plan, apply]) expect(planStep(wf).with?.[input]).toBe(`\${{ inputs.${input} }}`);
});
