import { decidePrComment, findingLink, isPlanComment, planFailureComment, readPlanDigest, validationFailureComment, withPlanMarker } from '../../src/gitops';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { fullPlan, emptyPlan } from '../support/plan-fixtures';

const BOT = 'github-actions[bot]';
const D1 = `sha256:${'1'.repeat(64)}`;

describe('decidePrComment', () => {
  const md = renderPlanMarkdown(fullPlan());

  test('creates the comment when the PR has none with the marker', () => {
    expect(decidePrComment({ markdown: md, comments: [{ id: 1, body: 'LGTM', author: 'ada' }] })).toEqual({ action: 'create', body: md, reason: expect.any(String) });
  });

  test('updates the oldest comment with the marker by the bot in place', () => {
    const comments = [
      { id: 30, body: renderPlanMarkdown(emptyPlan()), author: BOT },
      { id: 10, body: 'first!', author: BOT },
      { id: 20, body: renderPlanMarkdown(emptyPlan()), author: BOT },
    ];
    expect(decidePrComment({ markdown: md, comments })).toMatchObject({ action: 'update', commentId: 20, body: md });
  });

  test('a person’s comment that starts with the marker (copied, or quoted without "> ") is never the plan comment', () => {
    const comments = [
      { id: 5, body: renderPlanMarkdown(emptyPlan()), author: 'mallory' },
      { id: 6, body: renderPlanMarkdown(emptyPlan()) },
    ];
    expect(decidePrComment({ markdown: md, comments })).toMatchObject({ action: 'create' });
    expect(decidePrComment({ markdown: md, comments: [...comments, { id: 7, body: md, author: BOT }] })).toMatchObject({ action: 'none', commentId: 7 });
    // Another bot login, when the workflow posts as a GitHub App.
    expect(decidePrComment({ markdown: md, comments: [{ id: 8, body: md, author: 'okta-bot[bot]' }], author: 'okta-bot[bot]' })).toMatchObject({ action: 'none', commentId: 8 });
  });

  test('a reply quoting the plan is not the plan comment', () => {
    const quoted = md.split('\n').map((l) => `> ${l}`).join('\n');
    expect(decidePrComment({ markdown: md, comments: [{ id: 5, body: quoted, author: BOT }] }).action).toBe('create');
  });

  test('does nothing when the comment already shows this plan (GitHub may store CRLF)', () => {
    const d = decidePrComment({ markdown: md, comments: [{ id: 5, body: md.replace(/\n/g, '\r\n'), author: BOT }] });
    expect(d).toMatchObject({ action: 'none', commentId: 5 });
  });

  test('adds the marker to Markdown without one', () => {
    expect(decidePrComment({ markdown: 'hello', comments: [] }).body).toBe('<!-- okta-ou:plan -->\nhello');
  });

  test('a failed plan gets a comment that says so, by the same marker', () => {
    const body = planFailureComment(4);
    expect(body).toContain('authentication or authorisation failed');
    expect(decidePrComment({ markdown: body, comments: [{ id: 9, body: md, author: BOT }] })).toMatchObject({ action: 'update', commentId: 9 });
  });
});

describe('the digest in the plan marker', () => {
  test('withPlanMarker puts it on the first line, replacing a marker without one; readPlanDigest reads it back', () => {
    const md = renderPlanMarkdown(fullPlan());
    const marked = withPlanMarker(md, D1);
    expect(marked.split('\n')[0]).toBe(`<!-- okta-ou:plan ${D1} -->`);
    expect(marked.split('\n').slice(1)).toEqual(md.split('\n').slice(1));
    expect(isPlanComment(marked)).toBe(true);
    expect(readPlanDigest(marked)).toBe(D1);
    expect(readPlanDigest(md)).toBeUndefined();
    expect(readPlanDigest(`> ${marked}`)).toBeUndefined();
    expect(withPlanMarker('hello', D1)).toBe(`<!-- okta-ou:plan ${D1} -->\nhello`);
  });
});

describe('validationFailureComment', () => {
  test('the findings table, each place linked to its line at the commit', () => {
    const link = findingLink('https://github.com', 'acme/okta-mappings', 'abc123');
    const body = validationFailureComment(
      [
        { code: 'OU_NOT_IMPORT_OU', severity: 'error', message: 'group "x|y" targets <b>', file: 'mappings/corp team.yaml', line: 8, column: 13, hint: 'use an import OU' },
        { code: 'DN_MAPPED', severity: 'warning', message: 'dn is mapped', directory: 'corp' },
      ],
      link,
    );
    expect(body.split('\n').slice(0, 5)).toEqual([
      '<!-- okta-ou:plan -->',
      '## okta-ou plan',
      '',
      '> [!CAUTION]',
      '> **The mapping files do not validate: 1 error.** Nothing was planned; fix the findings below (they are also marked on the diff) and push again.',
    ]);
    expect(body).toContain(
      '| ❌ error | `OU_NOT_IMPORT_OU` | <a href="https://github.com/acme/okta-mappings/blob/abc123/mappings/corp%20team.yaml#L8"><code>mappings/corp team.yaml:8:13</code></a> | group &quot;x&#124;y&quot; targets &lt;b&gt;<br><sub>hint: use an import OU</sub> |',
    );
    expect(body).toContain('| ⚠️ warning | `DN_MAPPED` | <code>corp</code> | dn is mapped |');
  });
});

describe('one plan comment per Okta org (a workflow matrix)', () => {
  test('each org updates its own comment, never another org’s or the single-org one', () => {
    const prod = withPlanMarker('## okta-ou plan: production\n', D1, 'production');
    expect(prod.split('\n')[0]).toBe(`<!-- okta-ou:plan org=production ${D1} -->`);
    expect(readPlanDigest(prod)).toBe(D1);
    const comments = [
      { id: 1, body: withPlanMarker('single', D1), author: BOT },
      { id: 2, body: withPlanMarker('preview', D1, 'preview'), author: BOT },
      { id: 3, body: prod, author: BOT },
    ];
    expect(decidePrComment({ markdown: 'new', comments, org: 'production' })).toMatchObject({ action: 'update', commentId: 3, body: '<!-- okta-ou:plan org=production -->\nnew' });
    expect(decidePrComment({ markdown: withPlanMarker('new', D1), comments, org: 'preview' })).toMatchObject({ action: 'update', commentId: 2 });
    expect(decidePrComment({ markdown: 'new', comments })).toMatchObject({ action: 'update', commentId: 1 });
    expect(decidePrComment({ markdown: 'new', comments, org: 'staging' })).toMatchObject({ action: 'create' });
  });
});
