/**
 * A name folded for "did you mean": what a person would not tell apart on screen counts as the same. NFKC
 * (full-width and compatibility forms), invisible characters removed (U+200B, U+FEFF, bidi controls …),
 * Cyrillic and Greek lookalikes mapped to the Latin letter they resemble, lower case, runs of whitespace
 * as one space, trimmed. Only for suggestions: matching itself stays exact (docs/okta-api.md §6). Pure.
 */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0]/gu;
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'm', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'giu');

/** The name as it reads: no invisible characters, lookalikes as Latin (case kept), whitespace collapsed. */
export function readableName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(LOOKALIKE, (c) => {
      const latin = LOOKALIKES[c.toLowerCase()] ?? c;
      return c === c.toLowerCase() ? latin : latin.toUpperCase();
    })
    .replace(/\s+/gu, ' ')
    .trim();
}

export function foldName(s: string): string {
  return readableName(s).toLowerCase();
}
