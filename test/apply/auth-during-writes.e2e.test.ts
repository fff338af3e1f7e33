/**
 * A token revoked (401) or stripped of its rights (403) between the first read and a write: apply stops
 * at that write and exits 4 (authentication/authorisation), not 1, so CI can tell it from an Okta error.
 */
import { cli, project, removeProjects, sandbox, writes } from './support/harness';
import { cycleOrg, cycleYaml } from './support/orgs';

afterAll(() => removeProjects());

test.each([
  [401, 'E0000011', 'Invalid token provided'],
  [403, 'E0000006', 'You do not have permission to perform the requested action'],
])('a %i on the second write ends apply with exit 4 and reports that write failed', async (status, errorCode, errorSummary) => {
  const sb = await sandbox({ org: cycleOrg });
  try {
    sb.faults.add({ kind: 'status', status, errorCode, errorSummary, nth: 2, count: 1 });
    const r = await cli(sb, project({ 'corp.yaml': cycleYaml }), ['apply', '--auto-approve', '--format', 'json']);
    expect(r.code).toBe(4);
    const out = JSON.parse(r.stdout) as { failed: unknown; applied: unknown[] };
    expect(out.failed).toMatchObject({ status, errorCode, request: { method: 'PUT' } });
    expect(out.applied.length).toBeGreaterThanOrEqual(1);
    // Nothing is attempted after the refused write.
    const w = writes(sb);
    expect(w[w.length - 1].status).toBe(status);
  } finally {
    await sb.close();
  }
});
