/**
 * Findings as GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), so a
 * mistake in a mapping file is marked on the pull request's diff. Escaping follows GitHub's workflow-command
 * rules (the runner's `escapeData` / `escapeProperty`): in the message `%`, CR and LF; in a property also
 * `:` and `,`. A command that starts inside a message cannot be injected: no newline survives. Pure.
 */
import type { Finding } from '../model/types';
import { findingLocation, sortFindings } from './findings';
import { showInvisible } from './terminal-safe';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One line per finding; file-less (live) findings carry their place in the title instead. */
export function renderGithubAnnotations(findings: readonly Finding[]): string {
  return sortFindings(findings)
    .map((f) => {
      const props: string[] = [];
      if (f.file !== undefined) {
        props.push(`file=${escapeProperty(f.file)}`);
        if (f.line !== undefined) props.push(`line=${f.line}`);
        if (f.line !== undefined && f.column !== undefined) props.push(`col=${f.column}`);
      }
      const where = f.file === undefined ? findingLocation(f) : '';
      props.push(`title=${escapeProperty(`${f.code}${where ? ` (${where})` : ''}`)}`);
      const message = f.hint ? `${f.message}\nhint: ${f.hint}` : f.message;
      // Invisible characters and lookalike letters as escapes, as on the terminal (terminal-safe.ts).
      return `::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(showInvisible(message))}\n`;
    })
    .join('');
}
