/** "Did you mean …?" for misspelt keys and enum values. Pure. */
import { foldName } from '../model/fold-name';

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The allowed word closest to `word`, when it is close enough to be a likely misspelling: a difference
 * only in case, whitespace, invisible characters or lookalike letters always qualifies (foldName);
 * otherwise at most max(1, ⌊length/3⌋) edits of the folded forms.
 */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  const w = foldName(word);
  let best: { s: string; d: number } | undefined;
  for (const s of allowed) {
    const d = editDistance(w, foldName(s));
    if (!best || d < best.d) best = { s, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(1, Math.floor(Math.max(word.length, best.s.length) / 3)) ? best.s : undefined;
}
