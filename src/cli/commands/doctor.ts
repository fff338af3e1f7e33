/**
 * `okta-ou doctor`: a read-only first-run check of the org the environment names, against the mappings
 * (src/doctor). Never writes: every Okta call is a GET or a token request.
 *
 * Exit codes: 0 no ✗ line, 1 any ✗ line, 4 when Okta refused the credentials or their rights.
 */
import * as path from 'node:path';
import type { Command } from '../command';
import type { CliContext, GlobalOptions } from '../context';
import type { DesiredState } from '../../model/types';
import { EXIT } from '../../errors';
import { readDesired } from '../../config';
import { connectOkta, isUnusable, parseMaxCapacity, staticFindings } from '../planning';
import { resolveConnection } from '../../okta';
import { commandScopes } from '../../okta/command-scopes';
import { parseFormat } from '../parse-format';
import { verboseLog } from '../verbose-log';
import { readOrg } from '../../doctor/read-org';
import { connectionLines, groupSearchLines, rateLimitLines, scopeLines } from '../../doctor/access-checks';
import { directoryLines } from '../../doctor/directory-checks';
import { renderDoctorJson, renderDoctorText } from '../../doctor/render';
import type { DoctorFacts, DoctorLine } from '../../doctor/types';

/** The mappings as far as they can be read, and the line that says so. */
async function readMappings(ctx: CliContext, global: GlobalOptions): Promise<{ desired: DesiredState | null; line: DoctorLine }> {
  const loaded = await readDesired(global.mappings, ctx.cwd);
  const folder = path.relative(ctx.cwd, global.mappings) || '.';
  const unusable = isUnusable(loaded.findings);
  const findings = unusable ? loaded.findings : staticFindings(loaded.desired, loaded.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (unusable) {
    const desc = `${errors} error${errors === 1 ? '' : 's'}`;
    return { desired: null, line: { check: 'mappings', status: 'fail', message: `${folder}: the mappings cannot be read (${desc}); the app checks are skipped`, hint: 'okta-ou validate shows where' } };
  }
  const names = loaded.desired.directories.map((d) => d.name);
  if (names.length === 0) {
    return { desired: loaded.desired, line: { check: 'mappings', status: 'warn', message: `${folder}: no directory declared; the app checks are skipped` } };
  }
  const problems = errors > 0 ? `, with ${errors} error finding${errors === 1 ? '' : 's'} (okta-ou validate shows them)` : '';
  return {
    desired: loaded.desired,
    line: { check: 'mappings', status: errors > 0 ? 'warn' : 'ok', message: `${folder}: ${names.length} director${names.length === 1 ? 'y' : 'ies'} (${names.join(', ')})${problems}` },
  };
}

/** 4 when Okta refused the credentials or their rights, 1 for any other ✗, else 0. */
function exitCodeOf(facts: DoctorFacts, lines: readonly DoctorLine[]): number {
  const failures = [facts.access.failure, facts.poolsFailure, facts.groupSearchFailure, ...facts.directories.map((d) => d.failure)];
  if (failures.some((f) => f?.auth)) return EXIT.AUTH;
  return lines.some((l) => l.status === 'fail') ? EXIT.ERROR : EXIT.OK;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the org before the first plan: access, scopes, apps, AD agents, OU spellings (read-only)',
  usage: `Usage: okta-ou doctor [--format text|json] [--max-capacity PCT]

A read-only first-run check of your Okta org against the mappings, one line each (✓ fine, ! worth
knowing, ✗ to fix, with what to do): the connection and credentials; the OAuth scopes the service app is
granted against \`okta-ou scopes\` (an SSWS token has none: it carries its admin's rights); each declared AD
app found and its AD agents connected; the organizationalUnit values Okta already stores (their case,
and whether they match the files after DN normalisation); what the existing assignments show about
priorities; whether group search ignores case in this org; and the rate-limit headroom of the buckets it
used. It never writes to Okta.

Options:
  --format FORMAT       text (default) or json
  --max-capacity PCT    use at most PCT % of each Okta rate-limit bucket (default: 50 %)

Connection: as for plan. With OAuth, doctor asks for each scope \`okta-ou scopes\` lists to see which are
granted, then reads with the doctor scopes it has.

Exit codes: 0 no ✗ · 1 a ✗ line · 4 Okta refused the credentials

Examples:
  okta-ou doctor
  okta-ou doctor --format json --verbose
`,
  options: { format: { type: 'string' }, 'max-capacity': { type: 'string' } },
  async run(ctx, global, values) {
    const format = parseFormat(values.format, ['text', 'json'] as const);
    const maxCapacity = parseMaxCapacity(values['max-capacity']);
    const log = verboseLog(ctx, global);
    const mappings = await readMappings(ctx, global);
    // OAuth: readOrg connects with the scopes it finds granted, whatever OKTA_CLIENT_SCOPES says.
    const connection = resolveConnection(ctx.env, { orgUrl: global.orgUrl, maxCapacity, commandScopes: commandScopes('doctor') });
    const facts = await readOrg({
      connection,
      connect: (scopes) => connectOkta(ctx, global, { use: 'doctor', maxCapacity, ...(scopes ? { scopes } : {}) }).api,
      desired: mappings.desired,
      log,
    });
    const lines: DoctorLine[] = [
      ...connectionLines(facts),
      ...scopeLines(facts),
      mappings.line,
      ...directoryLines(facts, mappings.desired?.directories ?? []),
      ...groupSearchLines(facts),
      ...rateLimitLines(facts),
    ];
    const code = exitCodeOf(facts, lines);
    ctx.stdout.write(format === 'json' ? renderDoctorJson(connection.orgUrl, lines, code) : renderDoctorText(connection.orgUrl, lines, { color: ctx.color }));
    return code;
  },
};
