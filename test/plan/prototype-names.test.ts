/**
 * Names that are also Object.prototype members ("constructor", "toString", "__proto__") are ordinary
 * group and mapping property names: every lookup by a name from the files or from Okta is own-key only.
 */
import { buildPlan } from '../../src/plan/build-plan';
import { diffMappings } from '../../src/plan/diff-mappings';
import { fingerprintLive } from '../../src/plan/fingerprint';
import { aDesiredDirectory, aDesiredState, aLiveDirectory, aLiveState } from '../support/builders';

const OU = 'OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com';
const NOW = new Date('2026-02-03T04:05:06.000Z');

describe('a group named like an Object.prototype member', () => {
  test.each(['constructor', 'toString', '__proto__'])('"%s" that Okta does not have is GROUP_NOT_FOUND', (name) => {
    const desired = aDesiredState(aDesiredDirectory().authoritative().withGroup(name, OU));
    const live = aLiveState(aLiveDirectory().withAssignment('Sales', OU, 0));
    const plan = buildPlan({ desired, live, now: NOW, tool: 't', reads: {} });
    expect(plan.findings.map((f) => [f.code, f.message])).toEqual([['GROUP_NOT_FOUND', `group "${name}" matches no Okta group`]]);
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([['corp/assign/00gSales', 'delete']]);
  });

  test('"constructor" that Okta has is created like any group', () => {
    const desired = aDesiredState(aDesiredDirectory().withGroup('constructor', OU));
    const live = aLiveState(aLiveDirectory().withGroup('constructor'));
    const plan = buildPlan({ desired, live, now: NOW, tool: 't', reads: {} });
    expect(plan.findings).toEqual([]);
    expect(plan.changes.map((c) => [c.id, c.action, c.kind === 'assignment' ? c.after?.priority : null])).toEqual([['corp/assign/00gconstructor', 'create', 1]]);
  });

  test('the fingerprint records a "__proto__" reference as data (it changes with what the reference resolved to)', () => {
    const desired = aDesiredState(aDesiredDirectory().withGroup('__proto__', OU));
    const unresolved = fingerprintLive(aLiveState(aLiveDirectory()), desired);
    const resolved = fingerprintLive(aLiveState(aLiveDirectory().withGroup('__proto__', { id: '00gPROTO' })), desired);
    expect(resolved).not.toBe(unresolved);
  });
});

describe('a mapping property named like an Object.prototype member', () => {
  test('"toString" declared but not mapped in Okta is a create', () => {
    const changes = diffMappings(aDesiredDirectory().withMappings({ toString: 'user.title' }).build(), aLiveDirectory().withMapping({ firstName: 'user.firstName' }).build());
    expect(changes.map((c) => [c.action, c.property, c.before, c.after])).toEqual([['create', 'toString', null, { expression: 'user.title', pushStatus: 'PUSH' }]]);
  });

  test('"constructor" mapped in Okta, not declared, is deleted with prune: true', () => {
    const changes = diffMappings(aDesiredDirectory().withMappings({ firstName: 'user.firstName' }, true).build(), aLiveDirectory().withMapping({ firstName: 'user.firstName', constructor: 'user.title' }).build());
    expect(changes.map((c) => [c.action, c.property, c.before, c.after])).toEqual([['delete', 'constructor', { expression: 'user.title', pushStatus: 'PUSH' }, null]]);
  });
});
