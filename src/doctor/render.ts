/**
 * Doctor's report as text (one line per check: ✓, ! or ✗, with what to do on the next line) and as JSON
 * (sorted keys). Pure. Text quoted from Okta (group names, labels, OUs) is made terminal-safe.
 */
import chalk from 'chalk';
import { stringifySorted } from '../model/sorted-json';
import { terminalSafe } from '../render/terminal-safe';
import type { DoctorLine, DoctorStatus } from './types';

const MARK: Record<DoctorStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

function counts(lines: readonly DoctorLine[]): Record<DoctorStatus, number> {
  const out: Record<DoctorStatus, number> = { ok: 0, warn: 0, fail: 0 };
  for (const l of lines) out[l.status]++;
  return out;
}

export function renderDoctorText(orgUrl: string, lines: readonly DoctorLine[], opts: { color: boolean }): string {
  const c = new chalk.Instance({ level: opts.color ? 1 : 0 });
  const paint: Record<DoctorStatus, (s: string) => string> = { ok: c.green, warn: c.yellow, fail: c.red };
  const out = [`okta-ou doctor: ${terminalSafe(orgUrl)} (read-only)`];
  for (const l of lines) {
    out.push(`${paint[l.status](MARK[l.status])} ${terminalSafe(l.message)}`);
    if (l.hint) out.push(`  ${c.dim('hint:')} ${terminalSafe(l.hint)}`);
  }
  const n = counts(lines);
  out.push('', `${n.ok} ✓, ${n.warn} !, ${n.fail} ✗${n.fail > 0 ? ': fix the ✗ lines and run okta-ou doctor again' : ''}`, '');
  return out.join('\n');
}

export function renderDoctorJson(orgUrl: string, lines: readonly DoctorLine[], exitCode: number): string {
  return stringifySorted({ orgUrl, exitCode, summary: counts(lines), checks: lines });
}
