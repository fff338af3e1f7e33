/**
 * Reading what the workflows hand to `okta-ou ci` from `gh`, leniently: `gh issue list --json …` gives an
 * array with upper-case states; `gh api --paginate` gives one array per page, concatenated or (with
 * --slurp) nested, or one object per line with --jq. Pure (text in, values out).
 */
import { OktaOuError } from '../errors';
import { DRIFT_ISSUE_TITLE, type ExistingIssue, readDriftMarker } from './drift-issue';
import type { PrComment } from './pr-comment';

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
 * The drift issue among `issues`: those titled as ours or carrying our marker; an open one first
 * (the oldest), else the most recent closed one; undefined when there is none.
 */
export function pickDriftIssue(text: string): ExistingIssue | undefined {
  const found: ExistingIssue[] = [];
  for (const raw of parseJsonLenient(text, 'the existing-issue file')) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as { number?: unknown; title?: unknown; body?: unknown; state?: unknown };
    if (typeof r.number !== 'number') continue;
    const body = typeof r.body === 'string' ? r.body : '';
    // Ours only by the exact title or our marker: an issue listed without a title (a `--json` field list
    // that left it out) is not evidence, and updating or closing someone else's issue would be worse.
    if (r.title !== DRIFT_ISSUE_TITLE && readDriftMarker(body) === undefined) continue;
    found.push({ number: r.number, body, state: String(r.state ?? 'open').toLowerCase() === 'closed' ? 'closed' : 'open' });
  }
  const open = found.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
  if (open.length > 0) return open[0];
  return found.sort((a, b) => b.number - a.number)[0];
}

/** The PR's comments as `{ id, body }`. */
export function parseComments(text: string): PrComment[] {
  const out: PrComment[] = [];
  for (const raw of parseJsonLenient(text, 'the comments file')) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as { id?: unknown; body?: unknown };
    if (typeof r.id === 'number') out.push({ id: r.id, body: typeof r.body === 'string' ? r.body : '' });
  }
  return out;
}
