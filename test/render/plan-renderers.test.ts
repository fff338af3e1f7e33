import { renderPlanText } from '../../src/render/text';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { renderPlanJson } from '../../src/render/json';
import type { Plan } from '../../src/model/types';
import { emptyPlan, fullPlan, unsafePlan } from '../support/plan-fixtures';
import { expectGolden } from './golden-file';

const cases: Array<[string, () => Plan]> = [
  ['full', fullPlan],
  ['unsafe', unsafePlan],
  ['empty', emptyPlan],
];

describe.each(cases)('the %s plan', (name, build) => {
  test('as text', () => expectGolden(`plan-${name}.txt`, renderPlanText(build(), { color: false })));
  test('as Markdown', () => expectGolden(`plan-${name}.md`, renderPlanMarkdown(build())));
  test('as JSON', () => expectGolden(`plan-${name}.json`, renderPlanJson(build())));
});

test('text in colour marks changes with ANSI colours', () => {
  expectGolden('plan-full.color.txt', renderPlanText(fullPlan(), { color: true }));
});
