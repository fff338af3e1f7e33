import { buildPlan } from '../../src/plan/build-plan';
import { parsePlanJson, renderPlanJson } from '../../src/render/json';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { renderPlanText } from '../../src/render/text';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState } from '../support/builders';

const C = 'DC=corp,DC=example,DC=com';
const c = 'dc=corp,dc=example,dc=com';

/** A managed group and an unlisted one (authoritative: deleted), both without a priority from Okta (NaN). */
function planWithUnknownPriorities() {
  const desired = aDesiredState(aDesiredDirectory().authoritative().withGroup('A', `OU=A,OU=Employees,${C}`).withGroup('N', `OU=N,OU=Employees,${C}`));
  const live = aLiveState(
    aLiveDirectory()
      .withAssignment('A', `ou=a,ou=employees,${c}`, 0)
      .withAssignment('N', `ou=n,ou=employees,${c}`, NaN)
      .withAssignment('U', `ou=u,ou=employees,${c}`, NaN),
  );
  return buildPlan({ desired, live, now: new Date('2026-02-03T04:05:06.000Z'), tool: 't', reads: {} });
}

describe('a plan with assignments Okta returned no priority for', () => {
  test('records the unknown priority as null in `before`', () => {
    const plan = planWithUnknownPriorities();
    expect(plan.changes.map((ch) => [ch.id, ch.action, ch.kind === 'assignment' ? ch.before?.priority : 'n/a', ch.kind === 'assignment' ? ch.after?.priority : 'n/a'])).toEqual([
      ['corp/assign/00gN', 'update', null, 2],
      ['corp/assign/00gU', 'delete', null, undefined],
    ]);
  });

  test('round-trips through renderPlanJson / parsePlanJson (a saved plan can be applied)', () => {
    const plan = planWithUnknownPriorities();
    expect(parsePlanJson(renderPlanJson(plan), 'plan.json')).toEqual(plan);
  });

  test('text shows the unknown priority as "(unknown)"', () => {
    const text = renderPlanText(planWithUnknownPriorities(), { color: false });
    expect(text).toContain('      priority (unknown) → 2\n');
    expect(text).toContain(`  - U  priority (unknown)  OU ou=u,ou=employees,${c}\n`);
    expect(text).not.toContain('null');
    expect(text).not.toContain('NaN');
  });

  test('Markdown shows the unknown priority as "(unknown)"', () => {
    const md = renderPlanMarkdown(planWithUnknownPriorities());
    expect(md).toContain('| (unknown) → 2 |');
    expect(md).toContain('| (unknown) |');
    expect(md).not.toContain('null');
    expect(md).not.toContain('NaN');
  });
});
