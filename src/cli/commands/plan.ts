/**
 * `okta-ou plan`: read the desired state, read the live slice of Okta it touches, diff and lint, print the
 * plan (docs/design.md §2–§4). Read-only: the plan never writes to Okta.
 *
 * Exit codes: 1 when a finding is an error (or input/Okta fails), 4 on auth failure (typed client
 * errors); with --detailed-exitcode, 0 no changes / 2 changes / 3 unsafe.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from '../command';
import type { CliContext, GlobalOptions } from '../context';
import type { Plan } from '../../model/types';
import { EXIT } from '../../errors';
import { renderPlanText } from '../../render/text';
import { renderPlanMarkdown } from '../../render/markdown';
import { renderPlanJson } from '../../render/json';
import { connectOkta, loadMappings, mappingsRef, parseMaxCapacity, planAgainstLive, scopeFeatures, staticFindings } from '../planning';
import { loadBaseMappings, planBase, renderBaseEffect } from '../base-mappings';
import { parseFormat } from '../parse-format';
import { verboseLog } from '../verbose-log';

const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanOptions {
  format: PlanFormat;
  out?: string;
  detailedExitcode: boolean;
  directory?: string;
  /** Share (1..100) of each rate-limit bucket the client may use. */
  maxCapacity?: number;
  /** Read every assigned group's members and app user's dn, and report USER_OU_MISMATCH. */
  checkPlacement?: boolean;
  /** The base branch's mappings: the plan tells this pull request's changes from drift already there. */
  baseMappings?: string;
}

/** The exit code for a plan (docs/design.md §2). */
function planExitCode(plan: Plan, detailed: boolean): number {
  if (plan.summary.errors > 0) return EXIT.ERROR;
  if (!detailed) return EXIT.OK;
  if (plan.safety.exceeded) return EXIT.UNSAFE;
  return plan.changes.length > 0 ? EXIT.CHANGES : EXIT.OK;
}

/** Where `--out` saved the plan and what to do with it, as Terraform says after `plan -out`. */
function savedNote(out: string, plan: Plan): string {
  const shown = /^[\w./@%+=:,-]+$/.test(out) ? out : `'${out.replace(/'/g, `'\\''`)}'`;
  if (plan.summary.errors > 0) return `Saved the plan to ${shown}; it has error findings, so apply will refuse it: fix them and plan again.\n`;
  if (plan.changes.length === 0) return `Saved the plan to ${shown}; it has no changes to apply.\n`;
  return `Saved the plan to ${shown}. To make exactly these changes, run: okta-ou apply ${shown}\n`;
}

function parseOptions(values: Record<string, unknown>): PlanOptions {
  return {
    format: parseFormat(values.format, PLAN_FORMATS),
    out: values.out as string | undefined,
    detailedExitcode: Boolean(values['detailed-exitcode']),
    directory: values.directory as string | undefined,
    maxCapacity: parseMaxCapacity(values['max-capacity']),
    checkPlacement: Boolean(values['check-placement']),
    baseMappings: values['base-mappings'] as string | undefined,
  };
}

/**
 * Plans and prints; returns the exit code. Shared by `plan` and `demo`. `ctx.env` carries the connection
 * settings (OKTA_CLIENT_*); the token never reaches the output.
 */
export async function runPlan(ctx: CliContext, global: GlobalOptions, opts: PlanOptions): Promise<number> {
  const log = verboseLog(ctx, global);
  const mappings = await loadMappings(ctx, global, 'planned', opts.directory);
  if (!mappings) return EXIT.ERROR;
  const { desired } = mappings;
  const base = opts.baseMappings === undefined ? undefined : await loadBaseMappings(ctx, opts.baseMappings, desired, log);
  const { api } = connectOkta(ctx, global, { use: 'plan', maxCapacity: opts.maxCapacity, features: scopeFeatures(base ? { directories: [...desired.directories, ...base.desired.directories] } : desired) });
  let plan: Plan;
  let basePlan: Plan | undefined;
  try {
    let live;
    ({ plan, live } = await planAgainstLive(api, {
      desired,
      findings: staticFindings(desired, mappings.findings),
      now: ctx.now(),
      directoryFilter: opts.directory,
      memberCounts: true,
      checkPlacement: opts.checkPlacement,
      log,
      readFor: base?.readFor,
    }));
    plan = { ...plan, mappings: mappingsRef(ctx, global) };
    // The same read for the base branch's plan: no second read, so Okta cannot move in between.
    if (base) basePlan = planBase(base.desired, live, plan, opts.directory);
  } finally {
    await api.close();
  }

  const effect = basePlan && renderBaseEffect(basePlan, plan);
  const rendered =
    opts.format === 'json'
      ? renderPlanJson(plan)
      : opts.format === 'markdown'
        ? renderPlanMarkdown(plan, { prelude: effect?.markdown })
        : (effect?.text ?? '') + renderPlanText(plan, { color: ctx.color });
  if (opts.out === '-') {
    // `--out -`: the saved-plan JSON is the output (for `… > plan.json` or a pipe); the shown plan moves
    // to stderr so it is still seen.
    ctx.stdout.write(renderPlanJson(plan));
    if (opts.format !== 'json') ctx.stderr.write(rendered);
    return planExitCode(plan, opts.detailedExitcode);
  }
  if (opts.out !== undefined) {
    const file = path.resolve(ctx.cwd, opts.out);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, renderPlanJson(plan), 'utf8');
  }
  ctx.stdout.write(rendered);
  // On stderr, after the plan: stdout stays the plan alone (`--format markdown > plan.md`).
  if (opts.out !== undefined) ctx.stderr.write(savedNote(opts.out, plan));
  return planExitCode(plan, opts.detailedExitcode);
}

export const planCommand: Command = {
  name: 'plan',
  summary: 'read live Okta, diff against the mappings, and show the plan (read-only)',
  usage: `Usage: okta-ou plan [--out FILE] [--format text|markdown|json] [--detailed-exitcode]
                    [--directory NAME] [--max-capacity PCT] [--check-placement]

Reads the mappings, reads the slice of live Okta they touch (read-only), and prints what apply would
change, with findings and a safety verdict.

Options:
  --out FILE            also save the plan as JSON (for \`okta-ou apply FILE\`); never contains a secret;
                        \`--out -\` prints that JSON on stdout instead (the plan shown goes to stderr)
  --format FORMAT       text (default), markdown (for pull-request comments) or json
  --detailed-exitcode   exit 0 no changes, 2 changes present, 3 safety threshold exceeded
  --directory NAME      plan only this directory
  --max-capacity PCT    use at most PCT % of each Okta rate-limit bucket (default: 50 %)
  --check-placement     also read every assigned group's members and every app user's dn, and report
                        provisioned users not in the OU their winning group says (USER_OU_MISMATCH)
  --base-mappings DIR   also plan DIR (the base branch's mappings) against the same read of Okta, and
                        show what this pull request changes apart from drift already there

Connection: OKTA_CLIENT_ORGURL (or --org-url) and OKTA_CLIENT_TOKEN, or OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey
with OKTA_CLIENT_CLIENTID, OKTA_CLIENT_SCOPES, OKTA_CLIENT_PRIVATEKEY, OKTA_CLIENT_KEYID.

Exit codes: 0 ok (no changes with --detailed-exitcode) · 1 error findings or failure · 2 changes ·
3 unsafe · 4 authentication failed

Examples:
  okta-ou plan
  okta-ou plan --out plan.json --detailed-exitcode
  okta-ou plan --format markdown > plan.md
  okta-ou plan --directory corp --verbose
  okta-ou plan --format markdown --base-mappings base/mappings
`,
  options: {
    out: { type: 'string' },
    format: { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
    directory: { type: 'string' },
    'max-capacity': { type: 'string' },
    'check-placement': { type: 'boolean' },
    'base-mappings': { type: 'string' },
  },
  async run(ctx, global, values) {
    return runPlan(ctx, global, parseOptions(values));
  },
};
