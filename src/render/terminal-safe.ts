/**
 * Text from Okta or the files (group names, app labels, DNs, keys, finding messages that quote them) shown
 * on a terminal. Shown as visible `\uXXXX` escapes instead of themselves:
 * - every C0 and C1 control character (and DEL): Okta accepts them in group names and app labels, so an
 *   ESC sequence in one could move the cursor, recolour or retitle the terminal of whoever runs `plan`;
 * - invisible characters (format controls such as U+200B ZERO WIDTH SPACE, U+FEFF, bidi controls; line
 *   and paragraph separators; spaces other than U+0020), so `unknown key "import\u200bOUs"` does not read
 *   as a complaint about `importOUs`;
 * - Cyrillic and Greek letters inside a word that also has Latin letters (a Cyrillic "а" in "Mаrketing"),
 *   the lookalikes that make two different names print the same.
 * Pure.
 */
const escape = (ch: string): string => {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0]/gu;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}]/gu;

/** Invisible characters and lookalike letters as escapes (control characters left to the caller). */
export function showInvisible(s: string): string {
  return s.replace(WORD, (w) => (LATIN.test(w) ? w.replace(LOOKALIKE, escape) : w)).replace(INVISIBLE, escape);
}

export function terminalSafe(s: string): string {
  return showInvisible(s).replace(CONTROL, escape);
}
