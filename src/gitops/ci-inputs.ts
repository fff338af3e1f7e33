/**
 * Reading what the workflows hand to `okta-ou ci` from `gh`, leniently: `gh issue list --json …` gives an
 * array with upper-case states; `gh api --paginate` gives one array per page, concatenated or (with
 * --slurp) nested, or one object per line with --jq. Pure (text in, values out).
 */
import { OktaOuError } from '../errors';
import { type ExistingIssue, driftIssueTitle, readDriftMarker } from './drift-issue';
import type { PrComment } from './pr-comment';
import type { Finding } from '../model/types';
import type { ApplyResult } from '../apply/execute';

/** Splits back-to-back JSON values ("[…][…]" from `gh api --paginate`, or JSON lines) at the top level. */
function splitJsonValues(t: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 0 && !/[\s[{]/.test(ch)) throw new Error(`unexpected "${ch}" between JSON values at offset ${i}`);
    if (ch === '"') inString = true;
    if (ch === '[' || ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) out.push(t.slice(start, i + 1));
    }
  }
  if (depth !== 0 || inString) throw new Error('unexpected end of input');
  return out;
}

function parseJsonLenient(text: string, what: string): unknown[] {
  const t = text.trim();
  if (t === '') return [];
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? v.flat() : [v];
  } catch {
    try {
      return splitJsonValues(t).flatMap((part) => {
        const v: unknown = JSON.parse(part);
        return Array.isArray(v) ? v.flat() : [v];
      });
    } catch (e) {
      throw new OktaOuError('CI_INPUT_INVALID', `${what} is not JSON: ${(e as Error).message}`, {
        hint: 'pass the output of `gh issue list --json number,title,body,state` / `gh api --paginate …/comments`',
      });
    }
  }
}

/**
 * Our issue among `issues` (`gh issue list --json number,title,body,state`): those titled `title` or
 * carrying our marker; an open one first (the oldest), else the most recent closed one; undefined when
 * there is none.
 */
export function pickIssue(text: string, title: string, hasMarker: (body: string) => boolean): ExistingIssue | undefined {
  const found: ExistingIssue[] = [];
  for (const raw of parseJsonLenient(text, 'the existing-issue file')) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as { number?: unknown; title?: unknown; body?: unknown; state?: unknown };
    if (typeof r.number !== 'number') continue;
    const body = typeof r.body === 'string' ? r.body : '';
    // Ours only by the exact title or our marker: an issue listed without a title (a `--json` field list
    // that left it out) is not evidence, and updating or closing someone else's issue would be worse.
    if (r.title !== title && !hasMarker(body)) continue;
    found.push({ number: r.number, body, state: String(r.state ?? 'open').toLowerCase() === 'closed' ? 'closed' : 'open' });
  }
  const open = found.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
  if (open.length > 0) return open[0];
  return found.sort((a, b) => b.number - a.number)[0];
}

/** The drift issue (of `org`) among `issues` (see pickIssue). */
export function pickDriftIssue(text: string, org?: string): ExistingIssue | undefined {
  return pickIssue(text, driftIssueTitle(org), (body) => readDriftMarker(body, org) !== undefined);
}

/** The findings of `okta-ou validate --format json` (`{ "findings": [...] }`), those well-formed. */
export function parseValidateFindings(text: string): Finding[] {
  const out: Finding[] = [];
  for (const raw of parseJsonLenient(text, 'the validate output')) {
    const list = raw !== null && typeof raw === 'object' ? (raw as { findings?: unknown }).findings : undefined;
    if (!Array.isArray(list)) continue;
    for (const f of list as Array<Partial<Finding>>) {
      if (typeof f?.code === 'string' && typeof f.message === 'string' && ['error', 'warning', 'info'].includes(String(f.severity))) out.push(f as Finding);
    }
  }
  return out;
}

/** The result of `okta-ou apply --format json`, or undefined when the text holds none. */
export function parseApplyResult(text: string): ApplyResult | undefined {
  const [raw] = parseJsonLenient(text, 'the apply result');
  const r = raw as Partial<ApplyResult> | undefined;
  if (!r || !Array.isArray(r.applied) || !Array.isArray(r.partial) || !Array.isArray(r.notAttempted) || typeof r.requests !== 'object') return undefined;
  return { unverified: [], mismatches: [], restored: [], verified: false, interrupted: false, failed: null, ...r } as ApplyResult;
}

/** The PR's comments as `{ id, body, author }` (`gh api …/issues/N/comments`: `user.login`). */
export function parseComments(text: string): PrComment[] {
  const out: PrComment[] = [];
  for (const raw of parseJsonLenient(text, 'the comments file')) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as { id?: unknown; body?: unknown; user?: { login?: unknown } | null };
    const author = typeof r.user?.login === 'string' ? { author: r.user.login } : {};
    if (typeof r.id === 'number') out.push({ id: r.id, body: typeof r.body === 'string' ? r.body : '', ...author });
  }
  return out;
}
