/**
 * The plan's budget says how many writes apply will send, per rate-limit bucket, and apply then sends
 * exactly that many.
 */
import { parsePlanJson } from '../../src/render/json';
import { cli, project, sandbox, writes, type Sandbox } from './support/harness';
import { cycleOrg, cycleYaml } from './support/orgs';

describe('write budget', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sandbox({ org: cycleOrg });
  });
  afterAll(async () => {
    await sb.close();
  });

  test('plan --format json counts the writes apply sends, per bucket', async () => {
    const cwd = project({ 'corp.yaml': cycleYaml });
    const planned = await cli(sb, cwd, ['plan', '--format', 'json']);
    const budget = parsePlanJson(planned.stdout).budget.writes;
    // 6 writes (test/apply/faults.e2e.test.ts): the mapping POST, then four assignment writes (no
    // parking: the targets avoid the cycle) and the delete.
    expect(budget).toEqual({ '/api/v1': 1, '/api/v1/apps': 5 });

    sb.audit.length = 0;
    const applied = await cli(sb, cwd, ['apply', '--auto-approve']);
    expect(applied.code).toBe(0);
    const sent = writes(sb);
    expect(sent.filter((e) => e.path.startsWith('/api/v1/apps')).length).toBe(budget['/api/v1/apps']);
    expect(sent.filter((e) => e.path.startsWith('/api/v1/mappings')).length).toBe(budget['/api/v1']);
  });
});
