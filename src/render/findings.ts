/**
 * Findings as text (compiler style, one line each with the fix on the next) and as JSON (sorted keys).
 * Pure: returns strings; the CLI writes them. Shared by `validate` and the plan renderers.
 *
 *   mappings/corp.yaml:14:13: error OU_NOT_IMPORT_OU group "Engineering" targets …
 *     hint: add its parent to importOUs, or …
 */
import chalk from 'chalk';
import type { Finding, Severity } from '../model/types';
import { plural } from './plural';
import { sortKeysDeep, stringifySorted } from '../model/sorted-json';
import { terminalSafe } from './terminal-safe';

export interface RenderFindingsOptions {
  /** ANSI colour (decided by the CLI from TTY / --no-color / NO_COLOR). Default false. */
  color?: boolean;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  // Missing values sort last, so file-located findings come before live ones.
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Orders findings by file, line, column (then directory, severity, code, message); returns a new array. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.line, b.line) ||
      cmp(a.column, b.column) ||
      cmp(a.directory, b.directory) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

/** Where a finding comes from: `file:line:col`, or the directory and Okta object for live findings. */
export function findingLocation(f: Finding): string {
  if (f.file !== undefined) {
    let loc = f.file;
    if (f.line !== undefined) loc += `:${f.line}`;
    if (f.line !== undefined && f.column !== undefined) loc += `:${f.column}`;
    return loc;
  }
  const parts: string[] = [];
  if (f.directory !== undefined) parts.push(f.directory);
  if (f.object) parts.push(`${f.object.type} ${f.object.id}${f.object.name !== undefined ? ` "${f.object.name}"` : ''}`);
  return parts.join(' ');
}

/** One finding as text: the headline line, then `  hint: …` and `  see: …` (related places) lines. */
function renderFindingText(f: Finding, opts: RenderFindingsOptions = {}): string {
  const c = new chalk.Instance({ level: opts.color ? 1 : 0 });
  const sev = f.severity === 'error' ? c.red(f.severity) : f.severity === 'warning' ? c.yellow(f.severity) : c.cyan(f.severity);
  // Messages, hints and Okta object names quote group names and app labels from Okta: see terminal-safe.ts.
  const loc = terminalSafe(findingLocation(f));
  let out = `${loc ? `${c.bold(loc)}: ` : ''}${sev} ${c.bold(f.code)} ${terminalSafe(f.message)}\n`;
  if (f.hint) out += `  ${c.dim('hint:')} ${terminalSafe(f.hint)}\n`;
  for (const r of f.related ?? []) out += `  ${c.dim('see:')} ${terminalSafe(`${r.file}:${r.line}:${r.column}`)}\n`;
  return out;
}

/** All findings as text, sorted by file, line, column. Empty string for no findings. */
export function renderFindingsText(findings: readonly Finding[], opts: RenderFindingsOptions = {}): string {
  return sortFindings(findings)
    .map((f) => renderFindingText(f, opts))
    .join('');
}

/** Counts by severity. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/** "2 errors, 1 warning in 3 files" (infos are named only when present; the file part only when given). */
export function summariseFindings(findings: readonly Finding[], fileCount?: number): string {
  const n = countFindings(findings);
  let s = `${plural(n.errors, 'error')}, ${plural(n.warnings, 'warning')}`;
  if (n.infos > 0) s += `, ${plural(n.infos, 'info')}`;
  if (fileCount !== undefined) s += ` in ${plural(fileCount, 'file')}`;
  return s;
}

/** The findings (sorted by file, line, column) as plain objects with sorted keys, for embedding in JSON output. */
export function findingsToJson(findings: readonly Finding[]): unknown[] {
  return sortFindings(findings).map((f) => sortKeysDeep(f));
}

/**
 * `{ "files": [...], "findings": [...], "summary": { errors, warnings, infos } }` as sorted-key JSON text
 * (`okta-ou validate --format json`); `files` (the files read) only when given.
 */
export function renderFindingsJson(findings: readonly Finding[], files?: readonly string[]): string {
  return stringifySorted({ files, findings: findingsToJson(findings), summary: countFindings(findings) });
}
