import { parsePlanJson, renderPlanJson } from '../../src/render/json';
import { emptyPlan, fullPlan, hugePlan, unsafePlan } from '../support/plan-fixtures';
import { isOktaOuError } from '../../src/errors';

function errorOf(f: () => unknown): { code: string; message: string; exitCode: number } {
  try {
    f();
  } catch (e) {
    if (isOktaOuError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('renderPlanJson / parsePlanJson', () => {
  test.each([['full', fullPlan()], ['unsafe', unsafePlan()], ['empty', emptyPlan()], ['huge', hugePlan(300)]])('%s plan round-trips', (_n, plan) => {
    const text = renderPlanJson(plan);
    expect(parsePlanJson(text)).toEqual(plan);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('keys are sorted at every level, independent of the input order', () => {
    const plan = fullPlan();
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const reordered = reverseKeys(plan) as typeof plan;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(plan));
    expect(renderPlanJson(reordered)).toBe(renderPlanJson(plan));
    const keys = Object.keys(JSON.parse(renderPlanJson(plan)));
    expect(keys).toEqual([...keys].sort());
  });

  test('a newer format is refused with an upgrade message', () => {
    const text = renderPlanJson({ ...emptyPlan(), formatVersion: 2 as 1 });
    const e = errorOf(() => parsePlanJson(text, 'plan.json'));
    expect(e.code).toBe('PLAN_FORMAT_NEWER');
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe('plan format 2 is newer than this okta-ou understands; upgrade okta-ou');
  });

  test('text that is not JSON is refused', () => {
    const e = errorOf(() => parsePlanJson('{"formatVersion": 1,', 'plan.json'));
    expect(e.code).toBe('PLAN_INVALID');
    expect(e.message).toMatch(/^plan\.json is not JSON: /);
  });

  test('a plan of the wrong shape is refused with the places that are wrong', () => {
    const bad = JSON.parse(renderPlanJson(fullPlan()));
    bad.changes[1].action = 'rename';
    delete bad.summary.errors;
    bad.fingerprint = 'md5:x';
    const e = errorOf(() => parsePlanJson(JSON.stringify(bad), 'plan.json'));
    expect(e.code).toBe('PLAN_INVALID');
    expect(e.message).toContain('/changes/1/action must be equal to one of the allowed values: "create", "update", "delete", "reorder"');
    expect(e.message).toContain("/summary must have required property 'errors'");
    expect(e.message).toContain('/fingerprint must match pattern "^sha256:"');
  });

  test('a format 0 or missing version is not a plan', () => {
    const bad = JSON.parse(renderPlanJson(emptyPlan()));
    delete bad.formatVersion;
    expect(errorOf(() => parsePlanJson(JSON.stringify(bad))).code).toBe('PLAN_INVALID');
    expect(errorOf(() => parsePlanJson('[]')).code).toBe('PLAN_INVALID');
  });
});
