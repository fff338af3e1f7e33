/**
 * The merged commit's plan exceeds a safety threshold, end to end against the local Okta over HTTP, as
 * reusable-apply.yml runs it: the plan exits 3, the gate is skipped, and `ci apply-report` tells the pull
 * request it was refused and how to apply it anyway (by hand, force ticked, the plan's digest); that run
 * by hand (`ci apply-check --approved-digest`, then `apply --force`) writes exactly the reviewed deletes.
 */
import { runCli } from '../support/cli';
import { runAgainst } from '../support/sandbox';
import { mappingFile, project, removeProjects, useSandbox } from '../e2e/helpers';
import { corpOrg, EMP } from '../support/corp-org';

const org = corpOrg({ Engineering: [], Sales: [], Support: [] }, [
  ['Engineering', 'Engineering'],
  ['Sales', 'Sales'],
  ['Support', 'Support'],
]);
// Authoritative and listing nothing: every live assignment would be deleted, which is always unsafe.
const files = { 'corp.yaml': mappingFile(`  corp:\n    app: corp.example.com\n    importOUs: ['${EMP}']\n    assignments: { mode: authoritative }\n`) };

describe('apply after a merge whose plan is unsafe', () => {
  const sb = useSandbox(org);
  afterAll(() => removeProjects());

  test('refused on the pull request with the digest to approve; the run by hand with force applies that plan', async () => {
    const cwd = project(files);
    expect((await runAgainst(sb, cwd, ['plan', '--detailed-exitcode', '--out', 'plan.json', '--format', 'markdown'])).code).toBe(3);

    const report = await runCli(['ci', 'apply-report', '--gate', 'gate.json', '--exit-code', '3', '--plan', 'plan.json', '--result', '', '--pr', '7'], { cwd });
    expect(report.code).toBe(0);
    const r = JSON.parse(report.stdout) as { status: string; comment: string; issue: { action: string; body: string } };
    expect(r.status).toBe('refused');
    expect(r.comment).toContain('## okta-ou apply: refused');
    expect(r.comment).toContain('exceeds a safety threshold');
    expect(r.comment).not.toContain('re-run the apply workflow');
    const digest = /approved-digest: (sha256:[0-9a-f]{64})/.exec(r.comment)?.[1];
    expect(digest).toBeDefined();
    expect(r.issue.action).toBe('open');
    expect(r.issue.body).toContain('was refused after pull request #7 was merged');

    // The run by hand: no pull request, the digest from the comment, --force.
    sb.audit.length = 0;
    expect((await runAgainst(sb, cwd, ['plan', '--detailed-exitcode', '--out', 'plan.json'])).code).toBe(3);
    const check = await runCli(['ci', 'apply-check', '--plan', 'plan.json', '--approved-digest', digest!], { cwd });
    expect([check.code, (JSON.parse(check.stdout) as { action: string }).action]).toEqual([0, 'apply']);
    expect((await runAgainst(sb, cwd, ['apply', 'plan.json', '--auto-approve', '--force'])).code).toBe(0);
    expect(sb.audit.filter((e) => e.method !== 'GET').map((e) => e.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
  });
});
