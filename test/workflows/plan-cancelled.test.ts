/**
 * A newer push cancels the pull request's plan run in progress (`cancel-in-progress`). Steps under
 * `always()` still run on cancellation, and the comment step would then post "okta-ou plan failed" over
 * the last good plan comment: the plan workflow's comment and artifact steps run unless cancelled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './files';

type Step = { name?: string; if?: string; run?: string; uses?: string };
type Job = { concurrency?: { 'cancel-in-progress'?: boolean }; steps: Step[] };

const wf = parse(fs.readFileSync(path.join(ROOT, '.github/workflows/reusable-plan.yml'), 'utf8')) as { jobs: Record<string, Job> };
const job = wf.jobs.plan!;

test('the plan run is cancelled by a newer push', () => {
  expect(job.concurrency?.['cancel-in-progress']).toBe(true);
});

test('no step that posts or uploads runs on cancellation', () => {
  const posting = job.steps.filter((s) => /gh api|gh pr|gh issue/.test(s.run ?? '') || /upload-artifact/.test(s.uses ?? ''));
  expect(posting.map((s) => s.name)).toEqual(['Keep the plan', 'Post or update the plan comment']);
  for (const s of posting) {
    expect(s.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
    expect(s.if).not.toContain('always()');
  }
});
