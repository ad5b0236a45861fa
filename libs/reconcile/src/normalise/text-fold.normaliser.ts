/** Letters that Unicode decomposition does not reduce to a base Latin letter. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
};
/** Printable ASCII and ordinary whitespace: nothing in it to decompose or fold. */
const PLAIN_ASCII = /^[\t\n\r -~]*$/;
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/**
 * Lower-case ASCII-ish form for comparison: accents stripped (NFD), Nordic and Turkish
 * letters reduced to their base letter (å ä -> a, ö ø -> o, ş -> s, ğ -> g, ç -> c).
 * Turkish needs care: `İ` lower-cases to `i` plus a combining dot (stripped with the other
 * marks) and dotless `ı` has no decomposition, so it is mapped explicitly. Whitespace is
 * collapsed; other characters are kept for the caller to deal with.
 */
export function foldForMatching(text: string): string {
  // The common case, taken without the Unicode passes.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(/\s+/g, ' ').trim();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Folded, with every run of non-alphanumeric characters turned into one space. */
export function foldToWords(text: string): string {
  return foldForMatching(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
