/**
 * What `okta-ou doctor` reads, read-only (every call a GET, or a token request): the scopes the service
 * app is granted (OAuth), the AD apps the files name (resolved as plan resolves them), their group
 * assignments with the groups embedded, the AD agent pools, and one group search in changed case. A read
 * that fails is kept for its check's line; only a failed connection stops the rest.
 */
import type { DesiredState } from '../model/types';
import { AD_APP_NAME } from '../model/okta-ids';
import { EXIT, isOktaOuError } from '../errors';
import type { ConnectionConfig } from '../okta/config';
import type { OktaClient } from '../okta/client';
import { OKTA_SCOPES, commandScopes } from '../okta/command-scopes';
import { findApps, listAdApps } from '../live/find-apps';
import { memo } from '../model/memo';
import { type RawAssignment, type RawGroup, quoteFilterString, seg, toAssignment, toLiveApp, toLiveGroup } from '../live/okta-shapes';
import { grantedScopes } from './granted-scopes';
import type { AccessFacts, AssignmentFact, DirectoryFacts, DoctorFacts, GroupSearchFact, RawAgentPool, ReadFailure } from './types';

export interface ReadOrgInput {
  connection: ConnectionConfig;
  /** A client asking for `scopes` (OAuth), or as configured when omitted. */
  connect: (scopes?: string[]) => OktaClient;
  /** The files' directories; null when the mappings cannot be read. */
  desired: DesiredState | null;
  log: (line: string) => void;
}

function failureOf(e: unknown): ReadFailure {
  if (!isOktaOuError(e) || e.code === 'ABORTED') throw e;
  return { message: e.message, ...(e.hint ? { hint: e.hint } : {}), auth: e.exitCode === EXIT.AUTH };
}

/** The name with every letter's case flipped ("Sales" → "sALES"); the same text when it has no cased letter. */
export function swapCase(name: string): string {
  return [...name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

export async function readOrg(input: ReadOrgInput): Promise<DoctorFacts> {
  const { connection, log } = input;
  const access: AccessFacts = { orgUrl: connection.orgUrl, mode: connection.auth.mode };
  const facts: DoctorFacts = { access, directories: [], rateLimits: {}, maxCapacity: connection.maxCapacity };
  const dirs = input.desired?.directories ?? [];
  for (const d of dirs) facts.directories.push({ name: d.name, app: d.app, matches: [] });

  let scopes: string[] | undefined;
  if (connection.auth.mode === 'PrivateKey') {
    const auth = connection.auth;
    access.clientId = auth.clientId;
    if (!auth.scopesFromCommand) access.envScopes = [...auth.scopes];
    access.probed = [...new Set([...OKTA_SCOPES.filter((s) => !s.onlyWith).map((s) => s.scope), ...(access.envScopes ?? [])])];
    try {
      access.granted = await grantedScopes((s) => input.connect(s), access.probed);
    } catch (e) {
      access.failure = failureOf(e);
      return facts;
    }
    log(`doctor: the service app is granted ${access.granted.join(' ') || 'none of the scopes okta-ou uses'}`);
    scopes = commandScopes('doctor').filter((s) => access.granted?.includes(s));
    if (scopes.length === 0) return facts;
  }
  const can = (scope: string): boolean => scopes === undefined || scopes.includes(scope);
  const missing = (scope: string): string => `not checked: the service app is not granted ${scope}`;

  const api = input.connect(scopes);
  try {
    if (!can('okta.apps.read')) {
      for (const d of facts.directories) d.skipped = missing('okta.apps.read');
    } else {
      // The connection check: the first API call. Apps are found as plan finds them.
      try {
        if (dirs.length > 0) {
          const found = await findApps(api, dirs.map((d) => d.app), log);
          for (const d of facts.directories) d.matches = (found.get(d.app) ?? []).map(toLiveApp);
        } else {
          await listAdApps(api);
        }
      } catch (e) {
        access.failure = failureOf(e);
        return facts;
      }
      const assignmentsOf = memo((appId: string) => readAssignments(api, appId));
      await Promise.all(
        facts.directories.map(async (d) => {
          const app = d.matches.length === 1 && d.matches[0].name === AD_APP_NAME ? d.matches[0] : undefined;
          if (!app) return;
          try {
            d.assignments = await assignmentsOf(app.id);
          } catch (e) {
            d.failure = failureOf(e);
          }
        }),
      );
    }

    const adApps = facts.directories.filter((d) => d.assignments !== undefined);
    if (adApps.length === 0) facts.poolsSkipped = 'no AD app of the files was found';
    else if (!can('okta.agentPools.read')) facts.poolsSkipped = missing('okta.agentPools.read');
    else {
      try {
        // limitPerPoolType defaults to 5 pools (spec queryLimitPerPoolType): ask for every declared one.
        facts.pools = await api.list<RawAgentPool>('/api/v1/agentPools', { poolType: 'AD', limitPerPoolType: Math.max(5, adApps.length) });
      } catch (e) {
        facts.poolsFailure = failureOf(e);
      }
    }

    if (!can('okta.groups.read')) facts.groupSearchSkipped = missing('okta.groups.read');
    else {
      try {
        const probe = await searchInOtherCase(api, facts.directories, new Set(dirs.flatMap((d) => d.groups.map((g) => g.group))));
        if (probe) facts.groupSearch = probe;
        else facts.groupSearchSkipped = 'not checked: no group name with letters to search for';
      } catch (e) {
        facts.groupSearchFailure = failureOf(e);
      }
    }
    facts.rateLimits = api.rateLimits();
  } finally {
    await api.close();
  }
  return facts;
}

async function readAssignments(api: OktaClient, appId: string): Promise<AssignmentFact[]> {
  const raw = await api.list<RawAssignment>(`/api/v1/apps/${seg(appId)}/groups`, { limit: 200, expand: 'group' });
  return raw.map((a) => {
    const g = a._embedded?.group ? toLiveGroup(a._embedded.group) : undefined;
    return { ...toAssignment(a), groupName: g?.name ?? '', groupType: g?.type ?? '' };
  });
}

/**
 * One `search=profile.name eq "…"` with a known group's name in changed case: whether Okta's group search
 * ignores case in this org (docs/okta-api.md §6 leaves it open). The known group is an assigned one the
 * files name if there is one, else any assigned one, else the first of one page of the org's groups.
 */
async function searchInOtherCase(api: OktaClient, dirs: DirectoryFacts[], named: Set<string>): Promise<GroupSearchFact | undefined> {
  const cased = (g: { name: string }): boolean => swapCase(g.name) !== g.name;
  const assigned = dirs.flatMap((d) => (d.assignments ?? []).map((a) => ({ id: a.groupId, name: a.groupName }))).filter(cased);
  let known: { id: string; name: string } | undefined = assigned.find((g) => named.has(g.name) || named.has(g.id)) ?? assigned[0];
  if (!known) {
    const page = await api.request<RawGroup[]>('GET', '/api/v1/groups', { query: { limit: 20 } });
    known = (Array.isArray(page.body) ? page.body : []).map(toLiveGroup).find(cased);
  }
  if (!known) return undefined;
  const searched = swapCase(known.name);
  const hits = await api.list<RawGroup>('/api/v1/groups', { search: `profile.name eq ${quoteFilterString(searched)}`, limit: 200 });
  return { name: known.name, searched, found: hits.some((g) => g.id === known.id) };
}
