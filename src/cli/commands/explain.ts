/**
 * `okta-ou explain USER`: where a user lands in AD and why (docs/design.md §2). Read-only. Reads the
 * user, their groups, the plan's live slice (no memberships: one user's groups say it all) and, per AD
 * app, their app user; the pure part is src/plan/explain-user.ts. Needs `okta.users.read` besides the
 * scopes of `plan`.
 */
import type { Command } from '../command';
import type { CliContext, GlobalOptions } from '../context';
import type { AssignmentChange } from '../../model/types';
import { EXIT, UsageError } from '../../errors';
import { findUser, readAppUser, readUserGroupIds } from '../../live/read-user';
import { explainUser } from '../../plan/explain-user';
import { isUsable, pairDirectories } from '../../plan/directories';
import { type Explanation, renderExplainJson, renderExplainText } from '../../render/explain';
import { connectOkta, loadMappings, parseMaxCapacity, planAgainstLive, staticFindings } from '../planning';
import { parseFormat } from '../parse-format';
import { verboseLog } from '../verbose-log';

const FORMATS = ['text', 'json'] as const;

async function run(ctx: CliContext, global: GlobalOptions, values: Record<string, unknown>, positionals: string[]): Promise<number> {
  if (positionals.length !== 1) throw new UsageError(`explain takes one user (login, email or id), got ${positionals.length}`, 'okta-ou explain ada@example.com');
  const format = parseFormat(values.format, FORMATS);
  const directory = values.directory as string | undefined;
  const mappings = await loadMappings(ctx, global, 'planned', directory);
  if (!mappings) return EXIT.ERROR;
  const { desired } = mappings;
  const { api } = connectOkta(ctx, global, { use: 'explain', maxCapacity: parseMaxCapacity(values['max-capacity']) });
  let explanation: Explanation;
  try {
    const user = await findUser(api, positionals[0]);
    const [userGroups, { live, plan }] = await Promise.all([
      readUserGroupIds(api, user.id),
      planAgainstLive(api, { desired, findings: staticFindings(desired, mappings.findings), now: ctx.now(), directoryFilter: directory, memberCounts: false, log: verboseLog(ctx, global) }),
    ]);
    const pairs = pairDirectories(directory === undefined ? desired : { directories: desired.directories.filter((d) => d.name === directory) }, live).filter(isUsable);
    const directories = await Promise.all(
      pairs.map(async (p) => {
        const app = p.live.app!;
        return explainUser({
          directory: p.desired.name,
          app: { id: app.id, label: app.label },
          userGroups,
          groupNames: Object.fromEntries(Object.values(p.live.groups).map((g) => [g.id, g.name])),
          live: p.live.assignments,
          changes: plan.changes.filter((c): c is AssignmentChange => c.kind === 'assignment' && c.directory === p.desired.name),
          updateOUOnGroupChange: p.desired.updateOUOnGroupChange,
          appUser: await readAppUser(api, app.id, user.id),
        });
      }),
    );
    explanation = { user, directories, planErrors: plan.summary.errors };
  } finally {
    await api.close();
  }
  ctx.stdout.write(format === 'json' ? renderExplainJson(explanation) : renderExplainText(explanation));
  return EXIT.OK;
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'where a user lands in AD and why: assigned groups in priority order, the winner, OU now and after, dn',
  usage: `Usage: okta-ou explain USER [--directory NAME] [--format text|json] [--max-capacity PCT]

USER is an Okta login, email or user id. For each directory (AD app) in the mappings: the user's groups
that are assigned to the app in priority order, now and after the mappings are applied; which one wins;
the OU now and after (moves, stays, gets or loses the AD app); whether the user is assigned individually;
and the app user's actual dn, and whether it lies in the OU the winning group says. Read-only.

Options:
  --directory NAME      explain for this directory only
  --format FORMAT       text (default) or json
  --max-capacity PCT    use at most PCT % of each Okta rate-limit bucket (default: 50 %)

Needs okta.users.read besides plan's scopes (OAuth service apps).

Examples:
  okta-ou explain ada@example.com
  okta-ou explain 00u1abcd2EFGH3ijk4l5 --directory corp --format json
`,
  options: {
    format: { type: 'string' },
    directory: { type: 'string' },
    'max-capacity': { type: 'string' },
  },
  positionals: true,
  run,
};
