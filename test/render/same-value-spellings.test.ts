import { buildPlan } from '../../src/plan/build-plan';
import { renderPlanMarkdown } from '../../src/render/markdown';
import { renderPlanText } from '../../src/render/text';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState } from '../support/builders';

const OU = 'OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com';
const ou = OU.toLowerCase();

/**
 * An update of another profile key, where the live OU differs from the written one only in case and an
 * object value only in key order: neither is a change, and the renderers must not show one.
 */
function plan() {
  const desired = aDesiredState(aDesiredDirectory().withGroup('Engineering', OU, { extensionAttribute1: 'new', tags: { a: 1, b: 2 } }));
  const live = aLiveState(aLiveDirectory().withAssignment('Engineering', OU, 0, { profile: { extensionAttribute1: 'old', tags: { b: 2, a: 1 } } }));
  return buildPlan({ desired, live, now: new Date('2026-02-03T04:05:06.000Z'), tool: 't', reads: {} });
}

test('the plan updates extensionAttribute1 only', () => {
  const p = plan();
  expect(p.changes.map((c) => [c.id, c.action, c.reason])).toEqual([['corp/assign/00gEngineering', 'update', 'profile.extensionAttribute1 changes from old to new']]);
});

test('text shows the changed key, no OU line for a case-only difference, no line for key order', () => {
  const text = renderPlanText(plan(), { color: false });
  const lines = text.split('\n');
  const at = lines.indexOf('  ~ Engineering');
  expect(lines.slice(at, at + 3)).toEqual(['  ~ Engineering', '      extensionAttribute1: old → new', '      why: profile.extensionAttribute1 changes from old to new']);
});

test('Markdown shows the OU once (no arrow) and only the changed key', () => {
  const md = renderPlanMarkdown(plan());
  expect(md).toContain(`| \`~\` | group <code>Engineering</code> | <code>${ou}</code><br>extensionAttribute1: <code>old</code> → <code>new</code> | 0 |  | profile.extensionAttribute1 changes from old to new |`);
  expect(md).not.toContain('tags');
});
