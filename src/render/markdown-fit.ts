/**
 * Fitting a Markdown document under a size limit by dropping the middle of its tables (GitHub refuses
 * comments over 65,536 characters; Atlantis and safe-settings users hit this with large plans, see
 * docs/anchors.md §10.14). Only whole rows are dropped; a table cut in two is closed and re-opened with
 * its header, so no table and no `<details>` pair is ever broken. Pure.
 */

/** A piece of the document that is always kept. */
export interface FixedPart {
  kind: 'fixed';
  text: string;
}

/** A table (possibly inside `<details>`): `open` + rows + `close`; `reopen` starts its continuation. */
export interface TablePart {
  kind: 'table';
  open: string;
  reopen: string;
  close: string;
  /** One line each, ending in "\n". */
  rows: string[];
  /** What each row stands for, for the "not shown" notice. */
  unit: 'change' | 'finding' | 'none';
  /** How many units each row counts for (default 1; e.g. 0 for the move lines under a reorder). */
  weights?: number[];
}

export type DocPart = FixedPart | TablePart;

export interface FitResult {
  text: string;
  droppedChanges: number;
  droppedFindings: number;
}

/**
 * Joins the parts; when the result would be `maxChars` or longer, keeps the head and the tail of the rows
 * and puts `notice(droppedChanges, droppedFindings)` where the middle was.
 */
export function fitMarkdown(parts: DocPart[], maxChars: number, notice: (changes: number, findings: number) => string): FitResult {
  const whole = parts.map((p) => (p.kind === 'fixed' ? p.text : p.open + p.rows.join('') + p.close)).join('');
  if (whole.length < maxChars) return { text: whole, droppedChanges: 0, droppedFindings: 0 };

  const items: Array<{ part: number; row: number; len: number }> = [];
  let fixed = 0;
  let reserve = 0;
  let totalChanges = 0;
  let totalFindings = 0;
  parts.forEach((p, i) => {
    if (p.kind === 'fixed') {
      fixed += p.text.length;
      return;
    }
    fixed += p.open.length + p.close.length;
    reserve = Math.max(reserve, p.reopen.length + p.close.length);
    p.rows.forEach((r, j) => items.push({ part: i, row: j, len: r.length }));
    const units = p.rows.reduce((n, _r, j) => n + (p.weights?.[j] ?? 1), 0);
    if (p.unit === 'change') totalChanges += units;
    if (p.unit === 'finding') totalFindings += units;
  });
  // The notice with the largest numbers it could carry bounds its length.
  const budget = maxChars - 1 - fixed - reserve - notice(totalChanges, totalFindings).length;

  let head = 0;
  let used = 0;
  while (head < items.length && used + items[head]!.len <= budget / 2) used += items[head++]!.len;
  let tail = items.length;
  while (tail > head && used + items[tail - 1]!.len <= budget) used += items[--tail]!.len;

  const dropped = new Set<string>();
  let droppedChanges = 0;
  let droppedFindings = 0;
  for (const it of items.slice(head, tail)) {
    dropped.add(`${it.part}/${it.row}`);
    const p = parts[it.part] as TablePart;
    const w = p.weights?.[it.row] ?? 1;
    if (p.unit === 'change') droppedChanges += w;
    if (p.unit === 'finding') droppedFindings += w;
  }
  const noticeText = notice(droppedChanges, droppedFindings);

  let out = '';
  let noticeDone = dropped.size === 0;
  parts.forEach((p, i) => {
    if (p.kind === 'fixed') {
      out += p.text;
      return;
    }
    let runs = 0;
    let run: string[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      out += (runs === 0 ? p.open : p.reopen) + run.join('') + p.close;
      runs++;
      run = [];
    };
    p.rows.forEach((r, j) => {
      if (dropped.has(`${i}/${j}`)) {
        flush();
        if (!noticeDone) {
          out += noticeText;
          noticeDone = true;
        }
      } else {
        run.push(r);
      }
    });
    flush();
    if (p.rows.length === 0) out += p.open + p.close;
  });
  return { text: out, droppedChanges, droppedFindings };
}
