/**
 * The OAuth 2.0 scopes okta-ou needs, per command: the one table that `okta-ou scopes` prints and
 * the README (Use it in CI) shows (a test keeps the two equal). Scopes per endpoint are from Okta's Management API spec
 * (per-operation `security`; docs/okta-api.md §10). What each command reads (`plan` reads the
 * AD apps, their group assignments with embedded groups, group search and member counts, app users, the
 * default user type and the profile mapping); `apply` also writes assignments and mapping properties;
 * `doctor` also reads the AD agent pools; `explain` also reads one user and their groups. When OKTA_CLIENT_SCOPES is not set, a command asks for exactly
 * its use's scopes.
 */
export type ScopeUse = 'plan' | 'apply' | 'doctor' | 'explain';

export interface ScopeInfo {
  scope: string;
  /** The least command that needs it; `apply`, `doctor` and `explain` need the `plan` scopes too. */
  use: ScopeUse;
  why: string;
  /** Needed only when the mappings use this feature (then part of the use's list). */
  onlyWith?: ScopeFeature;
  /** Never needed, in no use's list: granted (and in OKTA_CLIENT_SCOPES), it saves calls. */
  optional?: true;
}

/** A part of the mapping files that needs scopes of its own. */
export type ScopeFeature = 'adGroups' | 'attributeMappings';

/** What the mappings use that needs more scopes. */
export type ScopeFeatures = Partial<Record<ScopeFeature, boolean>>;

export const OKTA_SCOPES: readonly ScopeInfo[] = [
  { scope: 'okta.apps.read', use: 'plan', why: 'find the AD app instances; list their group assignments and app users' },
  { scope: 'okta.groups.read', use: 'plan', why: 'resolve group names, member counts and members of managed groups' },
  { scope: 'okta.profileMappings.read', use: 'plan', why: 'read the Okta user → AD user profile mapping' },
  { scope: 'okta.userTypes.read', use: 'plan', why: 'find the default user type, the source of that mapping' },
  { scope: 'okta.apps.manage', use: 'apply', why: 'create, update, reorder and delete group assignments of the AD app' },
  { scope: 'okta.profileMappings.manage', use: 'apply', why: 'add, change and remove properties of the profile mapping' },
  { scope: 'okta.schemas.read', use: 'plan', why: 'check mapped properties against the AD app user and user type schemas (only with attributeMappings properties)', onlyWith: 'attributeMappings' },
  { scope: 'okta.users.read', use: 'plan', why: 'read the users adGroups list and whether they were imported from AD (only with adGroups)', onlyWith: 'adGroups' },
  { scope: 'okta.users.read', use: 'plan', why: 'optional: fewer reads for the impact of assignment changes on large apps', optional: true },
  { scope: 'okta.directories.groups.manage', use: 'apply', why: 'add and remove members of AD groups (only with adGroups)', onlyWith: 'adGroups' },
  { scope: 'okta.agentPools.read', use: 'doctor', why: 'see whether the AD agents are connected (okta-ou doctor only)' },
  { scope: 'okta.users.read', use: 'explain', why: 'find one user and their groups (okta-ou explain only)' },
];

/** Which commands each use covers (validate needs no Okta access at all). */
export const SCOPE_USE_COMMANDS: Record<ScopeUse, string> = {
  plan: 'plan, export, the drift job',
  apply: 'apply (plan’s scopes, plus these)',
  doctor: 'doctor (plan’s scopes, plus this)',
  explain: 'explain (plan’s scopes, plus this)',
};

export const SCOPE_USES: readonly ScopeUse[] = ['plan', 'apply', 'doctor', 'explain'];

/**
 * Every scope the use needs, in table order; `apply`, `doctor` and `explain` include the `plan` scopes.
 * Scopes of a feature (`onlyWith`) only when the mappings use it; optional ones never (a service app not
 * granted a scope it asks for gets no token at all).
 */
export function commandScopes(use: ScopeUse, features: ScopeFeatures = {}): string[] {
  // A scope may be listed for two uses (okta.users.read: plan with adGroups, and explain): once here.
  return [...new Set(OKTA_SCOPES.filter((s) => (s.use === 'plan' || s.use === use) && !s.optional && (!s.onlyWith || features[s.onlyWith])).map((s) => s.scope))];
}

const featureScopes = (use: ScopeUse, feature: ScopeFeature = 'adGroups'): string =>
  OKTA_SCOPES.filter((s) => s.onlyWith === feature && s.use === use).map((s) => `\`${s.scope}\``).join(', ');

/** The table as Markdown, for the README (Use it in CI). */
export function renderScopesMarkdown(): string {
  const rows = OKTA_SCOPES.map((s) => `| \`${s.scope}\` | ${s.use} | ${s.why} |`);
  return [
    '| scope | needed by | why |',
    '|---|---|---|',
    ...rows,
    '',
    `- plan: \`OKTA_CLIENT_SCOPES="${commandScopes('plan').join(' ')}"\``,
    `- apply: \`OKTA_CLIENT_SCOPES="${commandScopes('apply').join(' ')}"\``,
    `- doctor: \`OKTA_CLIENT_SCOPES="${commandScopes('doctor').join(' ')}"\``,
    `- explain: \`OKTA_CLIENT_SCOPES="${commandScopes('explain').join(' ')}"\``,
    `- with \`adGroups\` in the mappings, plan adds ${featureScopes('plan')} and apply adds ${featureScopes('apply')} (\`okta-ou scopes\` prints the lists for your mappings)`,
    `- with \`attributeMappings\` properties in the mappings, plan (and so apply) adds ${featureScopes('plan', 'attributeMappings')}`,
    `- optional for plan (and so apply): ${OKTA_SCOPES.filter((s) => s.optional && s.use === 'plan').map((s) => `\`${s.scope}\``).join(', ')}; grant it and add it to \`OKTA_CLIENT_SCOPES\` for fewer reads`,
    '',
  ].join('\n');
}
