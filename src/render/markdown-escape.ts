/**
 * Escaping for text that comes from Okta or the files (group names, DNs, expressions, messages) when it is
 * put into GitHub-flavoured Markdown, inside table cells or not. Pure.
 *
 * `<`, `>` and `&` become entities so no HTML (`<script>`, `<!-- okta-ou:plan -->`, `</details>`) can be
 * injected; `|` becomes `&#124;` because GFM splits table rows on `|` before inline parsing; Markdown
 * punctuation that acts mid-line is backslash-escaped so `*`, `_`, `[` … stay literal (our cells and list
 * items never start a line, so line-start markers like `#`, `-`, `+` need nothing); `@` is followed by a
 * zero-width space so a group named `@org/team` does not mention anyone in a PR comment. Invisible
 * characters and lookalike letters are shown as `\uXXXX` escapes, as on the terminal (terminal-safe.ts).
 */
import { showInvisible } from './terminal-safe';
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '&#124;', '@': '@&#8203;', '"': '&quot;' };

export function escapeMarkdown(s: string): string {
  return (
    // eslint-disable-next-line no-control-regex
    showInvisible(s.replace(/[\u0000-\u001f\u007f]+/g, ' '))
      .replace(/[&<>|@"]/g, (ch) => ENTITIES[ch]!)
      .replace(/[\\`*_[\]~]/g, (ch) => `\\${ch}`)
  );
}

/** As inline code: literal, cannot break the table or the page, and GitHub links no mentions inside it. */
export function mdCode(s: string): string {
  return `<code>${escapeMarkdown(s)}</code>`;
}
