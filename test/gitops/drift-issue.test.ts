import { DRIFT_ISSUE_TITLE, decideDriftIssue, driftDigest, driftMarker, readDriftMarker } from '../../src/gitops';
import type { DriftIssueDecision, ExistingIssue } from '../../src/gitops';
import type { Plan } from '../../src/model/types';
import { aCreate, aPlan, emptyPlan, fullPlan, hugePlan, unsafePlan } from '../support/plan-fixtures';

/** A minimal stand-in for the repository's issues, acting on decisions as the drift workflow does with gh. */
class FakeIssues {
  issues: Array<ExistingIssue & { title: string; comments: string[] }> = [];
  opened = 0;
  edits = 0;

  /** What the workflow passes as --existing-issue: the open drift issue, if any. */
  existing(): ExistingIssue | undefined {
    const i = this.issues.find((x) => x.state === 'open' && x.title === DRIFT_ISSUE_TITLE);
    return i && { number: i.number, body: i.body, state: i.state };
  }

  act(d: DriftIssueDecision): void {
    switch (d.action) {
      case 'open':
        this.opened++;
        this.issues.push({ number: this.issues.length + 1, title: d.title, body: d.body, state: 'open', comments: [] });
        break;
      case 'update':
        this.edits++;
        this.issues.find((i) => i.number === d.issueNumber)!.body = d.body;
        break;
      case 'close': {
        const i = this.issues.find((x) => x.number === d.issueNumber)!;
        i.comments.push(d.body);
        i.state = 'closed';
        break;
      }
      case 'none':
        break;
      case 'fail':
        throw new Error(d.reason);
    }
  }
}

function run(repo: FakeIssues, exitCode: number, plan?: Plan): DriftIssueDecision {
  const d = decideDriftIssue({ exitCode, plan, existing: repo.existing() });
  repo.act(d);
  return d;
}

const drift = (): Plan => aPlan([aCreate('corp', '00g-ENG', 'Engineering', 'ou=eng,dc=corp', 0, 5)], [], { createdAt: '2000-01-01T00:00:00Z' });

describe('the drift issue through no drift → drift → same drift → other drift → fixed', () => {
  test('opens exactly one issue, does not re-post the same drift, updates on new drift, then closes it', () => {
    const repo = new FakeIssues();
    expect(run(repo, 0, emptyPlan()).action).toBe('none');
    expect(repo.issues).toHaveLength(0);

    const first = run(repo, 2, drift());
    expect(first.action).toBe('open');
    expect(repo.issues).toEqual([expect.objectContaining({ number: 1, title: DRIFT_ISSUE_TITLE, state: 'open' })]);
    expect(readDriftMarker(repo.issues[0]!.body)).toBe(driftDigest(drift()));

    // Same drift in a later run (new timestamp, budget, fingerprint): not re-posted.
    const again = run(repo, 2, { ...drift(), createdAt: '2000-01-02T00:00:00Z', fingerprint: 'sha256:later', budget: { reads: { '/api/v1/apps': 9 }, writes: {} } });
    expect(again).toMatchObject({ action: 'none', issueNumber: 1 });

    // Someone clicks something else in Okta: the one issue is updated, not a second one opened.
    const more = aPlan([...drift().changes, aCreate('corp', '00g-OPS', 'Ops', 'ou=ops,dc=corp', 1)]);
    expect(run(repo, 2, more)).toMatchObject({ action: 'update', issueNumber: 1 });
    expect(readDriftMarker(repo.issues[0]!.body)).toBe(driftDigest(more));

    const fixed = run(repo, 0, emptyPlan());
    expect(fixed).toMatchObject({ action: 'close', issueNumber: 1 });
    expect(repo.issues[0]!.state).toBe('closed');
    expect(repo.issues[0]!.comments[0]).toContain('found no drift');

    expect(run(repo, 0, emptyPlan()).action).toBe('none');
    expect(repo.opened).toBe(1);
    expect(repo.edits).toBe(1);
    expect(repo.issues).toHaveLength(1);
  });

  test('drift after the issue was closed opens a new one', () => {
    const d = decideDriftIssue({ exitCode: 2, plan: drift(), existing: { number: 7, body: driftMarker(driftDigest(drift())), state: 'closed' } });
    expect(d.action).toBe('open');
    expect(d.reason).toContain('#7 is closed');
  });
});

describe('decideDriftIssue', () => {
  test('unsafe drift (exit 3) is still drift, with a banner', () => {
    const d = decideDriftIssue({ exitCode: 3, plan: unsafePlan() });
    expect(d.action).toBe('open');
    expect(d.body).toContain('exceeds a safety threshold');
    expect(d.body).toContain('80.0% is over 25.0% (8/10)');
  });

  test.each([
    [1, 'exit code 1'],
    [4, 'authentication or authorisation failed'],
    [137, 'unexpected exit code 137'],
  ])('exit %i fails loudly and never touches the issue', (exitCode, text) => {
    const open: ExistingIssue = { number: 3, body: driftMarker(driftDigest(drift())), state: 'open' };
    const d = decideDriftIssue({ exitCode, plan: drift(), existing: open });
    expect(d).toEqual({ action: 'fail', title: DRIFT_ISSUE_TITLE, body: '', reason: expect.stringContaining(text) });
  });

  test('exit 2 without a plan file is a failure, not drift', () => {
    expect(decideDriftIssue({ exitCode: 2 }).action).toBe('fail');
  });

  test('the body starts with the digest marker, links the run, and has no PR-comment marker', () => {
    const d = decideDriftIssue({ exitCode: 2, plan: fullPlan(), runUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(d.body.startsWith(`${driftMarker(driftDigest(fullPlan()))}\n`)).toBe(true);
    expect(d.body).toContain('https://github.com/o/r/actions/runs/1');
    expect(d.body).not.toContain('<!-- okta-ou:plan -->');
  });

  test('the body of a 5,000-change drift stays under GitHub’s 65,536-character limit', () => {
    const d = decideDriftIssue({ exitCode: 2, plan: hugePlan(5000) });
    expect(d.body.length).toBeLessThan(60000);
    expect(d.body).toContain('changes not shown');
  });
});
