/**
 * The scheduled drift workflow's decisions, end to end: `plan --detailed-exitcode --out plan.json` against
 * the local Okta, then `ci drift-issue` with the repository's issues as `gh issue list --json` gives them,
 * acted on by a stand-in for `gh`. No drift → drift (a click in the Admin Console) → the same drift on the
 * next run → drift fixed by `apply`: exactly one issue opened, not re-posted, then closed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OrgSeed } from '../../src/sandbox/types';
import { corpMappings } from '../support/corp-org';
import { runCli } from '../support/cli';
import { oktaRequest, project, useSandbox, type Sandbox } from '../e2e/helpers';
import { runAgainst } from '../support/sandbox';

interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'OPEN' | 'CLOSED';
  comments: string[];
}

const OU = 'ou=engineering,ou=employees,dc=corp,dc=example,dc=com';

const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
  groups: [{ name: 'Engineering', members: ['ada@example.com'] }],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'],
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: OU } }],
    },
  ],
};

const files = { 'corp.yaml': corpMappings([['Engineering', 'Engineering']]) };

/** One scheduled run: plan, then decide with the issues as the workflow lists them, then act like gh. */
async function driftRun(sb: Sandbox, cwd: string, issues: Issue[]): Promise<{ planExit: number; action: string }> {
  const planRes = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode', '--out', 'plan.json', '--format', 'markdown']);
  const listed = issues.map(({ number, title, body, state }) => ({ number, title, body, state }));
  fs.writeFileSync(path.join(cwd, 'issues.json'), JSON.stringify(listed));
  const decide = await runCli(
    ['ci', 'drift-issue', '--exit-code', String(planRes.code), '--plan', 'plan.json', '--existing-issue', 'issues.json'],
    { cwd },
  );
  expect(decide.code).toBe(0);
  const d = JSON.parse(decide.stdout) as { action: string; title: string; body: string; issueNumber?: number };
  if (d.action === 'open') issues.push({ number: issues.length + 1, title: d.title, body: d.body, state: 'OPEN', comments: [] });
  if (d.action === 'update') issues.find((i) => i.number === d.issueNumber)!.body = d.body;
  if (d.action === 'close') {
    const i = issues.find((x) => x.number === d.issueNumber)!;
    i.comments.push(d.body);
    i.state = 'CLOSED';
  }
  return { planExit: planRes.code, action: d.action };
}

describe('drift detection against the local Okta', () => {
  const sb = useSandbox(org);

  test('no drift → drift → same drift → fixed: one issue opened, not re-posted, then closed', async () => {
    const cwd = project(files);
    const issues: Issue[] = [];

    expect(await driftRun(sb, cwd, issues)).toEqual({ planExit: 0, action: 'none' });
    expect(issues).toEqual([]);

    // Someone edits the OU in the Admin Console.
    const app = sb.org.findApp('corp.example.com')!;
    const eng = sb.org.findGroup('Engineering')!;
    const res = await oktaRequest(sb, 'PUT', `/api/v1/apps/${app.id}/groups/${eng.id}`, { priority: 0, profile: { organizationalUnit: 'ou=contractors,dc=corp,dc=example,dc=com' } });
    expect(res.status).toBe(200);

    expect(await driftRun(sb, cwd, issues)).toEqual({ planExit: 2, action: 'open' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain('Engineering');
    const body = issues[0]!.body;

    // The next scheduled run sees the same drift (new createdAt, same everything else): nothing posted.
    expect(await driftRun(sb, cwd, issues)).toEqual({ planExit: 2, action: 'none' });
    expect(issues[0]!.body).toBe(body);

    // The drift is fixed by applying the files.
    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.code).toBe(0);
    expect(sb.org.assignmentsOf(app.id).map((a) => a.profile.organizationalUnit)).toEqual([OU]);

    expect(await driftRun(sb, cwd, issues)).toEqual({ planExit: 0, action: 'close' });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.state).toBe('CLOSED');
    expect(issues[0]!.comments).toHaveLength(1);

    expect(await driftRun(sb, cwd, issues)).toEqual({ planExit: 0, action: 'none' });
    expect(issues).toHaveLength(1);
  });

  test('an auth failure fails the run loudly and is never reported as drift', async () => {
    const cwd = project(files);
    const issues: Issue[] = [];
    const planRes = await runCli(['plan', '--detailed-exitcode', '--out', 'plan.json'], {
      env: { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: 'wrong-token' },
      cwd,
    });
    expect(planRes.code).toBe(4);
    expect(planRes.stderr).not.toContain('wrong-token');
    fs.writeFileSync(path.join(cwd, 'issues.json'), JSON.stringify(issues));
    const decide = await runCli(['ci', 'drift-issue', '--exit-code', '4', '--existing-issue', 'issues.json'], { cwd });
    expect(decide.code).toBe(1);
    expect(JSON.parse(decide.stdout).action).toBe('fail');
  });
});
