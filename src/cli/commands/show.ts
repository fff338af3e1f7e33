/**
 * `okta-ou show PLANFILE [--format text|markdown|json]`: renders a saved plan, as `plan` showed it
 * (Terraform's `show`). Reads only the file: no Okta call, no mappings.
 */
import type { Command } from '../command';
import { EXIT, UsageError } from '../../errors';
import { renderPlanJson } from '../../render/json';
import { renderPlanMarkdown } from '../../render/markdown';
import { renderPlanText } from '../../render/text';
import { parseFormat } from '../parse-format';
import { readPlanFile } from '../plan-file';

const SHOW_FORMATS = ['text', 'markdown', 'json'] as const;

export const showCommand: Command = {
  name: 'show',
  summary: 'render a saved plan file (no Okta call)',
  usage: `Usage: okta-ou show PLANFILE [--format text|markdown|json]

Prints a plan saved with \`okta-ou plan --out PLANFILE\` as text (default), markdown (for a pull-request
comment) or json. It reads only the file.

Options:
  --format FORMAT   text (default), markdown or json

Examples:
  okta-ou show plan.json
  okta-ou show plan.json --format markdown > plan.md
`,
  options: { format: { type: 'string' } },
  positionals: true,
  async run(ctx, _global, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(`show takes one plan file, got ${positionals.length}`, 'okta-ou show PLANFILE [--format text|markdown|json]');
    const format = parseFormat(values.format, SHOW_FORMATS);
    const plan = await readPlanFile(ctx, positionals[0]);
    ctx.stdout.write(format === 'json' ? renderPlanJson(plan) : format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan, { color: ctx.color }));
    return EXIT.OK;
  },
};
