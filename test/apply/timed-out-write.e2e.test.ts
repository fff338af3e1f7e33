/**
 * A write whose answer times out may still land later. Here the parking write (G0 to a temporary slot)
 * is held up by the local Okta past the client's timeout, and lands after apply has already written G0
 * to its own slot. Apply must not read back and call the run verified before such a write has had time
 * to land: it waits (interruptibly, said on stderr), then reads back and puts G0 where the plan says.
 * Against the local Okta over real HTTP. The client timeout is shortened for this file only; the
 * settle wait goes through the fake clock, which returns once the late write has landed.
 */
jest.mock('../../src/okta/client', () => {
  const actual = jest.requireActual<typeof import('../../src/okta/client')>('../../src/okta/client');
  return { ...actual, createOktaClient: (c: Parameters<typeof actual.createOktaClient>[0], o: Parameters<typeof actual.createOktaClient>[1]) => actual.createOktaClient(c, { ...o, timeoutMs: 300 }) };
});
import { SETTLE_MS } from '../../src/apply/settle';
import type { FakeClock } from '../support/cli';
import { assignments, cli, project, removeProjects, sandbox, writes, type Sandbox } from './support/harness';
import { APP } from './support/orgs';
import { parkingOrg, parkingYaml } from './support/parking-org';

afterAll(() => removeProjects());

/** Resolves once `check` holds (the local Okta commits the held-up write on its own timer). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('a priority write whose answer timed out', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox({ org: parkingOrg });
  });
  afterEach(async () => sb.close());

  test('is given time to land before the read-back; the late write is undone; exit 0', async () => {
    const cwd = project({ 'corp.yaml': parkingYaml });
    const plan = JSON.parse((await cli(sb, cwd, ['plan', '--format', 'json'])).stdout) as { schedule: Array<{ writes: Array<{ name: string; priority: number; parking: boolean }> }> };
    const planned = plan.schedule[0].writes;
    const park = planned.findIndex((w) => w.parking);
    expect(planned[park].name).toBe('G0');
    const parkSlot = planned[park].priority;
    const own = planned.filter((w) => w.name === 'G0' && !w.parking)[0].priority;
    // The parking PUT is held up well past the client's timeout, then committed.
    sb.faults.add({ kind: 'latency', method: 'PUT', nth: park + 1, ms: 3000 });
    const waits: number[] = [];
    let landedBeforeReadBack = false;
    const clock: FakeClock = {
      waits,
      now: () => Date.now(),
      sleep: async (ms) => {
        waits.push(ms);
        if (ms !== SETTLE_MS) return;
        await until(() => assignments(sb, APP).G0.priority === parkSlot);
        landedBeforeReadBack = true;
      },
    };
    const r = await cli(sb, cwd, ['apply', '--auto-approve'], { clock });
    expect(landedBeforeReadBack).toBe(true);
    expect(waits).toEqual([SETTLE_MS]);
    expect(r.stderr).toContain(`apply: a write was left without an answer; waiting ${SETTLE_MS / 1000} s for it to settle before reading back (Ctrl-C stops)`);
    expect(r.stdout).toContain(`"G0" moved from its planned priority ${own} to ${parkSlot} during apply; put back to ${own}`);
    expect(r.code).toBe(0);
    expect(assignments(sb, APP).G0.priority).toBe(own);
    // The parking PUT (held up), its resend after the read-back, the other writes, G0's own, and the put-back.
    expect(writes(sb).filter((e) => e.method === 'PUT')).toHaveLength(planned.length + 2);
    expect((await cli(sb, cwd, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
