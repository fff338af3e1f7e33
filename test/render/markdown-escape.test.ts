import { renderPlanMarkdown, PLAN_MARKER } from '../../src/render/markdown';
import { escapeMarkdown } from '../../src/render/markdown-escape';
import { aCreate, aPlan } from '../support/plan-fixtures';

describe('Markdown escaping of names and DNs from Okta and the files', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a|b', 'a&#124;b'],
    ['*bold* _it_ [x](y) `c` ~s~', '\\*bold\\* \\_it\\_ \\[x\\](y) \\`c\\` \\~s\\~'],
    ['CN=a\\,b', 'CN=a\\\\,b'],
    ['@org/team', '@&#8203;org/team'],
    ['<!-- okta-ou:plan -->', '&lt;!-- okta-ou:plan --&gt;'],
    ['line\nbreak', 'line break'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  test('a hostile group name cannot add HTML, break the table, or fake the marker', () => {
    const name = '</details><!-- okta-ou:plan --> | <img src=x onerror=alert(1)>';
    const md = renderPlanMarkdown(aPlan([aCreate('corp', '00g-X', name, 'ou=a|b,dc=x', 0)]));
    expect(md.split(PLAN_MARKER)).toHaveLength(2);
    expect(md).not.toContain('<img');
    expect(md.match(/<\/details>/g)).toHaveLength(1);
    const row = md.split('\n').find((l) => l.includes('00g') || l.includes('img'))!;
    expect(row.split('|')).toHaveLength(8);
  });
});

test('invisible characters and lookalike letters show as escapes in Markdown too', () => {
  expect(escapeMarkdown('import\u200bOUs M\u0430rketing')).toBe('import\\\\u200bOUs M\\\\u0430rketing');
});
