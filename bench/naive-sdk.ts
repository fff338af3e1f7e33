/**
 * The two ways people script this today, written with Okta's official Node SDK as a user would:
 * - a reader that GETs each (app, group) pair, like Terraform's singular `okta_app_group_assignment`
 *   resource refreshing its state (Terraform walks the graph 10 resources at a time by default,
 *   `-parallelism=10`);
 * - a writer that PUTs every row of a spreadsheet, like a Postman collection runner or an SDK loop
 *   (one request after another; it cannot delete rows that are not in the sheet).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@okta/okta-sdk-nodejs';
import type { Row } from './bench-org';

/**
 * Okta's SDK client for `orgUrl` with `token` and nothing else: the SDK fills unset options from
 * OKTA_CLIENT_* variables, ./okta.yaml and ~/.okta/okta.yaml, so those are hidden while it is built
 * (from an empty working and home directory) and restored afterwards. Used by the bench and by
 * test/conformance/sdk.test.ts.
 */
export function isolatedClient(orgUrl: string, token: string): Client {
  const saved: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('OKTA_')) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
  }
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-bench-sdk-'));
  const cwd = process.cwd();
  const home = process.env.HOME;
  try {
    process.chdir(empty);
    process.env.HOME = empty;
    return new Client({ orgUrl, token, cacheMiddleware: null });
  } finally {
    process.chdir(cwd);
    if (home === undefined) delete process.env.HOME;
    else process.env.HOME = home;
    fs.rmSync(empty, { recursive: true, force: true });
    Object.assign(process.env, saved);
  }
}

/** The earlier name of isolatedClient. */
export const sdkClient = isolatedClient;

type PairRow = Row & { appId: string; groupId: string };

/** GET /api/v1/apps/{appId}/groups/{groupId} for every row, 10 in flight. Returns how many were assigned. */
export async function readPerPair(client: Client, rows: PairRow[], parallelism = 10): Promise<{ found: number; missing: number }> {
  let next = 0;
  let found = 0;
  let missing = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const r = rows[next++];
      try {
        await client.applicationApi.getApplicationGroupAssignment({ appId: r.appId, groupId: r.groupId });
        found++;
      } catch (e) {
        if ((e as { status?: number }).status === 404) missing++;
        else throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: parallelism }, worker));
  return { found, missing };
}

/** PUT every row, one after another, with its row number as priority and its OU. */
export async function writePerRow(client: Client, rows: PairRow[]): Promise<number> {
  let n = 0;
  for (const r of rows) {
    await client.applicationApi.assignGroupToApplication({
      appId: r.appId,
      groupId: r.groupId,
      applicationGroupAssignment: { priority: r.priority, profile: { organizationalUnit: r.ou } },
    });
    n++;
  }
  return n;
}

/**
 * Terraform's plural `okta_app_group_assignments` (one resource holding every group of an app): refresh
 * lists the app's assignments (`GET /api/v1/apps/{id}/groups`, 200 per page: the same reads okta-ou makes);
 * returns what it found, per app.
 */
export async function readPlural(client: Client, appIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const appId of appIds) {
    const groups = new Set<string>();
    for await (const a of await client.applicationApi.listApplicationGroupAssignments({ appId, limit: 200 })) if (a?.id) groups.add(a.id);
    out.set(appId, groups);
  }
  return out;
}

/**
 * The plural resource's apply: refresh (the list above), then PUT every group the configuration lists,
 * changed or not, and DELETE the listed groups no longer configured; one request after another per app.
 */
export async function writePlural(client: Client, rows: PairRow[]): Promise<number> {
  const appIds = [...new Set(rows.map((r) => r.appId))];
  const live = await readPlural(client, appIds);
  let n = await writePerRow(client, rows);
  for (const appId of appIds) {
    const wanted = new Set(rows.filter((r) => r.appId === appId).map((r) => r.groupId));
    for (const groupId of live.get(appId) ?? []) {
      if (wanted.has(groupId)) continue;
      await client.applicationApi.unassignApplicationFromGroup({ appId, groupId });
      n++;
    }
  }
  return n;
}
