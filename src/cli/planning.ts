/**
 * The steps `plan`, `apply` and `export` share: read the mappings (stopping before any Okta call when they
 * cannot be read), connect to Okta as the environment and flags say, and plan against the live slice.
 */
import * as path from 'node:path';
import type { CliContext, GlobalOptions } from './context';
import type { DesiredState, Finding, LiveState, Plan } from '../model/types';
import { UsageError } from '../errors';
import { readDesired } from '../config';
import { createOktaClient, resolveConnection, type ConnectionConfig, type OktaClient } from '../okta';
import { declaresMappingProperties } from '../live/read-mapping-schemas';
import { commandScopes, type ScopeFeatures, type ScopeUse } from '../okta/command-scopes';
import { readLive, readMemberCounts, readPeople } from '../live';
import { USERS_READ_SCOPE } from '../live/user-group-reads';
import { assignmentChangesOf, buildPlan } from '../plan/build-plan';
import type { DirectoryAnalysis } from '../plan/analyse';
import { changedGroupIds } from '../plan/changed-groups';
import { runLints } from '../plan/lints';
import { renderFindingsText, summariseFindings } from '../render/findings';
import { desiredDigest } from '../plan/desired-digest';
import { VERSION } from '../version';

/** Findings that a mappings file could not be read as written (what was read is not what the folder says). */
export const UNREADABLE_FILE = new Set(['YAML_SYNTAX', 'DUPLICATE_KEY', 'SCHEMA', 'ENCODING', 'FILE_TOO_LARGE']);

/** Findings that leave no usable desired state: nothing sensible can be diffed, so Okta is not called. */
const UNUSABLE = new Set([...UNREADABLE_FILE, 'NO_MAPPINGS']);

export function isUnusable(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && UNUSABLE.has(f.code));
}

/**
 * `--max-capacity PCT` as a number (an optional trailing `%` dropped; NaN when it is not a number), or
 * undefined when not given. Only converts: resolveConnection (src/okta/config.ts) decides what is valid.
 */
export function parseMaxCapacity(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().replace(/%$/, '');
  return text === '' ? Number.NaN : Number(text);
}

/**
 * The mappings, or null when they cannot be read (the findings are then printed and the caller exits 1
 * having made no Okta call). `verb` completes "nothing was …".
 */
export async function loadMappings(
  ctx: CliContext,
  global: GlobalOptions,
  verb: 'planned' | 'applied',
  directory?: string,
): Promise<{ desired: DesiredState; findings: Finding[] } | null> {
  const loaded = await readDesired(global.mappings, ctx.cwd);
  if (isUnusable(loaded.findings)) {
    ctx.stderr.write(renderFindingsText(loaded.findings, { color: ctx.color }));
    ctx.stderr.write(`${summariseFindings(loaded.findings, loaded.files.length)}: the mappings cannot be read, nothing was ${verb}\n`);
    return null;
  }
  if (directory !== undefined && !loaded.desired.directories.some((d) => d.name === directory)) {
    const names = loaded.desired.directories.map((d) => d.name).join(', ') || '(none)';
    throw new UsageError(`no directory named "${directory}" in ${path.relative(ctx.cwd, global.mappings) || '.'}`, `one of: ${names}`);
  }
  return { desired: loaded.desired, findings: loaded.findings };
}

/** What the mappings use that needs more OAuth scopes (okta-ou scopes, and the scopes a command asks for). */
export function scopeFeatures(desired: DesiredState): ScopeFeatures {
  return {
    adGroups: desired.directories.some((d) => (d.adGroups?.length ?? 0) > 0),
    attributeMappings: desired.directories.some(declaresMappingProperties),
  };
}

/** Loader findings plus the static lints (the ones `validate` runs); buildPlan adds the live ones. */
export function staticFindings(desired: DesiredState, loadFindings: Finding[]): Finding[] {
  return [...loadFindings, ...runLints({ desired })];
}

/**
 * A client for the org the environment (OKTA_CLIENT_*) and flags name. Rate-limit waits are always said
 * on stderr, so a long wait never looks like a hang; each request only with --verbose.
 * `use` names the scopes an OAuth service app asks for when OKTA_CLIENT_SCOPES is not set; `scopes`, when
 * given, are asked for instead (doctor probing what is granted).
 * `abortable: false` (apply) lets an in-flight write finish, while Ctrl-C still ends any wait at once and
 * stops before the next request.
 */
export function connectOkta(
  ctx: CliContext,
  global: GlobalOptions,
  opts: { use: ScopeUse; maxCapacity?: number; abortable?: boolean; scopes?: string[]; features?: ScopeFeatures },
): { api: OktaClient; connection: ConnectionConfig } {
  let connection = resolveConnection(ctx.env, { orgUrl: global.orgUrl, maxCapacity: opts.maxCapacity, commandScopes: commandScopes(opts.use, opts.features) });
  if (connection.auth.mode === 'PrivateKey' && opts.scopes) {
    connection = { ...connection, auth: { ...connection.auth, scopes: opts.scopes } };
  } else if (connection.auth.mode === 'PrivateKey' && connection.auth.scopesFromCommand && global.verbose) {
    ctx.stderr.write(`OKTA_CLIENT_SCOPES is not set: asking for the scopes ${opts.use} needs (okta-ou scopes --for ${opts.use})\n`);
  }
  const api = createOktaClient(connection, {
    log: (s) => void ctx.stderr.write(`${s}\n`),
    verbose: global.verbose,
    // Not abortable (apply): Ctrl-C ends waits and stops before the next request, never cutting one off.
    ...(opts.abortable === false ? { stopSignal: ctx.signal } : { signal: ctx.signal }),
    sleep: ctx.sleep,
    now: ctx.clock,
  });
  return { api, connection };
}

/**
 * Reads the live slice and plans. With `memberCounts`, reads the members of the groups the plan changes
 * (and of those deciding their placement: the impact on people) and the member counts still missing,
 * then plans once, so the budget counts those reads too.
 */
export async function planAgainstLive(
  api: OktaClient,
  input: {
    desired: DesiredState;
    findings: Finding[];
    now: Date;
    directoryFilter?: string;
    memberCounts: boolean;
    /**
     * Read the memberships the impact needs (also implied by `memberCounts`): without them the plan has
     * no impact, and its safety verdict lacks the user thresholds (`apply PLANFILE` needs those).
     */
    people?: boolean;
    /** Read every assigned group's members and every app user's dn (USER_OU_MISMATCH); implies the impact. */
    checkPlacement?: boolean;
    log?: (s: string) => void;
    /** Read Okta for this (a superset of `desired`, e.g. with a base branch's groups); default `desired`. */
    readFor?: DesiredState;
  },
): Promise<{ live: LiveState; plan: Plan }> {
  let live = await readLive(api, input.readFor ?? input.desired, { directoryFilter: input.directoryFilter, log: input.log, keepDns: input.checkPlacement });
  let analysis: DirectoryAnalysis[] | undefined;
  if (input.memberCounts || input.people || input.checkPlacement) {
    // What the plan will change decides what else to read; the plan itself is built once, after every read
    // (with this analysis for each directory those reads left as it was: no change, nothing more read).
    const changes = assignmentChangesOf(input.desired, live, input.directoryFilter);
    analysis = changes.analysis;
    // Who the changes affect: memberships of the changed groups and of those deciding their members' placement.
    // OAuth: the token's granted scopes say whether the users' own groups may be read (SSWS: tried once).
    const granted = api.authMode === 'PrivateKey' ? await api.authenticate() : null;
    live = await readPeople(api, live, changes, { all: input.checkPlacement, usersReadGranted: granted?.includes(USERS_READ_SCOPE) ?? true, log: input.log });
    if (input.memberCounts) live = await readMemberCounts(api, live, changedGroupIds(changes));
  }
  const plan = buildPlan({
    desired: input.desired,
    live,
    findings: input.findings,
    now: input.now,
    tool: `okta-ou ${VERSION}`,
    reads: api.counts().reads,
    directoryFilter: input.directoryFilter,
    analysis,
  });
  return { live, plan: { ...plan, desiredDigest: desiredDigest(input.desired, plan.directories.map((d) => d.name)) } };
}

/** The mappings folder as a plan records it (Plan.mappings): relative to the working directory, `/`-separated. */
export function mappingsRef(ctx: CliContext, global: GlobalOptions): string {
  return path.relative(ctx.cwd, global.mappings).split(path.sep).join('/') || '.';
}
