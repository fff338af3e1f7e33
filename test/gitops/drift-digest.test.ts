import { driftDigest } from '../../src/gitops';
import { aCreate, aPlan, anOuUpdate, fullPlan } from '../support/plan-fixtures';
import type { Plan } from '../../src/model/types';

const digestOf = (mutate: (p: Plan) => void): string => {
  const p = fullPlan();
  mutate(p);
  return driftDigest(p);
};

describe('driftDigest', () => {
  const base = driftDigest(fullPlan());

  test('is a sha256', () => {
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test.each<[string, (p: Plan) => void]>([
    ['another run time', (p) => (p.createdAt = '2031-05-06T07:08:09.000Z')],
    ['another tool version and org URL spelling', (p) => ((p.tool = 'okta-ou 9.9.9'), (p.orgUrl = 'https://EXAMPLE.okta.com/'))],
    ['another call budget', (p) => (p.budget = { reads: { '/api/v1/apps': 99 }, writes: {} })],
    ['another fingerprint (lastUpdated moved)', (p) => (p.fingerprint = 'sha256:other')],
    ['other member counts', (p) => p.changes.forEach((c) => c.kind === 'assignment' && (c.members = 1))],
    ['reworded reasons', (p) => p.changes.forEach((c) => (c.reason = 'x'))],
    ['a renamed group', (p) => p.changes.forEach((c) => c.kind === 'assignment' && (c.group = { ...c.group, name: 'renamed' }))],
    ['findings moved to other lines', (p) => p.findings.forEach((f) => f.line !== undefined && (f.line += 3))],
    ['an extra info finding', (p) => p.findings.push({ code: 'UNMANAGED_PROFILE_KEYS', severity: 'info', message: 'x' })],
    ['changes and findings in another order', (p) => (p.changes.reverse(), p.findings.reverse())],
    ['other counts inside finding messages', (p) => p.findings.forEach((f) => (f.message = f.message.replace(/\d+/g, '7')))],
    ['a safety verdict recomputed', (p) => (p.safety = { exceeded: false, reasons: [] })],
  ])('ignores %s', (_what, mutate) => {
    expect(digestOf(mutate)).toBe(base);
  });

  test.each<[string, (p: Plan) => void]>([
    ['another OU', (p) => (p.changes[1] = anOuUpdate('corp', '00g-SALES', 'Sales', 'ou=sales,dc=x', 'ou=elsewhere,dc=x', 2, 42))],
    ['one change fewer', (p) => p.changes.pop()],
    ['one more change', (p) => p.changes.push(aCreate('corp', '00g-NEW', 'New', 'ou=new,dc=x', 9))],
    ['another priority', (p) => p.changes[0]!.kind === 'assignment' && (p.changes[0]!.after!.priority = 7)],
    ['a new warning', (p) => p.findings.push({ code: 'PRIORITY_DUPLICATE', severity: 'warning', message: 'y' })],
    ['an error that went away', (p) => (p.findings = p.findings.filter((f) => f.severity !== 'error'))],
  ])('changes with %s', (_what, mutate) => {
    expect(digestOf(mutate)).not.toBe(base);
  });

  test('an empty plan has its own digest', () => {
    expect(driftDigest(aPlan())).not.toBe(base);
    expect(driftDigest(aPlan())).toBe(driftDigest(aPlan([], [], { createdAt: 'later' })));
  });
});
