/** A Markdown table with aligned columns; by default the first is left-aligned and the rest (figures) right-aligned. */
export function mdTable(head: string[], body: string[][], rightAligned: (column: number) => boolean = (i) => i > 0): string {
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((x, i) => (rightAligned(i) ? x.padStart(width[i]) : x.padEnd(width[i]))).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
