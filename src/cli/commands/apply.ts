/**
 * `okta-ou apply [PLANFILE]`: make exactly the planned changes (docs/design.md §2).
 *
 * - With PLANFILE: the saved plan is what the reviewer saw, and a contract: okta-ou plans again from the
 *   mappings folder the plan records and live Okta, refuses it as stale (exit 1) when the files or Okta
 *   moved, refuses it when the fresh changes differ from the saved ones (an edited plan, another okta-ou
 *   version), and then runs the fresh plan, whose findings and safety verdict decide.
 * - Without: plan now, show it, and ask on a terminal (only "yes" proceeds); without a terminal (CI)
 *   --auto-approve is required. If the user took time to answer, live Okta is read again and the
 *   answer only counts when nothing moved meanwhile.
 * Then the changes are sent (src/apply), read back and reported; exit 1 on any failure, with what was
 * done, what failed and what was not attempted. A new plan then shows exactly the rest.
 */
import { parseFormat } from '../parse-format';
import * as path from 'node:path';
import type { Command } from '../command';
import type { CliContext, GlobalOptions } from '../context';
import type { DesiredState, LiveState, Plan } from '../../model/types';
import { EXIT, OktaOuError, StalePlanError, UnsafePlanError, UsageError } from '../../errors';
import { normaliseOrgUrl, scopesFor, type ConnectionConfig } from '../../okta';
import { renderPlanText } from '../../render/text';
import { allRequests, buildWritePlan } from '../../apply/requests';
import type { WritePlan } from '../../apply/types';
import { executeWritePlan, type ApplyResult } from '../../apply/execute';
import { renderApplyResultJson, renderApplyResultText } from '../../apply/render-result';
import { describeDrift } from '../../apply/stale';
import { contractDifferences } from '../../apply/contract';
import { readPlanFile } from '../plan-file';
import { terminalSafe } from '../../render/terminal-safe';
import { desiredDigest } from '../../plan/desired-digest';
import { connectOkta, loadMappings, parseMaxCapacity, planAgainstLive, scopeFeatures, staticFindings } from '../planning';

export interface ApplyOptions {
  planFile?: string;
  autoApprove: boolean;
  force: boolean;
  format: 'text' | 'json';
  directory?: string;
  maxCapacity?: number;
}

function parseOptions(values: Record<string, unknown>, positionals: string[]): ApplyOptions {
  if (positionals.length > 1) throw new UsageError(`apply takes at most one plan file, got ${positionals.length}`, 'okta-ou apply [PLANFILE]');
  const format = parseFormat(values.format, ['text', 'json']);
  if (positionals.length === 1 && values.directory !== undefined) {
    throw new UsageError('--directory applies to planning; a saved plan already names its directories', 'plan with --directory, then apply that plan');
  }
  return {
    planFile: positionals[0],
    autoApprove: Boolean(values['auto-approve']),
    force: Boolean(values.force),
    format,
    directory: values.directory as string | undefined,
    maxCapacity: parseMaxCapacity(values['max-capacity']),
  };
}

/**
 * An OAuth service app asks Okta for the scopes in OKTA_CLIENT_SCOPES. When those lack one the writes
 * need, every write would be refused: say so before the first one (exit 4), rather than after it.
 */
function checkScopes(connection: ConnectionConfig, wp: WritePlan): void {
  if (connection.auth.mode !== 'PrivateKey') return;
  const requested = new Set(connection.auth.scopes);
  const needed = [...new Set(allRequests(wp).flatMap((r) => scopesFor(r.method, r.path)))].sort();
  const missing = needed.filter((s) => !requested.has(s));
  if (missing.length === 0) return;
  throw new OktaOuError('OKTA_SCOPES_MISSING', `the changes need the OAuth scope(s) ${missing.join(', ')}, which OKTA_CLIENT_SCOPES does not ask for; nothing was applied`, {
    exitCode: EXIT.AUTH,
    hint: `add ${missing.join(' ')} to OKTA_CLIENT_SCOPES (and grant them to the service app); okta-ou scopes --for apply lists them all`,
  });
}

/** Error findings block apply; an unsafe plan needs --force (docs/design.md §2, §3). */
function checkAllowed(plan: Plan, force: boolean): void {
  const errors = plan.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors.slice(0, 3).map((f) => `${f.code} ${f.message}`);
    throw new OktaOuError('PLAN_HAS_ERRORS', `the plan has ${errors.length} error finding(s); nothing was applied: ${first.join('; ')}${errors.length > 3 ? '; …' : ''}`, {
      hint: 'fix the mappings (see `okta-ou plan`), plan again and apply the new plan',
    });
  }
  if (plan.safety.exceeded && !force) {
    throw new UnsafePlanError(`the plan exceeds a safety threshold; nothing was applied: ${plan.safety.reasons.join('; ')}`, 'review the plan, then re-run apply with --force if the change is intended');
  }
}

function staleError(lines: string[]): StalePlanError {
  return new StalePlanError(`plan is stale: Okta changed since the plan was made:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
}

/** The result of an apply with no changes (for --format json, so CI always gets a result object). */
function nothingToDo(): ApplyResult {
  return { applied: [], failed: null, unverified: [], partial: [], notAttempted: [], verified: true, interrupted: false, mismatches: [], restored: [], requests: { sent: 0, total: 0 } };
}

async function runApply(ctx: CliContext, globalOptions: GlobalOptions, opts: ApplyOptions): Promise<number> {
  let global = globalOptions;
  const log = (s: string): void => void ctx.stderr.write(`${s}\n`);
  // With --format json stdout carries only the result; the plan and messages go to stderr.
  const out = opts.format === 'json' ? ctx.stderr : ctx.stdout;

  const saved = opts.planFile !== undefined ? await readPlanFile(ctx, opts.planFile) : undefined;
  // The plan records its mappings folder: applying it needs no repeated --mappings.
  if (saved?.mappings !== undefined && !global.mappingsGiven) global = { ...global, mappings: path.resolve(ctx.cwd, saved.mappings) };
  const mappings = await loadMappings(ctx, global, 'applied', opts.planFile === undefined ? opts.directory : undefined);
  if (!mappings) return EXIT.ERROR;
  let desired: DesiredState = mappings.desired;
  let directoryFilter = opts.directory;
  if (saved) {
    // The same slice the plan was computed from: its directories only.
    const names = new Set(saved.directories.map((d) => d.name));
    const missing = [...names].filter((n) => !desired.directories.some((d) => d.name === n));
    if (missing.length > 0) {
      throw new OktaOuError('PLAN_MAPPINGS_MISMATCH', `the plan is for directory ${missing.map((n) => `"${n}"`).join(', ')}, which ${path.relative(ctx.cwd, global.mappings) || '.'} does not declare`, {
        hint: 'apply the plan from the checkout it was made from (same --mappings), or plan again',
      });
    }
    desired = { directories: desired.directories.filter((d) => names.has(d.name)) };
    if (desired.directories.length === 1) directoryFilter = desired.directories[0].name;
    // First: a plan made from other mappings is stale whatever Okta did, and saying "Okta changed" would
    // send the user looking in the wrong place.
    if (saved.desiredDigest !== undefined && saved.desiredDigest !== desiredDigest(desired, [...names])) {
      throw new StalePlanError(
        `plan is stale: the mapping files changed since the plan was made (${path.relative(ctx.cwd, global.mappings) || '.'}); plan again`,
        'run `okta-ou plan --out FILE` from the current mappings, review it, and apply that plan',
      );
    }
  }
  const findings = staticFindings(desired, mappings.findings);

  // No abort signal for the client: an in-flight write is never cut off; the executor stops between requests.
  const { api, connection } = connectOkta(ctx, global, { use: 'apply', maxCapacity: opts.maxCapacity, abortable: false, features: scopeFeatures(desired) });
  try {
    if (saved && normaliseOrgUrl(saved.orgUrl) !== normaliseOrgUrl(connection.orgUrl)) {
      throw new OktaOuError('PLAN_WRONG_ORG', `the plan was made for ${saved.orgUrl}, not ${connection.orgUrl}; nothing was applied`, {
        hint: 'point OKTA_CLIENT_ORGURL (or --org-url) at the org the plan was made for, or plan against this org',
      });
    }
    if (saved) {
      if (saved.changes.length === 0) {
        out.write('No changes. Okta matched the mappings when the plan was made; nothing to apply.\n');
        if (opts.format === 'json') ctx.stdout.write(renderApplyResultJson(nothingToDo()));
        return EXIT.OK;
      }
    }

    // A saved plan's member counts are already in it; only a fresh plan reads them. The memberships the
    // impact needs are read either way: the user thresholds of the fresh plan's safety verdict count them.
    const planNow = (): Promise<{ live: LiveState; plan: Plan }> =>
      planAgainstLive(api, { desired, findings, now: ctx.now(), directoryFilter, memberCounts: !saved, people: true, log: global.verbose ? log : undefined });

    let { live, plan } = await planNow();
    if (saved) {
      if (plan.fingerprint !== saved.fingerprint) throw staleError(describeDrift(saved, plan, live));
      // Same files, same Okta: the fresh plan is what runs, so its changes must be the saved ones, and
      // its findings and safety verdict are the ones that count (a plan file is never trusted for them).
      const differences = contractDifferences(saved, plan);
      if (differences.length > 0) {
        throw new OktaOuError('PLAN_MISMATCH', `the plan file does not match what okta-ou plans from the same mappings and Okta; nothing was applied:\n${differences.map((l) => `  - ${l}`).join('\n')}`, {
          hint: 'apply only a plan file written by `okta-ou plan --out FILE`, unedited and by this okta-ou version; or plan again',
        });
      }
      checkAllowed(plan, opts.force);
    } else {
      out.write(renderPlanText(plan, { color: ctx.color }));
      checkAllowed(plan, opts.force);
      if (plan.changes.length === 0) {
        if (opts.format === 'json') ctx.stdout.write(renderApplyResultJson(nothingToDo()));
        return EXIT.OK;
      }
      if (!opts.autoApprove) {
        if (!ctx.interactive || !ctx.prompt) {
          throw new OktaOuError('APPROVAL_REQUIRED', 'apply needs a confirmation and there is no terminal to ask on; nothing was applied', {
            hint: 'in CI pass --auto-approve, or save the reviewed plan with `okta-ou plan --out plan.json` and run `okta-ou apply plan.json`',
          });
        }
        const answer = await ctx.prompt(`\nApply these ${plan.changes.length} change(s) to ${connection.orgUrl}? Only "yes" is accepted: `);
        if (answer.trim() !== 'yes') {
          ctx.stderr.write('Apply cancelled; nothing was changed.\n');
          return EXIT.ERROR;
        }
        // The answer may have taken a while: apply only what was shown, onto the state it was shown for.
        const again = await planNow();
        if (again.plan.fingerprint !== plan.fingerprint) throw staleError(describeDrift(plan, again.plan, again.live));
        live = again.live;
      }
    }
    if (ctx.signal?.aborted) {
      throw new OktaOuError('ABORTED', 'interrupted before anything was written', {
        exitCode: EXIT.ERROR,
        hint: 'nothing after the last completed request was sent; run `okta-ou plan` to see what is left',
      });
    }

    // From the live state read just now. The executor lists an app again before writing a priority to it;
    // where every write is a profile-only PATCH or a DELETE it may rely on this read (src/apply/read-cost.ts).
    const wp = buildWritePlan(plan, live);
    checkScopes(connection, wp);
    const result = await executeWritePlan(api, wp, {
      signal: ctx.signal,
      // A second Ctrl-C quits at once: it still gets the report of what was done so far.
      onStart: (soFar) => ctx.onQuit?.(() => (opts.format === 'json' ? renderApplyResultJson(soFar()) : renderApplyResultText(plan, soFar()))),
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
      log,
      // On a terminal and in CI alike: a cancelled run leaves a record of what was written.
      onProgress: (e) => ctx.stderr.write(`apply: [${e.done}/${e.total}] ${e.ok ? '' : 'FAILED '}${terminalSafe(e.request.summary)}\n`),
    });
    if (opts.format === 'json') ctx.stdout.write(renderApplyResultJson(result));
    else ctx.stdout.write(renderApplyResultText(plan, result));
    // A rejected token or a missing scope is exit 4 whether it came before or during the writes.
    if (result.failed) return result.failed.exitCode === EXIT.AUTH ? EXIT.AUTH : EXIT.ERROR;
    return result.interrupted ? EXIT.ERROR : EXIT.OK;
  } finally {
    await api.close();
  }
}

export const applyCommand: Command = {
  name: 'apply',
  summary: 'make the planned changes in Okta (a saved plan, or plan then confirm)',
  usage: `Usage: okta-ou apply [PLANFILE] [--auto-approve] [--force] [--format text|json]
                     [--directory NAME] [--max-capacity PCT]

With PLANFILE (from \`okta-ou plan --out PLANFILE\`): plans again from the mappings folder the plan
records and live Okta, and applies only if the changes are the saved ones ("plan is stale" when the files
or Okta moved, PLAN_MISMATCH when the file was edited or made by another version; exit 1). Without: plans
now, shows the plan and asks for confirmation ("yes"); where there is no terminal, --auto-approve is needed.

Changes are made in a safe order (the dn mapping removal first, assignments in priority order, never
writing a priority another assignment holds, deletes last), read back and verified. Before writing a
priority to an app, apply reads its assignments again and writes nothing to it when any moved or was
added since the plan (CHANGED_DURING_APPLY). If anything fails the run stops and reports what was done,
what failed (with Okta's request id) and what was not attempted; run plan/apply again to finish.

Options:
  --auto-approve        do not ask for confirmation (CI)
  --force               apply even when the plan exceeds a safety threshold
  --format FORMAT       result as text (default) or json (for CI logs)
  --directory NAME      plan and apply only this directory (without PLANFILE)
  --max-capacity PCT    use at most PCT % of each Okta rate-limit bucket (default: 50 %)

Exit codes: 0 applied (or nothing to do) · 1 error findings, stale plan, cancelled, Okta error or
partial apply · 3 unsafe without --force · 4 authentication failed

Examples:
  okta-ou plan --out plan.json && okta-ou apply plan.json
  okta-ou apply
  okta-ou apply --auto-approve --format json
`,
  options: {
    'auto-approve': { type: 'boolean' },
    force: { type: 'boolean' },
    format: { type: 'string' },
    directory: { type: 'string' },
    'max-capacity': { type: 'string' },
  },
  positionals: true,
  async run(ctx, global, values, positionals) {
    return runApply(ctx, global, parseOptions(values, positionals));
  },
};
