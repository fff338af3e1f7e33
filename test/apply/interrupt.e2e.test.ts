/**
 * Ctrl-C during a rate-limit wait: the wait ends at once, no further request is sent, and the report says
 * what was done. Against the local Okta over real HTTP; the wait is one that would never end by itself
 * (the client's sleep never resolves), so the test only finishes because the interruption ends it.
 */
import { cli, project, removeProjects, sandbox, writes, type Sandbox } from './support/harness';
import { cycleOrg, cycleYaml } from './support/orgs';
import { ctrlCDuringWait } from '../support/ctrl-c-clock';

afterAll(() => removeProjects());

describe('Ctrl-C during a rate-limit wait', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
  });
  afterEach(async () => sb.close());

  test('ends the wait at once, sends nothing more, prints the report; exit 1', async () => {
    const cwd = project({ 'corp.yaml': cycleYaml });
    const controller = new AbortController();
    let quitReport: (() => string) | undefined;
    let reportAtWait = '';
    // A wait that never ends by itself: Ctrl-C arrives while it runs; what a second Ctrl-C, now, would print.
    const clock = ctrlCDuringWait(controller, () => void (reportAtWait = quitReport?.() ?? ''));
    const waits = clock.waits;
    // The second write is answered 429 with a reset 30 s ahead: the client must wait before the retry.
    sb.faults.add({ kind: 'rateLimit', method: 'PUT', nth: 2, resetSeconds: 30 });
    const r = await cli(sb, cwd, ['apply', '--auto-approve', '--format', 'json'], { signal: controller.signal, clock, onQuit: (f) => void (quitReport = f) });
    expect(r.code).toBe(1);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(25_000);
    const result = JSON.parse(r.stdout) as { interrupted: boolean; failed: unknown; requests: { sent: number } };
    expect(result.interrupted).toBe(true);
    expect(result.failed).toBeNull();
    // The mapping POST and the first PUT went out; the 429'd PUT was not retried; nothing after it.
    const sent = writes(sb);
    expect(sent.map((e) => [e.method, e.status])).toEqual([
      ['POST', 200],
      ['PUT', 200],
      ['PUT', 429],
    ]);
    expect(result.requests.sent).toBe(2);
    // Each write is on stderr as it is answered (also without a terminal, as in CI).
    expect(r.stderr).toContain('apply: [1/6] POST corp mapping');
    expect(r.stderr).toContain('apply: [2/6] PUT corp');
    // A second Ctrl-C during the wait would have printed the account so far: two requests sent, nothing verified.
    expect(JSON.parse(reportAtWait)).toEqual(expect.objectContaining({ interrupted: true, verified: false, requests: { sent: 2, total: 6 } }));
    // The mapping POST (two changes) and Engineering's update (group id of the seeded org, seed 1).
    expect((JSON.parse(reportAtWait) as { applied: string[] }).applied).toEqual(['corp/mapping/dn', 'corp/mapping/department', 'corp/assign/00gX9k42Mof9OjTwq5b7']);
  });
});
