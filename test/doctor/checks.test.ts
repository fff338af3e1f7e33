/**
 * Doctor's pure checks on facts the local Okta cannot produce: a group search that ignores case, an
 * app with no agent pool, OU values that are not DNs, priorities past the documented range or missing.
 */
import { directoryLines } from '../../src/doctor/directory-checks';
import { groupSearchLines } from '../../src/doctor/access-checks';
import type { AssignmentFact, DoctorFacts } from '../../src/doctor/types';
import type { LiveApp } from '../../src/model/types';

const app: LiveApp = { id: '0oaAPP0001', label: 'corp.example.com', name: 'active_directory', status: 'ACTIVE', namingContext: 'corp.example.com' };

function assignment(groupName: string, priority: number, ou?: string): AssignmentFact {
  return { groupId: `00g${groupName}`, groupName, groupType: 'OKTA_GROUP', priority, profile: ou === undefined ? {} : { organizationalUnit: ou }, lastUpdated: '' };
}

function facts(over: Partial<DoctorFacts> = {}, assignments: AssignmentFact[] = []): DoctorFacts {
  return {
    access: { orgUrl: 'https://example.okta.com', mode: 'SSWS' },
    directories: [{ name: 'corp', app: 'corp.example.com', matches: [app], assignments }],
    pools: [{ id: app.id, agents: [{ name: 'DC1', operationalStatus: 'OPERATIONAL' }] }],
    rateLimits: {},
    maxCapacity: 0.5,
    ...over,
  };
}

const messages = (f: DoctorFacts): string[] => directoryLines(f, []).map((l) => `${l.status} ${l.message}`);

describe('doctor checks', () => {
  test('a group search that finds the name in other case says names resolve in any case', () => {
    const [l] = groupSearchLines(facts({ groupSearch: { name: 'Sales', searched: 'sALES', found: true } }));
    expect(l).toMatchObject({ status: 'ok', message: 'group search ignores case in this org: "sALES" finds "Sales"' });
  });

  test('a pool is matched by the app id, else by the label; none is a ✗', () => {
    expect(messages(facts({ pools: [{ id: 'other', name: 'CORP.example.com', agents: [{ name: 'DC9', operationalStatus: 'OPERATIONAL' }] }] }))[1]).toBe('ok corp: 1 AD agent connected (DC9)');
    expect(messages(facts({ pools: [] }))[1]).toBe('fail corp: Okta lists no AD agent pool for "corp.example.com" (0oaAPP0001)');
  });

  test('several apps with the label, a non-AD app and an inactive one', () => {
    const two = facts();
    two.directories[0].matches = [app, { ...app, id: '0oaAPP0002' }];
    expect(messages(two)).toEqual(['fail corp: 2 apps are labelled "corp.example.com" (0oaAPP0001, 0oaAPP0002)']);
    const bookmark = facts();
    bookmark.directories[0].matches = [{ ...app, name: 'bookmark' }];
    expect(messages(bookmark)).toEqual(['fail corp: "corp.example.com" is a bookmark app (0oaAPP0001), not an Active Directory one']);
    const inactive = facts();
    inactive.directories[0].matches = [{ ...app, status: 'INACTIVE' }];
    expect(messages(inactive)[0]).toBe('warn corp: app "corp.example.com" (0oaAPP0001) is INACTIVE');
  });

  test('OU values that are not DNs, priorities at the documented maximum or without a number', () => {
    const lines = messages(facts({}, [assignment('Sales', 100, 'Sales OU'), assignment('Ops', Number.NaN, 'ou=ops,dc=corp')]));
    expect(lines[2]).toBe('warn corp: 1 of 2 organizationalUnit values Okta stores are not DNs: "Sales OU"');
    expect(lines[4]).toBe(
      'warn corp: 1 assignment on priority 100 (100 first; new groups go after the last); 1 without a numeric priority; ' +
        'the highest, 100, is at or past the 0–100 range Okta\'s older reference gives',
    );
  });
});
