/**
 * AD group memberships in apply: the requests (pure), sending them through the AD agent with back-off
 * (edge), and the read-back of each AD group's members (edge).
 *
 * `POST /api/v1/directories/{appInstanceId}/groups/modify` goes through the directory's agent: 502
 * "There are no connected agents" and 504 "Timed out waiting for agent" mean the agent did not (or not
 * in time) do it. ADD and REMOVE set membership rather than toggle it, so a batch can be sent again
 * safely: after AGENT_BACKOFF_MS the run stops with "AD agent unavailable" and a re-run sends only what
 * is still missing (the plan is made from the members Okta lists then).
 */
import { OktaOuError, EXIT } from '../errors';
import type { AdGroupMembershipChange } from '../model/ad-groups';
import type { OktaApi } from '../okta/api';
import { adMembershipBatches } from '../plan/diff-ad-groups';
import { readMemberIds } from '../live/group-members';
import type { ApplyRequest } from './types';

/** Waits before each new attempt after a 502/504 from the agent: 3 more attempts over about 14 s. */
export const AGENT_BACKOFF_MS = [2_000, 4_000, 8_000];

/** What the read-back must show: these users members of the AD group, those not. */
export interface AdGroupExpectation {
  directory: string;
  groupId: string;
  name: string;
  present: string[];
  absent: string[];
  changeId: string;
}

const modifyPath = (appId: string): string => `/api/v1/directories/${encodeURIComponent(appId)}/groups/modify`;

export function isAdMembershipRequest(r: Pick<ApplyRequest, 'path'>): boolean {
  return /^\/api\/v1\/directories\/[^/]+\/groups\/modify$/.test(r.path);
}

/** The requests of one membership change: adds, then removes, each in batches (diff-ad-groups.ts). */
export function adGroupRequests(c: AdGroupMembershipChange, appId: string): { requests: ApplyRequest[]; expect: AdGroupExpectation } {
  const requests = adMembershipBatches(c).map((b): ApplyRequest => ({
    method: 'POST',
    path: modifyPath(appId),
    // AD keeps group members in `member`; LDAP servers in the attribute the file names (spec Parameters.attribute).
    body: { id: c.group.id, parameters: { action: b.action, attribute: c.attribute, values: b.values } },
    changeIds: [c.id],
    directory: c.directory,
    summary: `POST ${c.directory} AD group "${c.group.name}" ${b.action} ${b.values.length} member(s)`,
  }));
  return {
    requests,
    expect: { directory: c.directory, groupId: c.group.id, name: c.group.name, present: c.add.map((u) => u.id), absent: c.remove.map((u) => u.id), changeId: c.id },
  };
}

const agentFailure = (e: unknown): boolean => {
  const s = (e as { status?: unknown }).status;
  return s === 502 || s === 504;
};

/** One membership batch, sent again after each agent 502/504 (AGENT_BACKOFF_MS); then AD_AGENT_UNAVAILABLE. */
export async function sendAdMembership(api: OktaApi, r: ApplyRequest, sleep: (ms: number) => Promise<void>, stopped: () => boolean): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.request(r.method, r.path, { body: r.body });
      return;
    } catch (e) {
      if (!agentFailure(e)) throw e;
      if (attempt >= AGENT_BACKOFF_MS.length || stopped()) throw agentUnavailable(e, r, attempt + 1);
      await sleep(AGENT_BACKOFF_MS[attempt]);
    }
  }
}

function agentUnavailable(e: unknown, r: ApplyRequest, attempts: number): OktaOuError {
  const x = e as { status?: number; errorSummary?: string; errorCode?: string; requestId?: string };
  const err = new OktaOuError('AD_AGENT_UNAVAILABLE', `AD agent unavailable: ${x.errorSummary ?? 'no answer'} (${x.status} from Okta, ${attempts} attempts) while changing members of ${r.summary.replace(/^POST \S+ /, '')} in ${r.directory}`, {
    exitCode: EXIT.ERROR,
    hint: 'nothing is lost: start or reconnect the Okta AD agent (Admin Console > Directory > Directory Integrations > the AD domain > Agents), then run okta-ou plan / okta-ou apply again; it sends only the members still missing',
    cause: e,
  });
  return Object.assign(err, { status: x.status, errorCode: x.errorCode, requestId: x.requestId });
}

/** Read-back: each AD group's members in Okta, against what apply meant them to be. */
export async function verifyAdGroups(api: OktaApi, expectations: AdGroupExpectation[]): Promise<{ mismatches: string[]; changeIds: string[] }> {
  const mismatches: string[] = [];
  const changeIds = new Set<string>();
  for (const x of expectations) {
    const named = new Set([...x.present, ...x.absent]);
    const members = new Set((await readMemberIds(api, x.groupId, (id) => named.has(id))).ids);
    const missing = x.present.filter((id) => !members.has(id));
    const left = x.absent.filter((id) => members.has(id));
    if (missing.length) mismatches.push(`${x.directory}: AD group "${x.name}" lacks ${missing.length} member(s) added: ${missing.slice(0, 5).join(', ')}`);
    if (left.length) mismatches.push(`${x.directory}: AD group "${x.name}" still has ${left.length} member(s) removed: ${left.slice(0, 5).join(', ')}`);
    if (missing.length || left.length) changeIds.add(x.changeId);
  }
  return { mismatches, changeIds: [...changeIds] };
}
