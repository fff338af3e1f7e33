/**
 * `okta-ou plan`: read the desired state, read the live slice of Okta it touches, diff and lint, print the
 * plan (DESIGN.md §2–§4). Read-only: the plan never writes to Okta.
 *
 * Exit codes: 1 when a finding is an error (or input/Okta fails), 4 on auth failure (typed client
 * errors); with --detailed-exitcode, 0 no changes / 2 changes / 3 unsafe.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from '../command';
import type { CliContext, GlobalOptions } from '../context';
import type { Finding, Plan } from '../../model/types';
import { UsageError } from '../../errors';
import { readDesired } from '../../config';
import { createOktaClient, resolveConnection } from '../../okta';
import { readLive, readMemberCounts } from '../../live';
import { buildPlan } from '../../plan/build-plan';
import { renderPlanText } from '../../render/text';
import { renderPlanMarkdown } from '../../render/markdown';
import { renderPlanJson } from '../../render/json';
import { renderFindingsText, summariseFindings } from '../../render/findings';
import { runLints } from '../../plan/lints';
import { VERSION } from '../../version';

export type PlanFormat = 'text' | 'markdown' | 'json';

export interface PlanOptions {
  format: PlanFormat;
  out?: string;
  detailedExitcode: boolean;
  directory?: string;
  /** Share (1..100) of each rate-limit bucket the client may use. */
  maxCapacity?: number;
}

/** Findings that leave no usable desired state: nothing sensible can be diffed, so Okta is not called. */
const UNUSABLE = new Set(['YAML_SYNTAX', 'DUPLICATE_KEY', 'SCHEMA', 'NO_MAPPINGS']);

export function isUnusable(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && UNUSABLE.has(f.code));
}

/** The exit code for a plan (DESIGN.md §2). */
export function planExitCode(plan: Plan, detailed: boolean): number {
  if (plan.summary.errors > 0) return 1;
  if (!detailed) return 0;
  if (plan.safety.exceeded) return 3;
  return plan.changes.length > 0 ? 2 : 0;
}

function parseOptions(values: Record<string, unknown>): PlanOptions {
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    throw new UsageError(`unknown --format "${format}"`, 'use --format text, markdown or json');
  }
  let maxCapacity: number | undefined;
  if (values['max-capacity'] !== undefined) {
    maxCapacity = Number(String(values['max-capacity']).replace(/%$/, ''));
    if (!Number.isFinite(maxCapacity) || maxCapacity <= 0 || maxCapacity > 100) {
      throw new UsageError(`--max-capacity must be a percentage between 1 and 100, got "${String(values['max-capacity'])}"`);
    }
  }
  return {
    format,
    out: values.out as string | undefined,
    detailedExitcode: Boolean(values['detailed-exitcode']),
    directory: values.directory as string | undefined,
    maxCapacity,
  };
}

/** Group ids of assignment changes (for member counts, the blast radius). */
function changedGroupIds(plan: Plan): string[] {
  const ids = new Set<string>();
  for (const c of plan.changes) {
    if (c.kind !== 'assignment') continue;
    if (c.action === 'reorder') for (const m of c.moves ?? []) ids.add(m.group.id);
    else ids.add(c.group.id);
  }
  return [...ids];
}

/**
 * Plans and prints; returns the exit code. Shared by `plan` and `demo`. `ctx.env` carries the connection
 * settings (OKTA_CLIENT_*); the token never reaches the output.
 */
export async function runPlan(ctx: CliContext, global: GlobalOptions, opts: PlanOptions): Promise<number> {
  const log = global.verbose ? (s: string) => void ctx.stderr.write(`${s}\n`) : () => undefined;
  const loaded = await readDesired(global.mappings, ctx.cwd);
  if (isUnusable(loaded.findings)) {
    ctx.stderr.write(renderFindingsText(loaded.findings, { color: ctx.color }));
    ctx.stderr.write(`${summariseFindings(loaded.findings, loaded.files.length)}: the mappings cannot be read, nothing was planned\n`);
    return 1;
  }
  const { desired } = loaded;
  // Static lints here (validate runs the same ones); buildPlan adds the live ones.
  const staticFindings = [...loaded.findings, ...runLints({ desired })];
  if (opts.directory !== undefined && !desired.directories.some((d) => d.name === opts.directory)) {
    const names = desired.directories.map((d) => d.name).join(', ') || '(none)';
    throw new UsageError(`no directory named "${opts.directory}" in ${path.relative(ctx.cwd, global.mappings) || '.'}`, `one of: ${names}`);
  }

  const connection = resolveConnection(ctx.env, { orgUrl: global.orgUrl, maxCapacity: opts.maxCapacity });
  const api = createOktaClient(connection, { log, verbose: global.verbose, signal: ctx.signal });
  let plan: Plan;
  try {
    let live = await readLive(api, desired, { directoryFilter: opts.directory, log });
    const build = (): Plan =>
      buildPlan({
        desired,
        live,
        findings: staticFindings,
        now: ctx.now(),
        tool: `okta-ou ${VERSION}`,
        reads: api.counts().reads,
        directoryFilter: opts.directory,
      });
    plan = build();
    // Member counts only for the groups the plan changes, then plan again so the budget counts those reads.
    const withCounts = await readMemberCounts(api, live, changedGroupIds(plan));
    if (withCounts !== live) {
      live = withCounts;
      plan = build();
    }
  } finally {
    await api.close();
  }

  if (opts.out !== undefined) {
    const file = path.resolve(ctx.cwd, opts.out);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, renderPlanJson(plan), 'utf8');
    log(`plan: saved to ${file}`);
  }
  const rendered =
    opts.format === 'json' ? renderPlanJson(plan) : opts.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan, { color: ctx.color });
  ctx.stdout.write(rendered);
  return planExitCode(plan, opts.detailedExitcode);
}

export const planCommand: Command = {
  name: 'plan',
  summary: 'read live Okta, diff against the mappings, and show the plan (read-only)',
  usage: `Usage: okta-ou plan [--out FILE] [--format text|markdown|json] [--detailed-exitcode]
                    [--directory NAME] [--max-capacity PCT]

Reads the mappings, reads the slice of live Okta they touch (read-only), and prints what apply would
change, with findings and a safety verdict.

Options:
  --out FILE            also save the plan as JSON (for \`okta-ou apply FILE\`); never contains a secret
  --format FORMAT       text (default), markdown (for pull-request comments) or json
  --detailed-exitcode   exit 0 no changes, 2 changes present, 3 safety threshold exceeded
  --directory NAME      plan only this directory
  --max-capacity PCT    use at most PCT % of each Okta rate-limit bucket (default: the client's)

Connection: OKTA_CLIENT_ORGURL (or --org-url) and OKTA_CLIENT_TOKEN, or OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey
with OKTA_CLIENT_CLIENTID, OKTA_CLIENT_SCOPES, OKTA_CLIENT_PRIVATEKEY, OKTA_CLIENT_KEYID.

Exit codes: 0 ok (no changes with --detailed-exitcode) · 1 error findings or failure · 2 changes ·
3 unsafe · 4 authentication failed

Examples:
  okta-ou plan
  okta-ou plan --out plan.json --detailed-exitcode
  okta-ou plan --format markdown > plan.md
  okta-ou plan --directory corp --verbose
`,
  options: {
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    'detailed-exitcode': { type: 'boolean' },
    directory: { type: 'string', short: 'd' },
    'max-capacity': { type: 'string' },
  },
  async run(ctx, global, values) {
    return runPlan(ctx, global, parseOptions(values));
  },
};
