/**
 * The saved plan is the contract: `apply PLANFILE` plans again from the mappings folder the plan records
 * and live Okta, and runs only when the fresh changes equal the saved ones; `show PLANFILE` renders it.
 * End to end against the local Okta over real HTTP.
 */
import { besidesProgress } from '../support/cli';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plan } from '../../src/model/types';
import { assignments, cli, project, removeProjects, sandbox, writes, type Sandbox } from './support/harness';
import { APP, cycleOrg, cycleYaml } from './support/orgs';

afterAll(() => removeProjects());

describe('apply PLANFILE: the plan is the contract', () => {
  let sb: Sandbox;
  let cwd: string;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
    cwd = project({ 'corp.yaml': cycleYaml });
  });
  afterEach(async () => sb.close());

  const savePlan = async (): Promise<Plan> => {
    expect((await cli(sb, cwd, ['plan', '--out', 'plan.json'])).code).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8')) as Plan;
  };
  const tamper = (plan: Plan): void => fs.writeFileSync(path.join(cwd, 'plan.json'), JSON.stringify(plan));

  test('a plan file edited to delete an ignored group is refused, naming the change; zero writes', async () => {
    const plan = await savePlan();
    const kiosk = sb.org.findGroup('legacy-kiosk')!;
    const kioskBefore = assignments(sb, APP)['legacy-kiosk'];
    tamper({
      ...plan,
      changes: [
        ...plan.changes,
        {
          id: `corp/assign/${kiosk.id}`,
          directory: 'corp',
          kind: 'assignment',
          action: 'delete',
          group: { id: kiosk.id, name: 'legacy-kiosk' },
          before: { priority: 2, profile: { organizationalUnit: kioskBefore.ou } },
          after: null,
          reason: 'edited in',
        },
      ],
    });
    sb.audit.length = 0;
    const r = await cli(sb, cwd, ['apply', 'plan.json', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PLAN_MISMATCH');
    expect(r.stderr).toContain('the plan file has a change okta-ou would not make: corp: unassign "legacy-kiosk"');
    expect(writes(sb)).toEqual([]);
    expect(assignments(sb, APP)['legacy-kiosk']).toEqual(kioskBefore);
  });

  test('a plan file whose priorities were edited (or made by another version) is refused and says so; zero writes', async () => {
    const plan = await savePlan();
    const create = plan.changes.find((c) => c.kind === 'assignment' && c.action === 'create')!;
    if (create.kind !== 'assignment' || !create.after) throw new Error('the plan has a create');
    tamper({ ...plan, tool: 'okta-ou 0.0.1', changes: plan.changes.map((c) => (c === create ? { ...create, after: { ...create.after!, priority: 0 } } : c)) });
    sb.audit.length = 0;
    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the plan file's change differs from okta-ou's");
    expect(r.stderr).toMatch(/the plan file was made by okta-ou 0\.0\.1; this is okta-ou \d/);
    expect(writes(sb)).toEqual([]);
  });

  test('a plan file that hides its error findings or its safety verdict: the fresh plan decides', async () => {
    const plan = await savePlan();
    tamper({ ...plan, safety: { exceeded: false, reasons: [] }, findings: [] });
    // The real plan is safe and has no errors: apply proceeds on the fresh plan's verdict.
    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    expect(r.code).toBe(0);
    const again = await cli(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
  });

  test('the plan records its mappings folder: apply needs no repeated --mappings', async () => {
    const other = path.join(cwd, 'config', 'okta');
    fs.mkdirSync(other, { recursive: true });
    fs.renameSync(path.join(cwd, 'mappings', 'corp.yaml'), path.join(other, 'corp.yaml'));
    expect((await cli(sb, cwd, ['plan', '--mappings', 'config/okta', '--out', 'plan.json'])).code).toBe(0);
    const saved = JSON.parse(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8')) as Plan;
    expect(saved.mappings).toBe('config/okta');
    const r = await cli(sb, cwd, ['apply', 'plan.json']);
    // stderr holds only the per-write progress lines.
    expect(besidesProgress(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('applied and verified');
  });
});

describe('okta-ou show PLANFILE', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await sandbox({ org: cycleOrg });
  });
  afterAll(async () => sb.close());

  test('renders the saved plan as plan showed it, in each format, with no Okta call', async () => {
    const cwd = project({ 'corp.yaml': cycleYaml });
    const text = await cli(sb, cwd, ['plan', '--out', 'plan.json']);
    const md = await cli(sb, cwd, ['plan', '--format', 'markdown']);
    const calls = sb.audit.length;
    const shown = await cli(sb, cwd, ['show', 'plan.json']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(text.stdout);
    expect((await cli(sb, cwd, ['show', 'plan.json', '--format', 'markdown'])).stdout).toBe(md.stdout);
    const json = await cli(sb, cwd, ['show', 'plan.json', '--format', 'json']);
    expect(json.stdout).toBe(fs.readFileSync(path.join(cwd, 'plan.json'), 'utf8'));
    expect(sb.audit.length).toBe(calls);
  });

  test('a missing file or a wrong format is a clear error, exit 1', async () => {
    const cwd = project({ 'corp.yaml': cycleYaml });
    const missing = await cli(sb, cwd, ['show', 'nope.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read plan file nope.json');
    const none = await cli(sb, cwd, ['show']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('show takes one plan file');
  });
});
