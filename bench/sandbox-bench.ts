/**
 * Sandbox speed figures : seeding 20,000 groups and 10,000 assignments, and
 * serving a page of 200 assignments / groups. Prints figures; asserts nothing (no timed tests).
 * Run: npx tsc -p tsconfig.json --outDir /tmp/okta-ou-bench && NODE_PATH=$PWD/node_modules node /tmp/okta-ou-bench/bench/sandbox-bench.js
 * (or `npm run build:bench` and `node dist-bench/bench/sandbox-bench.js`).
 */
import { request } from 'undici';
import { buildOrg, startSandbox, type OrgSeed } from '../src/sandbox';

function bigOrg(groups: number, assignments: number): OrgSeed {
  const users = Array.from({ length: 2000 }, (_, i) => ({ login: `user${i}@example.com`, firstName: `User${i}`, lastName: 'Bench' }));
  return {
    users,
    groups: Array.from({ length: groups }, (_, i) => ({ name: `group-${i}`, members: [users[i % users.length].login] })),
    apps: [{
      label: 'corp.example.com', namingContext: 'corp.example.com', importOUs: ['OU=Employees,DC=corp,DC=example,DC=com'], updateOUOnGroupChange: true,
      assignments: Array.from({ length: assignments }, (_, i) => ({ group: `group-${i}`, priority: i, profile: { organizationalUnit: `ou=g${i % 50},ou=employees,dc=corp,dc=example,dc=com` } })),
    }],
  };
}

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms`);
  return out;
}

async function main(): Promise<void> {
  const seed = bigOrg(20_000, 10_000);
  await time('buildOrg: 20,000 groups, 10,000 assignments, 2,000 users', () => buildOrg(seed));
  const sb = await time('startSandbox with the same org', () => startSandbox({ org: seed, rateLimits: { '/api/v1/apps': 1e9, '/api/v1/groups': 1e9, '/api/v1': 1e9 } }));
  try {
    const app = sb.org.findApp('corp.example.com')!.id;
    const get = async (path: string) => {
      const res = await request(sb.url + path, { headers: { authorization: `SSWS ${sb.token}` } });
      const body = (await res.body.json()) as unknown[];
      return { body, link: res.headers.link };
    };
    await get(`/api/v1/apps/${app}/groups?limit=200`); // warm-up
    for (const [label, path] of [
      ['GET /apps/{id}/groups?limit=200 (first page)', `/api/v1/apps/${app}/groups?limit=200`],
      ['GET /groups?limit=200', '/api/v1/groups?limit=200'],
      ['GET /groups?search=profile.name eq "group-19999"', '/api/v1/groups?search=' + encodeURIComponent('profile.name eq "group-19999"')],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < 100; i++) {
        const t0 = process.hrtime.bigint();
        await get(path);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      samples.sort((a, b) => a - b);
      console.log(`${label.padEnd(58)} median ${samples[50].toFixed(2)} ms, p95 ${samples[95].toFixed(2)} ms`);
    }
    await time('walk all 10,000 assignments in pages of 200 (50 pages)', async () => {
      let url: string | undefined = `/api/v1/apps/${app}/groups?limit=200`;
      let n = 0;
      while (url) {
        const page = await get(url);
        n += page.body.length;
        const links = ([] as string[]).concat(page.link ?? []);
        const next = links.find((l) => l.endsWith('rel="next"'));
        url = next ? next.slice(1, next.indexOf('>')).slice(sb.url.length) : undefined;
      }
      if (n !== 10_000) throw new Error(`walked ${n} assignments`);
    });
    await time('PUT one assignment to priority 0 (reorders 10,000)', async () => {
      const g = sb.org.findGroup('group-9999')!.id;
      await request(`${sb.url}/api/v1/apps/${app}/groups/${g}`, { method: 'PUT', headers: { authorization: `SSWS ${sb.token}`, 'content-type': 'application/json' }, body: '{"priority":0}' }).then((r) => r.body.text());
    });
  } finally {
    await sb.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
