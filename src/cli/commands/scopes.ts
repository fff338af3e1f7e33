/**
 * `okta-ou scopes [--for plan|apply] [--list]`: the least-privilege OAuth 2.0 scopes to grant the Okta
 * service app (the table lives in src/okta/command-scopes.ts, shared with the README (Use it in CI)). No Okta calls.
 */
import type { Command } from '../command';
import { EXIT, UsageError } from '../../errors';
import { OKTA_SCOPES, SCOPE_USE_COMMANDS, SCOPE_USES, type ScopeFeatures, type ScopeUse, commandScopes } from '../../okta/command-scopes';
import { readDesired } from '../../config';
import type { CliContext } from '../context';
import { scopeFeatures } from '../planning';

const USES = SCOPE_USES;

/** What the mappings folder uses that needs more scopes; nothing when it cannot be read (scopes makes no Okta call). */
async function mappingFeatures(ctx: CliContext, mappings: string): Promise<ScopeFeatures> {
  try {
    return scopeFeatures((await readDesired(mappings, ctx.cwd)).desired);
  } catch {
    return {};
  }
}

export const scopesCommand: Command = {
  name: 'scopes',
  summary: 'print the least-privilege OAuth scopes okta-ou needs for plan and apply',
  usage: `Usage: okta-ou scopes [--for plan|apply|doctor|explain] [--list]

Prints the Okta OAuth 2.0 scopes to grant the service app okta-ou signs in as
(OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey), and why each is needed. plan (also export and the drift job)
is read-only; apply needs plan's scopes plus the .manage ones; doctor needs plan's plus okta.agentPools.read;
explain needs plan's plus okta.users.read. okta.users.read is optional for plan: when granted (add it to
OKTA_CLIENT_SCOPES yourself), plan reads who a change affects in fewer calls on large apps.
When OKTA_CLIENT_SCOPES is not set, each command asks Okta for exactly the scopes listed for it here.
okta.users.read (plan) and okta.directories.groups.manage (apply) are needed only when the mappings
use adGroups, okta.schemas.read (plan) only when they list attributeMappings properties; the
OKTA_CLIENT_SCOPES lists include them only then (read from --mappings DIR).
The service app also needs an admin role that covers the AD app (Okta checks roles as well as scopes).
validate needs no Okta access.

Options:
  --for USE          only the scopes for plan, apply, doctor or explain (default: all)
  --list             only the space-separated list, for OKTA_CLIENT_SCOPES

Examples:
  okta-ou scopes
  okta-ou scopes --for plan --list
  export OKTA_CLIENT_SCOPES="$(okta-ou scopes --for apply --list)"
`,
  options: { for: { type: 'string' }, list: { type: 'boolean' } },
  async run(ctx, global, values) {
    const use = values.for as string | undefined;
    if (use !== undefined && !USES.includes(use as ScopeUse)) throw new UsageError(`unknown use "${use}"`, 'use --for plan, --for apply, --for doctor or --for explain');
    const uses = use ? [use as ScopeUse] : USES;
    const features = await mappingFeatures(ctx, global.mappings);
    if (values.list) {
      if (!use) throw new UsageError('--list needs --for plan, apply, doctor or explain', 'e.g. okta-ou scopes --for plan --list (the list differs: apply also needs the .manage scopes)');
      ctx.stdout.write(`${commandScopes(use as ScopeUse, features).join(' ')}\n`);
      return EXIT.OK;
    }
    const width = Math.max(...OKTA_SCOPES.map((s) => s.scope.length));
    const out: string[] = [];
    for (const u of uses) {
      // Asked for one use that builds on plan's scopes: all of them; otherwise each use's own rows.
      const all = use !== undefined && use !== 'plan';
      const rows = OKTA_SCOPES.filter((s) => (all ? s.use === 'plan' || s.use === u : s.use === u));
      // "All of these" are needed: an optional row goes in a block of its own after them.
      // An optional row whose scope the use asks for anyway (explain, or apply with adGroups:
      // okta.users.read) says nothing more: commandScopes decides, as for the list below.
      const needed = rows.filter((s) => !s.optional);
      const asked = commandScopes(u, features);
      const optional = rows.filter((s) => s.optional && !asked.includes(s.scope));
      const blocks = all ? [{ head: `${u} (all of these)`, rows: needed }, { head: 'optional (saves calls when granted)', rows: optional }] : [{ head: SCOPE_USE_COMMANDS[u], rows }];
      for (const b of blocks.filter((x) => x.rows.length > 0)) {
        out.push(`${b.head}:`);
        for (const s of b.rows) out.push(`  ${s.scope.padEnd(width)}  ${s.why}`);
        out.push('');
      }
    }
    for (const u of uses) out.push(`${u}: OKTA_CLIENT_SCOPES="${commandScopes(u, features).join(' ')}"`);
    for (const feature of ['adGroups', 'attributeMappings'] as const) {
      // "Left out" is not said of a scope every listed use asks for anyway (explain: okta.users.read), and
      // names each scope's use when several are listed.
      const optional = OKTA_SCOPES.filter((s) => s.onlyWith === feature && uses.some((u) => s.use === 'plan' || s.use === u))
        .filter((s) => features[feature] || !uses.every((u) => commandScopes(u, features).includes(s.scope)))
        .map((s) => (uses.length > 1 && !features[feature] ? `${s.scope} (${s.use})` : s.scope));
      if (optional.length === 0) continue;
      const what = feature === 'adGroups' ? 'adGroups' : 'attributeMappings properties';
      out.push(features[feature] ? `(the mappings use ${what}: ${optional.join(', ')} included)` : `(no ${what} in the mappings: ${optional.join(', ')} left out)`);
    }
    ctx.stdout.write(`${out.join('\n')}\n`);
    return EXIT.OK;
  },
};
