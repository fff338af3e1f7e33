/**
 * 200 writes (about 210 calls with the reads) against a 120/min `/api/v1/apps` bucket (lower than Okta's
 * published Workforce figures, docs/okta-api.md §8): the client's share (50 %) is 60 a minute, so it must
 * pace them — and does, so not a single call is answered 429 and none fails. Creates go one at a time,
 * deletes four at a time. The clock is fake: the waits cost no real time.
 */
import { cli, order, project, removeProjects, sandbox, type Sandbox } from './support/harness';
import { sandboxClock } from '../support/sandbox';
import { APP, team, teamsOrg, teamsYaml } from './support/orgs';

const CREATES = 120;
const DELETES = 80;
const KEPT = 70;

let sb: Sandbox;
afterAll(async () => {
  await sb?.close();
  removeProjects();
});

test('200 writes finish without a 429 or a failed call', async () => {
  const name = (i: number): string => team(i, 3);
  sb = await sandbox({ org: teamsOrg(CREATES + DELETES + KEPT, { assigned: DELETES + KEPT, width: 3 }), rateLimits: { '/api/v1/apps': 120 } });
  // Keep the first KEPT, drop the next DELETES, create the rest after them.
  const listed = [...Array.from({ length: KEPT }, (_, i) => i), ...Array.from({ length: CREATES }, (_, i) => DELETES + KEPT + i)];
  const cwd = project({ 'corp.yaml': teamsYaml(listed, 3) });

  const clock = sandboxClock(sb);
  const r = await cli(sb, cwd, ['apply', '--auto-approve', '--force', '--format', 'json'], { clock });
  expect(r.code).toBe(0);
  const result = JSON.parse(r.stdout) as { requests: { sent: number }; verified: boolean; failed: unknown };
  expect(result).toEqual(expect.objectContaining({ requests: { sent: 200, total: 200 }, verified: true, failed: null }));

  const writes = sb.audit.filter((e) => e.method !== 'GET');
  expect(writes).toHaveLength(200);
  expect(sb.audit.filter((e) => e.status === 429 || e.status >= 500 || e.status === 0)).toEqual([]);
  // About 210 calls on a bucket whose share is 60/min: the client waited for the window to reset.
  expect(clock.waits.length).toBeGreaterThan(0);
  expect(order(sb, APP)).toEqual(listed.map(name));
});
