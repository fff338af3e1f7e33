/**
 * `okta-ou validate`: schema and static findings for the mappings folder, no Okta calls (docs/design.md §2).
 * Exit 0 when there is no error-level finding, 1 otherwise.
 */
import type { Command } from '../command';
import { EXIT, isOktaOuError } from '../../errors';
import { readDesired } from '../../config';
import { staticFindings } from '../planning';
import { parseFormat } from '../parse-format';
import { countFindings, renderFindingsJson, renderFindingsText, summariseFindings } from '../../render/findings';
import { escapeData, escapeProperty, renderGithubAnnotations } from '../../render/github-annotations';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the mapping files: schema and static findings (no Okta calls)',
  usage: `Usage: okta-ou validate [--mappings DIR] [--format text|json|github]

Reads every *.yaml / *.yml under the mappings folder (default: mappings/), checks it against the JSON
Schema (schemas/okta-ou.schema.json) and runs the findings that need no Okta org: YAML_SYNTAX,
DUPLICATE_KEY, SCHEMA, INVALID_DN, OU_NOT_IMPORT_OU, OU_OUTSIDE_DOMAIN, DN_MAPPED, DUPLICATE_GROUP,
DIRECTORY_CONFLICT, PROFILE_OU_CONFLICT.

Options:
  --format text|json   text (default): one line per finding, file:line:col, then a hint line;
                       json: {"files", "findings", "summary"} with sorted keys, on stdout;
                       github: GitHub Actions annotations (::error file=…,line=…,col=…::…) that
                       mark each finding on the pull request's diff

Exit codes: 0 no error-level finding · 1 error-level findings or unreadable input

Examples:
  okta-ou validate
  okta-ou validate --mappings ./okta/mappings
  okta-ou validate --format json | jq '.findings[] | select(.severity == "error")'
  okta-ou validate --format github          # in a GitHub Actions step
`,
  options: { format: { type: 'string' } },
  async run(ctx, global, values) {
    const format = parseFormat(values.format, ['text', 'json', 'github']);
    const loaded = await readDesired(global.mappings, ctx.cwd).catch((e: unknown) => {
      // No folder to read is no finding, but on GitHub it must still show on the run and its checks.
      if (format === 'github' && isOktaOuError(e)) ctx.stdout.write(`::error title=${escapeProperty(e.code)}::${escapeData(e.hint ? `${e.message}\nhint: ${e.hint}` : e.message)}\n`);
      throw e;
    });
    const findings = staticFindings(loaded.desired, loaded.findings);
    const counts = countFindings(findings);
    if (format === 'json') {
      ctx.stdout.write(renderFindingsJson(findings, loaded.files));
    } else if (format === 'github') {
      ctx.stdout.write(renderGithubAnnotations(findings));
      ctx.stderr.write(`${summariseFindings(findings, loaded.files.length)}\n`);
    } else {
      ctx.stdout.write(renderFindingsText(findings, { color: ctx.color }));
      const summary = summariseFindings(findings, loaded.files.length);
      ctx.stderr.write(counts.errors === 0 && counts.warnings === 0 && counts.infos === 0 ? `ok: ${summary}\n` : `${summary}\n`);
    }
    return counts.errors > 0 ? EXIT.ERROR : EXIT.OK;
  },
};
