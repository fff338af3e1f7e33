/**
 * Doctor's org-wide lines (pure): connection and credentials, granted scopes against `okta-ou scopes`,
 * group-search case, rate-limit headroom.
 */
import { commandScopes } from '../okta/command-scopes';
import type { DoctorFacts, DoctorLine, ReadFailure } from './types';

const SCOPES_WHERE = 'Admin Console > Applications > Applications > the service app > Okta API Scopes';

export function failLine(check: DoctorLine['check'], what: string, f: ReadFailure, directory?: string): DoctorLine {
  return { check, status: 'fail', message: `${what}: ${f.message}`, ...(f.hint ? { hint: f.hint } : {}), ...(directory ? { directory } : {}) };
}

export function connectionLines(facts: DoctorFacts): DoctorLine[] {
  const a = facts.access;
  if (a.failure) return [failLine('connection', `cannot use ${a.orgUrl}`, a.failure)];
  const who = a.mode === 'SSWS' ? 'an SSWS API token' : `the OAuth service app ${a.clientId}`;
  const reads = commandScopes('doctor');
  if (a.mode === 'PrivateKey' && !reads.some((s) => a.granted?.includes(s))) {
    return [{ check: 'connection', status: 'fail', message: `${a.orgUrl} gave ${who} a token, but with none of the scopes okta-ou reads with`, hint: `grant ${commandScopes('plan').join(' ')} under ${SCOPES_WHERE}` }];
  }
  return [{ check: 'connection', status: 'ok', message: `connected to ${a.orgUrl} with ${who}` }];
}

/** Granted scopes against what plan and apply need (`okta-ou scopes`); OKTA_CLIENT_SCOPES against the grant. */
export function scopeLines(facts: DoctorFacts): DoctorLine[] {
  const a = facts.access;
  if (a.failure) return [];
  if (a.mode === 'SSWS') {
    return [
      {
        check: 'scopes',
        status: 'ok',
        message: 'scopes do not apply to an SSWS API token: it acts with all the rights of the admin who created it',
        hint: 'for least privilege use an OAuth service app granted only `okta-ou scopes --for plan` for plan and drift (README: Use it in CI)',
      },
    ];
  }
  const granted = new Set(a.granted ?? []);
  const lacking = (scopes: string[]): string[] => scopes.filter((s) => !granted.has(s));
  const lines: DoctorLine[] = [];
  const plan = lacking(commandScopes('plan'));
  lines.push(
    plan.length === 0
      ? { check: 'scopes', status: 'ok', message: `the service app is granted every scope plan needs (${commandScopes('plan').join(' ')})` }
      : { check: 'scopes', status: 'fail', message: `the service app is not granted ${plan.join(', ')}, which plan needs`, hint: `grant ${plan.join(' ')} under ${SCOPES_WHERE} (okta-ou scopes --for plan lists them)` },
  );
  const apply = lacking(commandScopes('apply').filter((s) => !commandScopes('plan').includes(s)));
  lines.push(
    apply.length === 0
      ? { check: 'scopes', status: 'ok', message: `the service app is granted the scopes apply needs too (${commandScopes('apply').filter((s) => !commandScopes('plan').includes(s)).join(' ')})` }
      : {
          check: 'scopes',
          status: 'warn',
          message: `the service app is not granted ${apply.join(', ')}: it can plan but not apply`,
          hint: `right for the read-only credentials of plan and drift; the credentials apply runs with need them (okta-ou scopes --for apply)`,
        },
  );
  const asked = lacking(a.envScopes ?? []);
  if (asked.length > 0) {
    lines.push({
      check: 'scopes',
      status: 'fail',
      message: `OKTA_CLIENT_SCOPES asks for ${asked.join(', ')}, which the service app is not granted: every command would be refused a token`,
      hint: 'leave those out of OKTA_CLIENT_SCOPES, or unset it so each command asks for exactly what it needs, or grant them',
    });
  }
  return lines;
}

/** Whether `search=profile.name eq` ignores case here (docs/okta-api.md §6 leaves it open). */
export function groupSearchLines(facts: DoctorFacts): DoctorLine[] {
  if (facts.access.failure) return [];
  if (facts.groupSearchFailure) return [failLine('group-search', 'group search', facts.groupSearchFailure)];
  const s = facts.groupSearch;
  if (!s) return [{ check: 'group-search', status: 'warn', message: `group search case: ${facts.groupSearchSkipped ?? 'not checked'}` }];
  return [
    s.found
      ? {
          check: 'group-search',
          status: 'ok',
          message: `group search ignores case in this org: "${s.searched}" finds "${s.name}"`,
          hint: 'a group name in other case in the files still resolves; when two groups differ only in case, the exact spelling wins',
        }
      : {
          check: 'group-search',
          status: 'ok',
          message: `group search is case-sensitive in this org: "${s.searched}" does not find "${s.name}"`,
          hint: 'write group names in the files exactly as Okta spells them, or use the group id (00g…)',
        },
  ];
}

/** Headroom of each bucket doctor used: below okta-ou's share left, plan and apply will wait for resets. */
export function rateLimitLines(facts: DoctorFacts): DoctorLine[] {
  const buckets = Object.entries(facts.rateLimits).sort(([a], [b]) => (a < b ? -1 : 1));
  if (buckets.length === 0) return [];
  const shown = buckets.map(([b, r]) => `${b} ${r.remaining}/${r.limit}`).join(', ');
  const pct = Math.round(facts.maxCapacity * 100);
  const tight = buckets.filter(([, r]) => r.remaining < r.limit * facts.maxCapacity).map(([b]) => b);
  if (tight.length === 0) {
    return [{ check: 'rate-limits', status: 'ok', message: `rate-limit headroom this minute: ${shown} left (okta-ou uses at most ${pct} % of each)` }];
  }
  return [
    {
      check: 'rate-limits',
      status: 'warn',
      message: `rate-limit headroom this minute: ${shown} left; less than okta-ou's ${pct} % share is left in ${tight.join(', ')}`,
      hint: 'another client is using these buckets: plan and apply will wait for the windows to reset; see Admin Console > Reports > Rate Limits',
    },
  ];
}
