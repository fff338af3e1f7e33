/**
 * The apply report tells what really happened: deletes that failed together are each "failed" with their
 * request id (not "not attempted"); re-applying a saved plan after a stopped run recognises the changes
 * that run made as the plan's own, not as changes "outside okta-ou".
 */
import { cli, project, removeProjects, sandbox, writes } from './support/harness';
import { APP, EMP, ou } from './support/orgs';

afterAll(() => removeProjects());

const GROUPS = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];
const org = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Test' }],
  groups: GROUPS.map((name) => ({ name, members: ['ada@example.com'] })),
  apps: [{
    label: APP, name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP],
    assignments: GROUPS.map((group, priority) => ({ group, priority, profile: { organizationalUnit: ou(group.toLowerCase()) } })),
  }],
};
const only = (groups: Array<[string, string]>): string => `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative }
    groups:
${groups.map(([g, o]) => `      - group: ${g}\n        ou: OU=${o},${EMP}\n`).join('')}`;

test('deletes that fail together are all reported failed, each with its X-Okta-Request-Id', async () => {
  const sb = await sandbox({ org });
  try {
    sb.faults.add({ kind: 'status', status: 500, method: 'DELETE', count: 1000 });
    const r = await cli(sb, project({ 'corp.yaml': only([['Alpha', 'Alpha']]) }), ['apply', '--auto-approve', '--force', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { failed: { changeIds: string[]; requestId?: string }; alsoFailed?: Array<{ changeIds: string[]; requestId?: string }>; notAttempted: string[] };
    const failures = [out.failed, ...(out.alsoFailed ?? [])];
    const deleted = new Set(writes(sb).filter((e) => e.method === 'DELETE').map((e) => e.path.split('/').pop()));
    // Every delete that was sent (and retried) is failed, with its request id; none is "not attempted".
    expect(new Set(failures.flatMap((f) => f.changeIds).map((id) => id.split('/').pop()))).toEqual(deleted);
    expect(deleted.size).toBe(4);
    expect(failures.every((f) => typeof f.requestId === 'string' && f.requestId.length > 0)).toBe(true);
    expect(out.notAttempted.filter((id) => deleted.has(id.split('/').pop()))).toEqual([]);
    const text = await cli(sb, project({ 'corp.yaml': only([['Alpha', 'Alpha']]) }), ['apply', '--auto-approve', '--force', '--no-color']);
    expect(text.stdout).toMatch(/Apply stopped: 0 of 4 change\(s\) done, 4 failed, 0 partly done, 0 not attempted/);
    expect(text.stdout.match(/X-Okta-Request-Id/g)).toHaveLength(4);
  } finally {
    await sb.close();
  }
});

test('re-applying a saved plan after a stopped run: the changes that run made are recognised as the plan\'s own', async () => {
  const sb = await sandbox({ org });
  try {
    // Every group moves to another OU: five updates; the third write is refused, so two are made.
    const cwd = project({ 'corp.yaml': only(GROUPS.map((g) => [g, `${g}2`])) });
    expect((await cli(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    sb.faults.add({ kind: 'status', status: 400, nth: 3, count: 1, errorCode: 'E0000001', errorSummary: 'Api validation failed' });
    const first = await cli(sb, cwd, ['apply', 'plan.json', '--force', '--format', 'json']);
    expect(first.code).toBe(1);
    expect((JSON.parse(first.stdout) as { applied: string[] }).applied).toHaveLength(2);
    const again = await cli(sb, cwd, ['apply', 'plan.json', '--force']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("2 of the plan's 5 changes are already in Okta exactly as planned: an earlier apply of this plan made them");
    expect(again.stderr).not.toContain('outside okta-ou');
    expect(again.stderr).not.toMatch(/priority \d+ → \d+|profile\.organizationalUnit/);
  } finally {
    await sb.close();
  }
});
