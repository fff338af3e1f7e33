/**
 * The priority engine's figures (pure, in-process; no HTTP): for a directory of N managed groups that
 * Okta holds at priorities 0..N-1 in file order (an org as `export` finds it), the writes `apply` would
 * send for one change, 20 inserts at random positions (the first, the most any later one cost, all
 * together) and the highest priority after them, and the CPU time of planning
 * (buildPlan + the write requests). Each scenario plans, then "applies" the requests to an in-memory
 * copy of the assignments, so the next scenario starts from what the previous one left.
 *
 * Run alone: `node dist/bench/priority-bench.js [N …]`; `npm run bench` runs it for 200, 5,000 and 50,000.
 */
import { buildPlan } from '../src/plan/build-plan';
import { buildWritePlan, allRequests } from '../src/apply/requests';
import type { DesiredDirectory, LiveAssignment, LiveDirectory, LiveGroup, Plan } from '../src/model/types';
import { createRng } from '../src/sandbox/rng';
import { mdTable } from './md-table';

const APP = { id: '0oaBench', label: 'corp.example.com', name: 'active_directory', status: 'ACTIVE', namingContext: 'corp.example.com' };
const at = { file: 'mappings/corp.yaml', line: 1, column: 1 };
const ouOf = (name: string): string => `ou=${name},ou=employees,dc=corp,dc=example,dc=com`;

export interface EngineFigures {
  n: number;
  insertTopFirst: number;
  insertTopAfter: number;
  moveOne: number;
  reverse: number;
  highestAfter20Inserts: number;
  writesFor20Inserts: number;
  /** The first of those inserts (the first apply on the dense org), then the most any later one cost. */
  insertRandomFirst?: number;
  insertRandomAfterMax?: number;
  planCpuMs: number;
}

interface State {
  groups: Map<string, LiveGroup>;
  assignments: Map<string, LiveAssignment>;
}

function desiredOf(order: string[]): DesiredDirectory {
  return {
    name: 'corp',
    app: APP.label,
    importOUs: [{ dn: 'OU=Employees,DC=corp,DC=example,DC=com', source: at }],
    ouCase: 'lower',
    assignments: { mode: 'additive', ignore: [] },
    groups: order.map((name, index) => ({ group: name, ou: ouOf(name), profile: {}, index, source: at, ouSource: at })),
    safety: { maxChangeShare: 1, minExisting: 10, maxUpdateShare: 1, maxDeleteShare: 1, maxUsersLosingAppShare: 1, maxUsersMovingShare: 1 },
    source: at,
    fieldSources: {},
  };
}

function liveOf(s: State, order: string[]): LiveDirectory {
  const groups: Record<string, LiveGroup> = {};
  const resolved: Record<string, LiveGroup[]> = {};
  for (const name of order) {
    const g = s.groups.get(name) ?? { id: `00g${name}`, name, type: 'OKTA_GROUP' };
    s.groups.set(name, g);
    groups[g.id] = g;
    resolved[name] = [g];
  }
  return {
    name: 'corp',
    app: APP,
    assignments: [...s.assignments.values()],
    groups,
    resolved,
    mapping: null,
    userScoped: { count: 0, sample: [] },
    observedDns: [],
  };
}

/** Plans `order` against the state, applies the requests to it, returns the writes and the CPU time. */
function step(s: State, order: string[]): { writes: number; cpuMs: number } {
  const live = { orgUrl: 'https://bench.okta.com', directories: [liveOf(s, order)] };
  const t0 = process.cpuUsage();
  const plan: Plan = buildPlan({ desired: { directories: [desiredOf(order)] }, live, now: new Date(0), tool: 'bench', reads: {} });
  if (plan.findings.some((f) => f.severity === 'error')) throw new Error(`plan has errors: ${plan.findings.map((f) => f.message).join('; ')}`);
  const requests = allRequests(buildWritePlan(plan, live));
  const t = process.cpuUsage(t0);
  for (const r of requests) {
    const groupId = decodeURIComponent(r.path.slice(r.path.lastIndexOf('/') + 1));
    if (r.method === 'DELETE') s.assignments.delete(groupId);
    else if (r.method === 'PUT') {
      const body = r.body as { priority: number; profile: Record<string, unknown> };
      s.assignments.set(groupId, { groupId, priority: body.priority, profile: body.profile, lastUpdated: 'x' });
    }
  }
  return { writes: requests.length, cpuMs: (t.user + t.system) / 1000 };
}

function denseOrg(n: number): { state: State; order: string[] } {
  const order = Array.from({ length: n }, (_, i) => `g${i}`);
  const state: State = { groups: new Map(), assignments: new Map() };
  order.forEach((name, i) => {
    const id = `00g${name}`;
    state.groups.set(name, { id, name, type: 'OKTA_GROUP' });
    state.assignments.set(id, { groupId: id, priority: i, profile: { organizationalUnit: ouOf(name) }, lastUpdated: 'x' });
  });
  return { state, order };
}

export function engineFigures(n: number, opts: { only?: 'insertTop' } = {}): EngineFigures {
  const { state, order } = denseOrg(n);
  const first = step(state, (order.unshift('new0'), order));
  const out: EngineFigures = { n, insertTopFirst: first.writes, planCpuMs: first.cpuMs, insertTopAfter: NaN, moveOne: NaN, reverse: NaN, highestAfter20Inserts: NaN, writesFor20Inserts: NaN };
  if (opts.only === 'insertTop') return out;
  out.insertTopAfter = step(state, (order.unshift('new1'), order)).writes;
  const last = order.pop() as string;
  out.moveOne = step(state, (order.splice(1, 0, last), order)).writes;
  out.reverse = step(state, order.reverse()).writes;

  const fresh = denseOrg(n);
  const rng = createRng(n);
  const each: number[] = [];
  for (let i = 0; i < 20; i++) {
    fresh.order.splice(Math.floor(rng() * (fresh.order.length + 1)), 0, `ins${i}`);
    each.push(step(fresh.state, fresh.order).writes);
  }
  out.writesFor20Inserts = each.reduce((a, b) => a + b, 0);
  out.insertRandomFirst = each[0];
  out.insertRandomAfterMax = Math.max(...each.slice(1));

  out.highestAfter20Inserts = [...fresh.state.assignments.values()].reduce((m, a) => Math.max(m, a.priority), -1);
  return out;
}

const ROWS: Array<[string, keyof EngineFigures]> = [
  ['writes: insert one group at the top (first apply on a dense org)', 'insertTopFirst'],
  ['writes: insert another group at the top (after that apply)', 'insertTopAfter'],
  ['writes: move one group (the last one to second place)', 'moveOne'],
  ['writes: reverse the list', 'reverse'],
  ['writes: 20 random inserts, one plan + apply each', 'writesFor20Inserts'],
  ['writes: the first of them (first apply on a dense org)', 'insertRandomFirst'],
  ['writes: the most any later one of them cost', 'insertRandomAfterMax'],
  ['highest priority after those 20 inserts', 'highestAfter20Inserts'],
  ['plan CPU time, ms (first insert: buildPlan + requests)', 'planCpuMs'],
];

/** The figures side by side: before v2 (measured on main) and now, per size. */
export function engineTable(now: EngineFigures[], before: EngineFigures[]): string {
  const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '—' : String(Math.round(v)));
  const head = ['', ...now.flatMap((f) => [`${f.n} before`, `${f.n} now`])];
  const rows = ROWS.map(([label, key]) => [label, ...now.flatMap((f) => [fmt(before.find((b) => b.n === f.n)?.[key]), fmt(f[key])])]);
  return mdTable(head, rows);
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length > 0 ? sizes : [200, 5000]) {
    const only = process.env.BENCH_ONLY === 'insertTop' ? ('insertTop' as const) : undefined;
    process.stdout.write(`${JSON.stringify(engineFigures(n, { only }))}\n`);
  }
}
