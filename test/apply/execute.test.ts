/**
 * executeWritePlan against the local Okta, with the client wrapped to misbehave in ways the sandbox
 * cannot be asked to: a write Okta acknowledges but does not apply, and another admin moving an
 * assignment the plan does not touch while apply runs. Both must be errors, not successes.
 */
import * as path from 'node:path';
import { readDesired } from '../../src/config';
import { createOktaClient, resolveConnection } from '../../src/okta';
import type { OktaApi } from '../../src/okta/api';
import { readLive } from '../../src/live';
import { buildPlan } from '../../src/plan/build-plan';
import { buildWritePlan } from '../../src/apply/requests';
import { executeWritePlan } from '../../src/apply/execute';
import { oktaRequest, project, removeProjects, sandbox, type Sandbox } from './support/harness';
import { APP, cycleOrg, cycleYaml } from './support/orgs';

let sb: Sandbox;
let api: OktaApi;
afterEach(async () => {
  await api?.close();
  await sb?.close();
});
afterAll(() => removeProjects());

async function setUp(): Promise<{ wp: ReturnType<typeof buildWritePlan> }> {
  sb = await sandbox({ org: cycleOrg });
  const cwd = project({ 'corp.yaml': cycleYaml });
  api = createOktaClient(resolveConnection({ OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token }), { keepAliveTimeoutMs: 100 });
  const { desired } = await readDesired(path.join(cwd, 'mappings'), cwd);
  const live = await readLive(api, desired);
  const plan = buildPlan({ desired, live, now: new Date(0), tool: 'test', reads: {} });
  return { wp: buildWritePlan(plan, live) };
}

/** The client, with `request` replaced for writes matching `when`. */
function wrapped(when: (method: string, path: string) => boolean, instead: (method: string, path: string) => Promise<unknown>): OktaApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      if (prop !== 'request') return Reflect.get(target, prop, receiver);
      return async (method: Parameters<OktaApi['request']>[0], p: string, opts?: Parameters<OktaApi['request']>[2]) => {
        if (when(method, p)) {
          await instead(method, p);
          return { status: 200, headers: {}, body: {} };
        }
        return target.request(method, p, opts);
      };
    },
  });
}

test('a write Okta acknowledged but did not apply is reported as failed, not applied', async () => {
  const { wp } = await setUp();
  const marketing = sb.org.findGroup('Marketing')!.id;
  const result = await executeWritePlan(
    wrapped((m, p) => m === 'PUT' && p.endsWith(`/groups/${marketing}`), async () => undefined),
    wp,
  );
  expect(result.verified).toBe(false);
  expect(result.failed).toEqual(expect.objectContaining({ code: 'VERIFY_FAILED', changeIds: [`corp/assign/${marketing}`] }));
  expect(result.mismatches).toEqual([`corp: group ${marketing} is not assigned`]);
  expect(result.applied).not.toContain(`corp/assign/${marketing}`);
  expect(result.applied).toHaveLength(5);
});

test('an assignment outside the plan that moved during apply is put back where the plan saw it, by name', async () => {
  const { wp } = await setUp();
  const appId = sb.org.findApp(APP)!.id;
  const kiosk = sb.org.findGroup('legacy-kiosk')!.id;
  const finance = sb.org.findGroup('Finance')!.id;
  let moved = false;
  const result = await executeWritePlan(
    wrapped(
      (m, p) => m === 'DELETE' && p.endsWith(`/groups/${finance}`) && !moved,
      async (m, p) => {
        moved = true;
        await api.request(m as 'DELETE', p);
        await oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${kiosk}`, { priority: 42, profile: { organizationalUnit: 'ou=kiosk,ou=employees,dc=corp,dc=example,dc=com', note: 'ignored' } });
      },
    ),
    wp,
  );
  expect(result.failed).toBeNull();
  expect(result.verified).toBe(true);
  expect(result.restored).toEqual(['corp: "legacy-kiosk" moved from priority 2 to 42 during apply; put back to 2']);
  expect(sb.org.assignmentsOf(APP).find((a) => a.groupId === kiosk)).toEqual(expect.objectContaining({ priority: 2, profile: { organizationalUnit: 'ou=kiosk,ou=employees,dc=corp,dc=example,dc=com', note: 'ignored' } }));
});

test('one whose slot is taken meanwhile cannot be put back: reported, VERIFY_FAILED', async () => {
  const { wp } = await setUp();
  const appId = sb.org.findApp(APP)!.id;
  const kiosk = sb.org.findGroup('legacy-kiosk')!.id;
  const finance = sb.org.findGroup('Finance')!.id;
  let moved = false;
  const result = await executeWritePlan(
    wrapped(
      (m, p) => m === 'DELETE' && p.endsWith(`/groups/${finance}`) && !moved,
      async (m, p) => {
        moved = true;
        await api.request(m as 'DELETE', p);
        await oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${kiosk}`, { priority: 42, profile: { organizationalUnit: 'ou=kiosk,ou=employees,dc=corp,dc=example,dc=com', note: 'ignored' } });
        await oktaRequest(sb, 'PUT', `/api/v1/apps/${appId}/groups/${finance}`, { priority: 2, profile: { organizationalUnit: 'ou=finance,ou=employees,dc=corp,dc=example,dc=com' } });
      },
    ),
    wp,
  );
  expect(result.failed?.code).toBe('VERIFY_FAILED');
  expect(result.restored).toEqual([]);
  expect(result.mismatches).toContain(`corp: group ${kiosk} (not in the plan) moved from priority 2 to 42`);
});
