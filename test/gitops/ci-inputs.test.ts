import { parseComments, pickDriftIssue, DRIFT_ISSUE_TITLE, driftMarker } from '../../src/gitops';

describe('parseComments', () => {
  const a = { id: 1, body: 'has ][ and }\n{ and "quotes" inside', user: { login: 'x' } };
  const b = { id: 2, body: '<!-- okta-ou:plan -->\n…' };
  test.each([
    ['one array', JSON.stringify([a, b])],
    ['pages back to back', `${JSON.stringify([a])}${JSON.stringify([b])}`],
    ['pages on lines', `${JSON.stringify([a], null, 2)}\n${JSON.stringify([b], null, 2)}\n`],
    ['slurped pages', JSON.stringify([[a], [b]])],
    ['JSON lines (--jq .[])', `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`],
  ])('%s', (_n, text) => {
    expect(parseComments(text)).toEqual([
      { id: 1, body: a.body, author: 'x' },
      { id: 2, body: b.body },
    ]);
  });

  test('empty input is no comments; garbage is an error', () => {
    expect(parseComments('  \n')).toEqual([]);
    expect(() => parseComments('[{"id": 1,')).toThrow(/the comments file is not JSON/);
  });
});

describe('pickDriftIssue', () => {
  const marker = driftMarker(`sha256:${'a'.repeat(64)}`);
  test('prefers the oldest open drift issue, by title or marker', () => {
    const issues = [
      { number: 9, title: DRIFT_ISSUE_TITLE, body: '', state: 'OPEN' },
      { number: 5, title: 'renamed by someone', body: marker, state: 'OPEN' },
      { number: 1, title: 'other', body: '', state: 'OPEN' },
    ];
    expect(pickDriftIssue(JSON.stringify(issues))).toEqual({ number: 5, body: marker, state: 'open' });
  });

  test('else the latest closed one; else none', () => {
    const closed = [
      { number: 2, title: DRIFT_ISSUE_TITLE, body: '', state: 'CLOSED' },
      { number: 6, title: DRIFT_ISSUE_TITLE, body: '', state: 'CLOSED' },
    ];
    expect(pickDriftIssue(JSON.stringify(closed))).toEqual({ number: 6, body: '', state: 'closed' });
    expect(pickDriftIssue('[]')).toBeUndefined();
    expect(pickDriftIssue(JSON.stringify([{ number: 1, title: 'other', body: '', state: 'OPEN' }]))).toBeUndefined();
    // No title field and no marker: not ours (before, any untitled issue was taken for the drift issue).
    expect(pickDriftIssue(JSON.stringify([{ number: 4, body: 'unrelated', state: 'OPEN' }]))).toBeUndefined();
    expect(pickDriftIssue(JSON.stringify([{ number: 4, body: 'unrelated', state: 'OPEN' }, { number: 8, body: marker, state: 'OPEN' }]))).toEqual({ number: 8, body: marker, state: 'open' });
  });

  test('a single issue object (gh issue view --json) is accepted', () => {
    expect(pickDriftIssue(JSON.stringify({ number: 3, title: DRIFT_ISSUE_TITLE, body: 'b', state: 'OPEN' }))).toEqual({ number: 3, body: 'b', state: 'open' });
  });
});
