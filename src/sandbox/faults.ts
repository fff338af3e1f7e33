import { createRng, type Rng } from './rng';
import { WRITE_METHODS } from './audit';

/**
 * Fault injection for tests and benchmarks (README.md "Faults"). A fault matches by method and path,
 * then fires on the nth matching request, with a probability (`rate`, seeded), or always; `count`
 * bounds how often it fires. A failing fault refuses the request before the handler runs, so org
 * state is untouched — unless `after: true`: the handler commits, then the response is lost.
 */
export interface FaultSpec {
  kind: 'status' | 'reset' | 'latency' | 'rateLimit';
  /** Exact HTTP method (GET, PUT, …). */
  method?: string;
  /** Path prefix (string) or pattern (RegExp) tested against the path without query. */
  path?: string | RegExp;
  /** kind 'status': the HTTP status to answer (500, 502, 503, 504, …). */
  status?: number;
  /** Overrides of the error body for kind 'status'. */
  errorCode?: string;
  errorSummary?: string;
  /** kind 'latency': delay in ms before handling; kind 'rateLimit': seconds until X-Rate-Limit-Reset (default 1). */
  ms?: number;
  resetSeconds?: number;
  /**
   * Fire on the nth matching request (1-based). Without `method`, only writes (PUT/POST/PATCH/DELETE)
   * are counted and hit — "fail the 3rd write".
   */
  nth?: number;
  /** Fire with this probability per matching request (seeded PRNG). */
  rate?: number;
  /** How many times the fault may fire; default 1 with `nth`, unlimited otherwise. */
  count?: number;
  /** status/reset only: let the handler commit first, then fail the response ("write happened, reply lost"). */
  after?: boolean;
  /** Label shown in audit entries. */
  name?: string;
}

export interface ActiveFault {
  readonly spec: FaultSpec;
  /** Matching requests seen so far. */
  seen: number;
  /** Times fired so far. */
  fired: number;
}

export class Faults {
  private readonly list: ActiveFault[] = [];
  private rng: Rng;

  constructor(private readonly seed = 1) {
    this.rng = createRng(seed ^ 0x9e3779b9);
  }

  add(spec: FaultSpec): ActiveFault {
    if (!['status', 'reset', 'latency', 'rateLimit'].includes(spec.kind)) throw new Error(`unknown fault kind ${spec.kind}`);
    if (spec.kind === 'status' && !spec.status) throw new Error('a status fault needs `status`');
    const f: ActiveFault = { spec, seen: 0, fired: 0 };
    this.list.push(f);
    return f;
  }

  clear(): void {
    this.list.length = 0;
    this.rng = createRng(this.seed ^ 0x9e3779b9);
  }

  get active(): readonly ActiveFault[] {
    return this.list;
  }

  /** Faults firing on this request, in the order added (latency first is natural: add it first). */
  select(method: string, path: string): ActiveFault[] {
    const hits: ActiveFault[] = [];
    for (const f of this.list) {
      const s = f.spec;
      if (s.method && s.method.toUpperCase() !== method) continue;
      if (!s.method && s.nth !== undefined && !WRITE_METHODS.has(method)) continue;
      if (s.path !== undefined && !(typeof s.path === 'string' ? path.startsWith(s.path) : s.path.test(path))) continue;
      const limit = s.count ?? (s.nth !== undefined ? 1 : Infinity);
      if (f.fired >= limit) continue;
      f.seen++;
      let fire: boolean;
      if (s.nth !== undefined) fire = f.seen >= s.nth;
      else if (s.rate !== undefined) fire = this.rng() < s.rate;
      else fire = true;
      if (fire) {
        f.fired++;
        hits.push(f);
      }
    }
    return hits;
  }
}
