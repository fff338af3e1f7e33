/**
 * After a merge an unsafe plan (or one other than the reviewed one) is refused, and the refusal says to run
 * the apply workflow by hand with `force` and `approved-digest`: every shipped apply caller must offer both
 * inputs in its run by hand and hand them to the reusable apply workflow's job that a run by hand starts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT, workflowFiles } from './files';

type Job = { if?: string; uses?: string; with?: Record<string, unknown> };
type Workflow = { on: { workflow_dispatch?: { inputs?: Record<string, { type?: string }> } }; jobs: Record<string, Job> };

const callers = workflowFiles().filter((f) => /okta-ou-apply\.yml$/.test(f));

test('there are apply callers: the project’s own and each example’s', () => {
  expect(callers.length).toBeGreaterThanOrEqual(3);
});

test.each(callers)('%s: a run by hand can approve a digest and force an unsafe plan', (file) => {
  const wf = parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Workflow;
  expect(wf.on.workflow_dispatch?.inputs).toMatchObject({ 'approved-digest': { type: 'string' }, force: { type: 'boolean' } });
  // The jobs a run by hand starts: those whose condition does not require a push.
  const byHand = Object.values(wf.jobs).filter((j) => /reusable-apply\.yml/.test(j.uses ?? '') && !/github\.event_name == 'push'/.test(j.if ?? ''));
  expect(byHand.length).toBe(1);
  expect(String(byHand[0]!.with?.['approved-digest'])).toMatch(/\binputs\.approved-digest\b/);
  expect(String(byHand[0]!.with?.force)).toMatch(/\binputs\.force\b/);
});
