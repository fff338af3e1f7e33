import { findingLocation, sortFindings } from '../../src/render/findings';
import { PLAN_MARKER, renderPlanMarkdown } from '../../src/render/markdown';
import { hugePlan } from '../support/plan-fixtures';

/** GitHub rejects issue and PR comment bodies longer than this. */
const GITHUB_COMMENT_LIMIT = 65536;

/** Checks that `md` has at least one table and that every table and `<details>` is whole; returns the body rows. */
function tablesAreWhole(md: string): number {
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
  let rows = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('|')) {
      cells = -1;
      continue;
    }
    const n = line.split('|').length;
    if (cells === -1) {
      expect(lines[i + 1]).toMatch(/^\|(:?-+:?\|)+$/);
      expect(lines[i + 1]!.split('|').length).toBe(n);
      cells = n;
      i++; // the separator is not a row
    } else {
      expect(n).toBe(cells);
      rows++;
    }
  }
  expect(rows).toBeGreaterThan(0);
  return rows;
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
    // Each finding row by its "where" cell (unique here: file:line:col or the Okta object).
    const shownIds = md
      .split('\n')
      .filter((l) => l.startsWith('| ⚠️ warning'))
      .map((l) => /^\| [^|]+ \| [^|]+ \| <code>([^<]*)<\/code> \|/.exec(l)?.[1]);
    const shown = shownIds.length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(plan.findings.length);
    // The rows kept are exactly a head and a tail of the findings in their rendered (sorted) order.
    const order = sortFindings(plan.findings).map(findingLocation);
    const head = shownIds.findIndex((id, i) => id !== order[i]);
    expect(head).toBeGreaterThan(0);
    expect(shownIds).toEqual([...order.slice(0, head), ...order.slice(order.length - (shown - head))]);
    expect(md).toContain(`… ${(plan.findings.length - shown).toLocaleString('en-US')} findings not shown;**`);
    expect(md.split('\n').filter((l) => /^\| `[+~-]` \| group /.test(l))).toHaveLength(10);
    // The summary table (a row per directory), the 10 change rows and the findings kept: nothing else.
    expect(tablesAreWhole(md)).toBe(plan.directories.length + 10 + shown);
  });
});
