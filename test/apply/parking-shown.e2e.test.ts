/**
 * Parking (a temporary write that frees a slot in a priority cycle) briefly reorders users, so every
 * rendering of the plan says when it is needed: the terminal text and the pull-request markdown alike.
 * Here a swap in a dense list (support/parking-org.ts). Against the local Okta over real HTTP; the
 * groups it names are the ones apply writes twice.
 */
import { cli, project, removeProjects, sandbox, writes, type Sandbox } from './support/harness';
import { parkingOrg as org, parkingYaml as yaml } from './support/parking-org';

afterAll(() => removeProjects());

describe('a plan that needs parking says so', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox({ org });
  });
  afterEach(async () => sb.close());

  test('in text and in markdown, naming the groups apply parks', async () => {
    const cwd = project({ 'corp.yaml': yaml });
    const json = await cli(sb, cwd, ['plan', '--format', 'json']);
    const plan = JSON.parse(json.stdout) as { schedule: Array<{ writes: Array<{ name: string; parking: boolean }>; settle: Array<{ name: string; parking: boolean }> }> };
    const parked = plan.schedule.flatMap((s) => [...s.writes, ...s.settle]).filter((w) => w.parking).map((w) => w.name);
    expect(parked.length).toBeGreaterThan(0);
    const what = (quoted: string[]): string => `${quoted.length === 1 ? '1 temporary write' : `${quoted.length} temporary writes`} (${quoted.join(', ')}) to break a priority cycle`;

    const text = await cli(sb, cwd, ['plan']);
    expect(text.stdout).toContain(`parking: ${what(parked.map((n) => `"${n}"`))}`);
    const md = await cli(sb, cwd, ['plan', '--format', 'markdown']);
    expect(md.stdout).toContain(`**Parking in corp:** ${what(parked.map((n) => `<code>${n}</code>`))}`);

    // The plan tells the truth: apply writes the parked groups twice, the others once.
    expect(writes(sb)).toEqual([]);
    expect((await cli(sb, cwd, ['apply', '--auto-approve'])).code).toBe(0);
    const puts = writes(sb).filter((e) => e.method === 'PUT');
    expect(puts.filter((e) => parked.some((n) => e.path.endsWith(sb.org.findGroup(n)!.id)))).toHaveLength(2 * parked.length);
  });
});
