import { foldForMatching } from './text-fold.normaliser';

/** Street-type words and their abbreviations, by the short form both become. */
const STREET_WORDS: Readonly<Record<string, string>> = {
  street: 'st',
  str: 'str',
  strasse: 'str',
  road: 'rd',
  avenue: 'ave',
  av: 'ave',
  lane: 'ln',
  drive: 'dr',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  gatan: 'g',
  gata: 'g',
  gaten: 'g',
  vagen: 'v',
  veien: 'v',
  vegen: 'v',
  vei: 'v',
  veg: 'v',
  vej: 'v',
  gade: 'g',
  katu: 'k',
  tie: 't',
  sokak: 'sk',
  sokagi: 'sk',
  sok: 'sk',
  caddesi: 'cd',
  cad: 'cd',
  mahallesi: 'mh',
  mah: 'mh',
  bulvari: 'blv',
};

/**
 * Compound endings written joined to the street name in Nordic and German addresses
 * ("Storgatan" = "Storg.", "Ringvägen" = "Ringv.", "Hauptstraße" = "Hauptstr."), longest first.
 */
const COMPOUND_ENDINGS: readonly [string, string][] = [
  ['strasse', 'str'],
  ['gatan', 'g'],
  ['vagen', 'v'],
  ['veien', 'v'],
  ['vegen', 'v'],
  ['gaten', 'g'],
  ['gata', 'g'],
  ['gade', 'g'],
  ['katu', 'k'],
  ['vej', 'v'],
  ['tie', 't'],
];

/** Words that say nothing about the place ("No. 5", "Nr 5"). */
const FILLER_WORDS: ReadonlySet<string> = new Set(['no', 'nr', 'number']);

/**
 * Comparison form of an address line: folded, punctuation removed, street-type words and
 * their abbreviations reduced to one short form ("Storgatan 5" and "Storg. 5" -> "storg 5",
 * "12 Main Street" and "12 Main St." -> "12 main st").
 */
export function streetKey(line: string): string {
  const words = foldForMatching(line)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !FILLER_WORDS.has(word));
  return words.map(shortenStreetWord).join(' ');
}

function shortenStreetWord(word: string): string {
  const short = STREET_WORDS[word];
  if (short !== undefined) return short;
  for (const [ending, replacement] of COMPOUND_ENDINGS) {
    if (word.length > ending.length + 2 && word.endsWith(ending)) {
      return word.slice(0, word.length - ending.length) + replacement;
    }
  }
  return word;
}

/** Postal code without spaces or dashes, upper case ("SW1A 1AA" -> "SW1A1AA", "114 55" -> "11455"). */
export function postalCodeKey(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}
