/**
 * Sends a WritePlan (edge). Everything goes through the Okta client, whose governor keeps each
 * rate-limit bucket under its share and retries 429s always and 5xx / resets for idempotent methods
 * (PUT, DELETE). Concurrency only where order does not matter: the mapping POSTs (one per app, all
 * before any assignment write), the directories (different apps: their priorities are independent),
 * and the deletes of one directory. Priority-sensitive writes of one app go one at a time.
 *
 * No write but a DELETE is repeated blindly after a 5xx or a lost (or timed-out) reply: the executor
 * reads the object back first, before any other write touches it. When the write took, it counts as
 * done; when not, it is sent again (twice at most). What okta-ou sends sets values rather than adding
 * them, so this makes "connection reset after the write committed" harmless, and a priority PUT is
 * never repeated while its first attempt may still land.
 *
 * The first error that survives this stops the run: requests in flight finish, nothing new starts.
 * Ctrl-C (the signal) does the same between requests. The result says which changes were done, which
 * failed (with Okta's request id) and which were not attempted; a new plan shows exactly the rest.
 */
import type { OktaApi } from '../okta/api';
import { EXIT, isOktaOuError } from '../errors';
import { type RawAssignment, type RawMapping, samePriority, toAssignment } from '../live/okta-shapes';
import { allRequests } from './requests';
import type { ApplyRequest, DirectoryExpectation, MappingExpectation, WritePlan } from './types';
import { compareMapping, listAppAssignments, type MovedAssignment, movedSincePlan, profileMismatches, verifyWritePlan } from './verify';
import { isAdMembershipRequest, sendAdMembership, verifyAdGroups } from './ad-groups';
import { isScopeConversion, scopeTook, verifyScopes } from './user-scope';
import { setOwn } from '../model/data-record';
import { SETTLE_MS, interruptibleWait } from './settle';
import { recheckBeforeWriting } from './read-cost';

export interface FailureInfo {
  /** Error code (OKTA_SERVER_ERROR, OKTA_VALIDATION, VERIFY_FAILED, …). */
  code: string;
  /** The change(s) the failed request carried out. */
  changeIds: string[];
  request?: { method: string; path: string };
  status?: number;
  errorCode?: string;
  /** X-Okta-Request-Id of the failed answer, for Okta support. */
  requestId?: string;
  message: string;
  /** What to do, from the typed error (e.g. the OAuth scope that is missing). */
  hint?: string;
  /** The error's exit code: 4 for authentication/authorisation, else 1 (docs/design.md §2). */
  exitCode: number;
}

export interface ApplyResult {
  /** Changes whose every request succeeded and whose result was read back and matched. */
  applied: string[];
  failed: FailureInfo | null;
  /**
   * Requests in flight alongside the one that failed (the deletes of a directory go several at a time)
   * that failed too, each with its own request id. Absent when none did.
   */
  alsoFailed?: FailureInfo[];
  /**
   * Changes whose every request succeeded, but the read-back that verifies them failed (VERIFY_UNAVAILABLE):
   * sent, not known to have taken. A new plan shows whether they did.
   */
  unverified: string[];
  /** Changes with some requests done and some not (e.g. a reorder stopped half-way). */
  partial: string[];
  notAttempted: string[];
  /** True when every change was read back from Okta and matched. */
  verified: boolean;
  /** Stopped by Ctrl-C / SIGTERM. */
  interrupted: boolean;
  /** What did not take, one line each (verification). */
  mismatches: string[];
  /**
   * Assignments outside the plan that moved during the run (another apply, an admin, Okta shifting
   * them) and were put back where the plan saw them, one line each; and those that could not be (their
   * slot is taken now), which stay in `mismatches`.
   */
  restored: string[];
  requests: { sent: number; total: number };
}

export interface ProgressEvent {
  done: number;
  total: number;
  request: ApplyRequest;
  ok: boolean;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  /** Deletes in flight per directory (default 4). */
  deleteConcurrency?: number;
  /** Read-back-and-resend attempts for POST/PATCH after a 5xx or lost reply (default 2). */
  resendAttempts?: number;
  /** Given, at the start, a function that tells the result so far (for a report when the user quits at once). */
  onStart?: (soFar: () => ApplyResult) => void;
  /** Waits between AD agent attempts (ad-groups.ts) and the settle wait; default real timers. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a write left without an answer is given to land before the final read-back (default settle.ts SETTLE_MS). */
  settleMs?: number;
  /** Said before a wait the user would otherwise take for a hang. */
  log?: (line: string) => void;
}

/** VERIFY_FAILED when every planned change took and only an assignment outside the plan moved. */
const UNMANAGED_MOVED_HINT =
  'every planned change took, but an assignment outside the plan moved during apply (someone changed it meanwhile, or Okta shifted it); okta-ou plan will not show it: check its priority under the app\'s Assignments > Groups in the Admin Console and put it back, or list it in the mappings';

class Stop extends Error {}

/** Rounds of putting moved assignments back (each frees slots for the next); bounded so a fight with another writer ends. */
const MAX_RESTORE_PASSES = 5;

/**
 * Runs `fn` over `items` with at most `limit` in flight; stops starting new ones once `stopped()`, and
 * returns only when every started one has finished (so the result counts every request that went out).
 */
async function pool<T>(items: T[], limit: number, stopped: () => boolean, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let stop = false;
  const worker = async (): Promise<void> => {
    try {
      while (next < items.length && !stopped()) await fn(items[next++]);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (stop || stopped()) throw new Stop();
}

function failureOf(e: unknown, r: Pick<ApplyRequest, 'changeIds' | 'path'> & { method: string }): FailureInfo {
  const x = e as { code?: string; status?: number; errorCode?: string; requestId?: string; message?: string };
  return {
    code: isOktaOuError(e) ? e.code : 'UNEXPECTED',
    changeIds: r.changeIds,
    request: { method: r.method, path: r.path },
    ...(typeof x.status === 'number' ? { status: x.status } : {}),
    ...(x.errorCode ? { errorCode: x.errorCode } : {}),
    ...(x.requestId ? { requestId: x.requestId } : {}),
    message: x.message ?? String(e),
    ...(isOktaOuError(e) && e.hint ? { hint: e.hint } : {}),
    exitCode: isOktaOuError(e) ? e.exitCode : EXIT.ERROR,
  };
}

/** A failure after which Okta may or may not have applied the write: worth reading back. */
function outcomeUnknown(e: unknown): boolean {
  const x = e as { code?: string; status?: number };
  return x.code === 'OKTA_NETWORK' || (typeof x.status === 'number' && x.status >= 500);
}

/**
 * Did a write take? Reads the object back and compares the values it set, read and compared exactly
 * as the final verification does (verify.ts), so the two never disagree about the same object.
 */
async function tookEffect(api: OktaApi, r: ApplyRequest): Promise<boolean> {
  if (isScopeConversion(r)) return scopeTook(api, r);
  if (r.method === 'POST') {
    const res = await api.request<RawMapping>('GET', r.path);
    const sent = (r.body as { properties: Record<string, { expression: string | null; pushStatus: string | null }> }).properties;
    const properties: MappingExpectation['properties'] = {};
    for (const [p, v] of Object.entries(sent)) {
      setOwn(properties, p, v.expression === null || v.pushStatus === null ? null : { expression: v.expression, pushStatus: v.pushStatus });
    }
    return compareMapping({ directory: r.directory, mappingId: '', properties, changeIds: [] }, res.body?.properties).length === 0;
  }
  if (r.method === 'PUT') {
    const res = await api.request<RawAssignment>('GET', r.path, { okStatuses: [404] });
    if (res.status === 404) return false;
    const sent = r.body as { priority: number; profile: Record<string, unknown> };
    const have = toAssignment(res.body ?? {});
    return samePriority(have.priority, sent.priority) && profileMismatches(sent.profile, have.profile).length === 0;
  }
  if (r.method === 'PATCH') {
    const res = await api.request<RawAssignment>('GET', r.path, { okStatuses: [404] });
    if (res.status === 404) return false;
    const want: Record<string, unknown> = {};
    for (const o of r.body as Array<{ path: string; value: unknown }>) {
      setOwn(want, o.path.slice('/profile/'.length).replace(/~1/g, '/').replace(/~0/g, '~'), o.value);
    }
    return profileMismatches(want, toAssignment(res.body ?? {}).profile).length === 0;
  }
  return false;
}

export async function executeWritePlan(api: OktaApi, wp: WritePlan, opts: ExecuteOptions = {}): Promise<ApplyResult> {
  const all = allRequests(wp);
  const total = all.length;
  const requestsOf = new Map<string, number>();
  const doneOf = new Map<string, number>();
  for (const r of all) for (const id of r.changeIds) requestsOf.set(id, (requestsOf.get(id) ?? 0) + 1);
  let sent = 0;
  let failed = null as FailureInfo | null;
  const alsoFailed: FailureInfo[] = [];
  let interrupted = false as boolean;
  /** Writes sent whose answer never came: they may still land (settle.ts). */
  let unanswered = 0;
  const resends = opts.resendAttempts ?? 2;
  const stopped = (): boolean => {
    if (!failed && !interrupted && opts.signal?.aborted) interrupted = true;
    return failed !== null || interrupted;
  };
  const failedIdsNow = (): Set<string> => new Set([...(failed?.changeIds ?? []), ...alsoFailed.flatMap((f) => f.changeIds)]);
  /**
   * Each change not in `skip`: applied (every request done; when `interruptedRun`, only a change with
   * requests of its own), partial (some done) or not attempted.
   */
  const account = (skip: Set<string>, interruptedRun: boolean): Pick<ApplyResult, 'applied' | 'partial' | 'notAttempted'> => {
    const out = { applied: [] as string[], partial: [] as string[], notAttempted: [] as string[] };
    for (const id of wp.changeIds) {
      if (skip.has(id)) continue;
      const done = doneOf.get(id) ?? 0;
      if (done >= (requestsOf.get(id) ?? 0) && (requestsOf.has(id) || !interruptedRun)) out.applied.push(id);
      else if (done > 0) out.partial.push(id);
      else out.notAttempted.push(id);
    }
    return out;
  };
  /** The account as of now, as if the run stopped here (nothing verified yet). */
  const soFar = (): ApplyResult => ({ ...account(failedIdsNow(), true), failed, unverified: [], verified: false, interrupted: true, mismatches: [], restored: [], requests: { sent, total } });
  opts.onStart?.(soFar);

  const send = async (r: ApplyRequest): Promise<void> => {
    if (stopped()) throw new Stop();
    let ok = false;
    let sentOut = true;
    try {
      // AD memberships have their own resend rules (the agent's 502/504, ad-groups.ts).
      if (isAdMembershipRequest(r)) await sendAdMembership(api, r, (ms) => interruptibleWait(ms, opts.signal, opts.sleep).then(() => undefined), stopped);
      else for (let attempt = 0; ; attempt++) {
        try {
          await api.request(r.method, r.path, {
            ...(r.body === undefined ? {} : { body: r.body }),
            // A DELETE retried after a lost reply finds the assignment already gone; every other write is
            // read back after an unknown outcome, before anything else touches it.
            ...(r.method === 'DELETE' ? { okStatuses: [404] } : { noRetryOnUnknownOutcome: true }),
          });
          break;
        } catch (e) {
          if ((e as { code?: string }).code === 'OKTA_NETWORK') unanswered++;
          const recoverable = r.method !== 'DELETE' && outcomeUnknown(e);
          if (recoverable && (await tookEffect(api, r))) break;
          if (!recoverable || attempt >= resends || stopped()) throw e;
        }
      }
      ok = true;
      sent++;
      for (const id of r.changeIds) doneOf.set(id, (doneOf.get(id) ?? 0) + 1);
    } catch (e) {
      if (e instanceof Stop) throw e;
      // Ctrl-C while this request waited for its turn (rate limit, back-off): it was never sent.
      if (opts.signal?.aborted && isOktaOuError(e) && e.code === 'ABORTED') {
        sentOut = false;
        stopped();
        throw new Stop();
      }
      if (failed) alsoFailed.push(failureOf(e, r));
      else failed = failureOf(e, r);
      throw new Stop();
    } finally {
      if (sentOut) opts.onProgress?.({ done: sent, total, request: r, ok });
    }
  };
  /**
   * Right before an app's first write: its assignments must be where the plan saw them. If another apply
   * or an admin moved one meanwhile, writing the plan's slots now could shift theirs: stop instead.
   * Always when a write to the app carries a priority; when every write is a profile-only PATCH or a
   * DELETE (they shift nobody), only where the list costs no more calls than the writes (read-cost.ts).
   */
  const checkUnmoved = async (d: WritePlan['directories'][number]): Promise<void> => {
    const directory = d.directory;
    const exp = wp.expect.assignments.find((e) => e.directory === directory) as DirectoryExpectation;
    if (!recheckBeforeWriting(exp, d)) return;
    let moved: string[];
    try {
      moved = movedSincePlan(exp, await listAppAssignments(api, exp.appId));
    } catch (e) {
      failed ??= failureOf(e, { method: 'GET', path: `/api/v1/apps/${exp.appId}/groups`, changeIds: [] });
      throw new Stop();
    }
    if (moved.length === 0) return;
    failed ??= {
      code: 'CHANGED_DURING_APPLY',
      exitCode: EXIT.ERROR,
      changeIds: [],
      message: `${directory}: assignments moved since the plan was made, so nothing was written to this app: ${moved.join('; ')}`,
      hint: 'another apply or an admin is changing this app: let it finish, then plan and apply again (in CI, one apply at a time: the workflow\'s `concurrency` group)',
    };
    throw new Stop();
  };
  const sequence = async (rs: ApplyRequest[]): Promise<void> => {
    for (const r of rs) await send(r);
  };
  const guard = async (p: Promise<void>): Promise<void> => {
    try {
      await p;
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
  };

  // 1. Mapping fixes, before any assignment write (the dn removal must be in place before provisioning runs).
  await guard(pool(wp.mappings, 4, stopped, send));
  // 2. Directories side by side; inside one: writes one at a time, deletes concurrently, then the settle moves.
  if (!stopped()) {
    await Promise.all(
      wp.directories.map((d) =>
        guard(
          (async () => {
            await checkUnmoved(d);
            await sequence(d.writes);
            await pool(d.deletes, opts.deleteConcurrency ?? 4, stopped, send);
            if (stopped()) throw new Stop();
            await sequence(d.settle);
          })(),
        ),
      ),
    );
  }
  // 3. Scope conversions, once the group assignments they join exist; 4. AD group memberships, one
  // batch at a time (each goes through the directory's agent).
  if (!stopped() && wp.conversions) await guard(sequence(wp.conversions));
  if (!stopped() && wp.adGroups) await guard(sequence(wp.adGroups));
  stopped();

  const failedIds = failedIdsNow();
  let verified = false;
  let mismatches: string[] = [];
  const restored: string[] = [];
  let mismatchIds = new Set<string>();
  if (!failed && !interrupted && unanswered > 0) {
    // A write without an answer may still land: read back only once it has had time to (settle.ts).
    const ms = opts.settleMs ?? SETTLE_MS;
    opts.log?.(`apply: ${unanswered === 1 ? 'a write was' : `${unanswered} writes were`} left without an answer; waiting ${Math.ceil(ms / 1000)} s for ${unanswered === 1 ? 'it' : 'them'} to settle before reading back (Ctrl-C stops)`);
    if (!(await interruptibleWait(ms, opts.signal, opts.sleep))) stopped();
  }
  if (!failed && !interrupted) {
    let v: { mismatches: string[]; changeIds: string[]; moved: MovedAssignment[] };
    try {
      v = await verifyWritePlan(api, wp);
      // Put back what another writer moved while apply ran (Okta shifts the holder of a slot written
      // onto): each assignment whose slot is free goes back to it, one slot once per pass; passes repeat
      // while they make progress (one freed slot may free the next), then everything is read back again.
      for (let pass = 0; pass < MAX_RESTORE_PASSES; pass++) {
        const seen = new Set<string>();
        const back = v.moved.filter((m) => m.slotFree && !seen.has(`${m.appId} ${m.from}`) && seen.add(`${m.appId} ${m.from}`));
        if (back.length === 0) break;
        for (const m of back) {
          await api.request('PUT', `/api/v1/apps/${encodeURIComponent(m.appId)}/groups/${encodeURIComponent(m.groupId)}`, { body: { priority: m.from, profile: m.profile } });
          restored.push(`${m.directory}: "${m.name}" moved from ${m.outsidePlan ? 'priority' : 'its planned priority'} ${m.from} to ${m.to} during apply; put back to ${m.from}`);
        }
        v = await verifyWritePlan(api, wp);
      }
      for (const extra of [wp.expect.scopes && (await verifyScopes(api, wp.expect.scopes)), wp.expect.adGroups && (await verifyAdGroups(api, wp.expect.adGroups))]) {
        if (extra) v = { ...v, mismatches: [...v.mismatches, ...extra.mismatches], changeIds: [...v.changeIds, ...extra.changeIds] };
      }
    } catch (e) {
      // No failure and no interruption: every request was sent and succeeded; only the read-back failed.
      // So every change is "sent, not verified" (not "partly done": nothing is left to send). A new plan
      // shows whether they took.
      return {
        applied: [],
        failed: { ...failureOf(e, { method: 'GET', path: '(read-back)', changeIds: [] }), code: 'VERIFY_UNAVAILABLE', changeIds: [] },
        unverified: [...wp.changeIds],
        partial: [],
        notAttempted: [],
        verified: false,
        interrupted: false,
        mismatches: [],
        restored,
        requests: { sent, total },
      };
    }
    mismatches = v.mismatches;
    mismatchIds = new Set(v.changeIds);
    verified = mismatches.length === 0;
    if (!verified) {
      failed = {
        code: 'VERIFY_FAILED',
        exitCode: EXIT.ERROR,
        changeIds: [...mismatchIds],
        message: `${mismatches.length} ${mismatches.length === 1 ? 'value does' : 'values do'} not read back as written: ${mismatches.join('; ')}`,
        // Every planned change took; only an assignment outside the plan moved. A new plan would not show
        // it (okta-ou does not manage it), so "plan to see what is left" would be no help.
        ...(mismatchIds.size === 0 ? { hint: UNMANAGED_MOVED_HINT } : {}),
      };
    }
  }
  const { applied, partial, notAttempted } = account(new Set([...failedIds, ...mismatchIds]), interrupted);
  return { applied, failed, ...(alsoFailed.length > 0 ? { alsoFailed } : {}), unverified: [], partial, notAttempted, verified, interrupted, mismatches, restored, requests: { sent, total } };
}
