/**
 * The "this pull request vs drift already there" section of a plan made with `--base-mappings`, as
 * Markdown (the PR comment) and as text (the terminal). Pure.
 */
import type { Change } from '../model/types';
import type { PrEffect } from '../gitops/pr-effect';
import { describeChange } from '../apply/render-result';
import { escapeMarkdown as esc } from './markdown-escape';
import { plural } from './plural';
import { terminalSafe } from './terminal-safe';

/** Rows listed per part; the full plan is below the section and in the JSON plan. */
const MAX_LISTED = 30;
const MARK: Record<Change['action'], string> = { create: '+', update: '~', delete: '-', reorder: '↕' };

function listed<T>(changes: Change[], line: (c: Change) => T, more: (n: number) => T): T[] {
  const shown = changes.slice(0, MAX_LISTED).map(line);
  return changes.length > MAX_LISTED ? [...shown, more(changes.length - MAX_LISTED)] : shown;
}

const INTRO = (n: number): string => `${plural(n, 'change')} from this pull request`;
const EXISTING = (n: number): string => `${plural(n, 'change')} of drift already there on the base branch (not caused by this pull request; merging applies ${n === 1 ? 'it' : 'them'} too)`;
const REPLACED = (n: number): string => `${plural(n, 'change')} of drift on the base branch that this pull request accepts or replaces`;

export function renderPrEffectMarkdown(effect: PrEffect): string {
  const md = (changes: Change[]): string =>
    listed(changes, (c) => `- \`${MARK[c.action]}\` ${esc(describeChange(c))}`, (n) => `- … and ${n} more (see the plan below)`).join('\n');
  const out = ['### What this pull request changes', ''];
  out.push(effect.introduced.length === 0 ? '**Nothing: this pull request changes nothing in Okta.**' : `**${INTRO(effect.introduced.length)}:**\n\n${md(effect.introduced)}`);
  out.push('', '### Drift already there', '');
  if (effect.existing.length === 0 && effect.replaced.length === 0) out.push('None: Okta matches the base branch’s files.');
  if (effect.existing.length > 0) out.push(`**${EXISTING(effect.existing.length)}:**`, '', md(effect.existing));
  if (effect.replaced.length > 0) out.push(...(effect.existing.length > 0 ? [''] : []), `**${REPLACED(effect.replaced.length)}:**`, '', md(effect.replaced));
  return `${out.join('\n')}\n\n`;
}

export function renderPrEffectText(effect: PrEffect): string {
  const txt = (changes: Change[]): string[] => listed(changes, (c) => `  ${MARK[c.action]} ${terminalSafe(describeChange(c))}`, (n) => `  … and ${n} more`);
  const out = [effect.introduced.length === 0 ? 'This pull request changes nothing in Okta.' : `${INTRO(effect.introduced.length)}:`, ...txt(effect.introduced)];
  if (effect.existing.length > 0) out.push(`${EXISTING(effect.existing.length)}:`, ...txt(effect.existing));
  if (effect.replaced.length > 0) out.push(`${REPLACED(effect.replaced.length)}:`, ...txt(effect.replaced));
  if (effect.existing.length === 0 && effect.replaced.length === 0) out.push('No drift: Okta matches the base branch’s files.');
  return `${out.join('\n')}\n\n`;
}
