import { decidePrComment, planFailureComment } from '../../src/gitops';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { fullPlan, emptyPlan } from '../support/plan-fixtures';

describe('decidePrComment', () => {
  const md = renderPlanMarkdown(fullPlan());

  test('creates the comment when the PR has none with the marker', () => {
    expect(decidePrComment({ markdown: md, comments: [{ id: 1, body: 'LGTM' }] })).toEqual({ action: 'create', body: md, reason: expect.any(String) });
  });

  test('updates the oldest comment with the marker in place', () => {
    const comments = [
      { id: 30, body: renderPlanMarkdown(emptyPlan()) },
      { id: 10, body: 'first!' },
      { id: 20, body: renderPlanMarkdown(emptyPlan()) },
    ];
    expect(decidePrComment({ markdown: md, comments })).toMatchObject({ action: 'update', commentId: 20, body: md });
  });

  test('a reply quoting the plan is not the plan comment', () => {
    const quoted = md.split('\n').map((l) => `> ${l}`).join('\n');
    expect(decidePrComment({ markdown: md, comments: [{ id: 5, body: quoted }] }).action).toBe('create');
  });

  test('does nothing when the comment already shows this plan (GitHub may store CRLF)', () => {
    const d = decidePrComment({ markdown: md, comments: [{ id: 5, body: md.replace(/\n/g, '\r\n') }] });
    expect(d).toMatchObject({ action: 'none', commentId: 5 });
  });

  test('adds the marker to Markdown without one', () => {
    expect(decidePrComment({ markdown: 'hello', comments: [] }).body).toBe('<!-- okta-ou:plan -->\nhello');
  });

  test('a failed plan gets a comment that says so, by the same marker', () => {
    const body = planFailureComment(4);
    expect(body).toContain('authentication or authorisation failed');
    expect(decidePrComment({ markdown: body, comments: [{ id: 9, body: md }] })).toMatchObject({ action: 'update', commentId: 9 });
  });
});
