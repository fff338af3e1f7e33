/**
 * The people figures of `npm run bench`: what the plan's impact (who gets, loses or moves in AD) costs in
 * calls and memory on an AD app with 50,000 users (BENCH_PEOPLE_USERS=N to change), for
 * - a plan with no assignment change (no membership read at all),
 * - a plan that swaps two groups of 10,000 members that share 5,000 (the users of both move), with an
 *   "everyone" group of all users at the lowest priority (their fallback),
 * - the same with `--check-placement` (every assigned group's members: the drift job's USER_OU_MISMATCH),
 * - deleting one of the two (its members fall back to the "everyone" group, which is read too).
 * Members are read 200 per page and only ids are kept. Peak heap is sampled every 5 ms above the start
 * of the run; the local Okta serves from the same process. Prints figures; asserts nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../src/cli/main';
import { startSandbox, type OrgSeed } from '../src/sandbox';
import type { Plan } from '../src/model/types';
import { mdTable } from './md-table';

const USERS = Number(process.env.BENCH_PEOPLE_USERS ?? 50_000);
const BIG = Math.min(10_000, Math.floor(USERS / 5));
const EMP = 'OU=Staff,DC=corp,DC=example,DC=com';
const login = (i: number): string => `person${i}@example.com`;
const range = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => login(from + i));

function org(): OrgSeed {
  const groups: Array<[string, string[]]> = [
    ['Big A', range(0, BIG)],
    ['Big B', range(BIG / 2, BIG)],
    ['Everyone Staff', range(0, USERS)],
  ];
  return {
    users: range(0, USERS).map((l, i) => ({ login: l, firstName: 'Person', lastName: String(i) })),
    groups: groups.map(([name, members]) => ({ name, members })),
    apps: [
      {
        label: 'corp.example.com', name: 'active_directory', namingContext: 'corp.example.com', importOUs: [EMP], updateOUOnGroupChange: true,
        assignments: groups.map(([name], priority) => ({ group: name, priority, profile: { organizationalUnit: `ou=${name.split(' ').pop()!.toLowerCase()},${EMP.toLowerCase()}` } })),
      },
    ],
  };
}

function files(order: string[]): string {
  const ou = (name: string): string => `OU=${name.split(' ').pop()},${EMP}`;
  return `version: 1
directories:
  corp:
    app: corp.example.com
    importOUs: ["${EMP}"]
    updateOUOnGroupChange: true
    assignments: { mode: authoritative }
    groups:
${order.map((g) => `      - group: ${g}\n        ou: ${ou(g)}\n`).join('')}`;
}

async function plan(url: string, token: string, cwd: string, extra: string[]): Promise<{ plan: Plan; ms: number; heapMb: number }> {
  let stdout = '';
  // With --expose-gc (as `npm run bench` runs this file) each case starts from a collected heap.
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = process.hrtime.bigint();
  const code = await run(['plan', '--format', 'json', ...extra], {
    cwd, env: { OKTA_CLIENT_ORGURL: url, OKTA_CLIENT_TOKEN: token }, stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => true }, now: () => new Date(), interactive: false, color: false,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(sampler);
  if (code > 3) throw new Error(`plan exited ${code}`);
  return { plan: JSON.parse(stdout) as Plan, ms, heapMb: (Math.max(peak, process.memoryUsage().heapUsed) - base) / 2 ** 20 };
}

async function main(): Promise<void> {
  process.stderr.write(`okta-ou people bench: an AD app with ${USERS.toLocaleString('en-US')} users, groups of ${BIG.toLocaleString('en-US')}\n`);
  const sb = await startSandbox({ org: org(), rateLimits: { '/api/v1/apps': 1e9, '/api/v1/groups': 1e9, '/api/v1': 1e9 } });
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-people-bench-'));
  fs.mkdirSync(path.join(cwd, 'mappings'));
  const write = (order: string[]): void => fs.writeFileSync(path.join(cwd, 'mappings', 'corp.yaml'), files(order));
  const rows: string[][] = [];
  try {
    const cases: Array<[string, string[], string[]]> = [
      ['no assignment change', ['Big A', 'Big B', 'Everyone Staff'], []],
      [`swap two groups of ${BIG.toLocaleString('en-US')}`, ['Big B', 'Big A', 'Everyone Staff'], []],
      ['the same, --check-placement', ['Big B', 'Big A', 'Everyone Staff'], ['--check-placement']],
      // A delete can hand its users to any lower group: the fallback group (every user) is read too.
      [`delete a group of ${BIG.toLocaleString('en-US')}`, ['Big B', 'Everyone Staff'], []],
    ];
    for (const [what, order, extra] of cases) {
      write(order);
      const from = sb.audit.length;
      const r = await plan(sb.url, sb.token, cwd, extra);
      const calls = sb.audit.slice(from);
      const members = calls.filter((e) => /^\/api\/v1\/groups\/[^/]+\/users$/.test(e.path)).length;
      const d = r.plan.impact?.directories[0];
      rows.push([
        what,
        String(calls.length),
        String(members),
        d ? `${d.move.length} move, ${d.lose.length} lose, ${d.gain.length} get` : '(none read)',
        `${(r.ms / 1000).toFixed(1)} s`,
        `+${r.heapMb.toFixed(0)} MB`,
      ]);
    }
  } finally {
    await sb.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  const head = ['plan', 'calls', 'impact reads (members, 200/page)', 'impact', 'wall (local)', 'peak heap'];
  process.stdout.write(`\nPeople: an AD app with ${USERS.toLocaleString('en-US')} users (${USERS.toLocaleString('en-US')} app users, 500 per page)\n\n`);
  process.stdout.write(`${mdTable(head, rows, () => false)}\n`);
}

main().catch((e) => {
  process.stderr.write(`people bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
