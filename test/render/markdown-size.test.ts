import { PLAN_MARKER, renderPlanMarkdown } from '../../src/render/markdown';
import { hugePlan } from '../support/plan-fixtures';

/** GitHub rejects issue and PR comment bodies longer than this. */
const GITHUB_COMMENT_LIMIT = 65536;

function tablesAreWhole(md: string): void {
  // Every <details> is closed, and in order.
  let depth = 0;
  for (const m of md.matchAll(/<\/?details\b/g)) {
    depth += m[0] === '<details' ? 1 : -1;
    expect(depth === 0 || depth === 1).toBe(true);
  }
  expect(depth).toBe(0);
  // Every table row has as many cells as its header, and every table starts with a header + separator.
  const lines = md.split('\n');
  let cells = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('|')) {
      cells = -1;
      continue;
    }
    const n = line.split('|').length;
    if (cells === -1) {
      expect(lines[i + 1]).toMatch(/^\|(:?-+:?\|)+$/);
      cells = n;
    } else {
      expect(n).toBe(cells);
    }
  }
}

describe('a plan with 5,000 changes as Markdown', () => {
  const plan = hugePlan(5000);
  const md = renderPlanMarkdown(plan);

  test('stays under 60,000 characters, and under GitHub’s limit with the marker', () => {
    expect(md.length).toBeLessThan(60000);
    expect(md.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  test('says how many changes it left out, and where to find them', () => {
    const shownRows = md.split('\n').filter((l) => /^\| `[+~-]` \| group /.test(l)).length;
    const notShown = plan.changes.length - shownRows;
    expect(notShown).toBeGreaterThan(0);
    expect(md).toContain(`… ${notShown.toLocaleString('en-US')} changes not shown;** the full plan is in the job artifact/JSON`);
  });

  test('keeps the head and the tail of the changes', () => {
    expect(md).toContain('Department 0 ');
    expect(md).toContain(`Department ${plan.changes.length - 1} `);
    expect(md).toContain('### Findings');
    expect(md).toContain('**Plan: 1,667 to create, 1,667 to update, 1,666 to delete, 0 reorders. 0 errors, 1 warning.**');
  });

  test('never breaks a row, a table or a <details> pair', () => {
    tablesAreWhole(md);
  });

  test('honours a smaller maxChars, down to a few kilobytes', () => {
    for (const max of [4000, 12000, 30000]) {
      const small = renderPlanMarkdown(plan, { maxChars: max });
      expect(small.length).toBeLessThan(max);
      tablesAreWhole(small);
    }
  });

  test('is not truncated when it fits', () => {
    const small = hugePlan(20);
    const out = renderPlanMarkdown(small);
    expect(out).not.toContain('not shown');
    expect(out.split('\n').filter((l) => /^\| `[+~-]` \| group /.test(l))).toHaveLength(20);
  });
});

describe('a plan with thousands of findings as Markdown', () => {
  test('cuts the findings table too, and says how many findings it left out', () => {
    const plan = hugePlan(10);
    for (let i = 0; i < 3000; i++) {
      plan.findings.push({ code: 'OU_NOT_IMPORT_OU', severity: 'warning', message: `live assignment ${i} targets an OU that is not an import OU`, directory: 'corp', object: { type: 'assignment', id: `00g-${i}` } });
    }
    const md = renderPlanMarkdown(plan);
    expect(md.length).toBeLessThan(60000);
    const shown = md.split('\n').filter((l) => l.startsWith('| ⚠️ warning')).length;
    expect(md).toContain(`… ${(plan.findings.length - shown).toLocaleString('en-US')} findings not shown;**`);
    expect(md.split('\n').filter((l) => /^\| `[+~-]` \| group /.test(l))).toHaveLength(10);
    tablesAreWhole(md);
  });
});
