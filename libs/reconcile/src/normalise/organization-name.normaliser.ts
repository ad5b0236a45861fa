import { foldForMatching } from './text-fold.normaliser';

/**
 * Legal-form words, after folding and removing dots and slashes (`A/S` -> `as`,
 * `S.p.A.` -> `spa`, `A.Ş.` -> `as`, `Ltd. Şti.` -> `ltd sti`). They are dropped only at the
 * ends of a name, where legal forms are written (`Acme AB`, `AB Volvo`), never in the middle.
 * The Turkish trade words (`Sanayi ve Ticaret`) are written, abbreviated or left out freely.
 */
export const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set([
  // English
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'co',
  // German
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ohg',
  'ug',
  'ev',
  // Nordic
  'ab',
  'aktiebolag',
  'aktieselskab',
  'aksjeselskap',
  'osakeyhtio',
  'aktiengesellschaft',
  'publ',
  'hb',
  'kb',
  'oy',
  'oyj',
  'ky',
  'as',
  'asa',
  'aps',
  'is',
  'ks',
  'amba',
  // Dutch, Belgian, French, Italian, Spanish
  'bv',
  'nv',
  'vof',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'sl',
  'se',
  // Turkish
  'sti',
  'sirketi',
  'anonim',
  'san',
  'sanayi',
  'tic',
  'ticaret',
]);

/** "and" in the languages of the countries served, and the ampersand. */
const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'och', 'og', 'und', 've', 'et', 'y']);

export interface OrganizationNameKey {
  /** Core words, space separated: `acme nordic` for "ACME Nordic AB". Empty when nothing is left. */
  words: string;
  /** The words without spaces, for exact comparison: `acmenordic`. */
  compact: string;
}

/**
 * The comparison form of an organization name: folded (accents, Nordic and Turkish letters),
 * punctuation removed, `&`/`and` dropped, legal forms removed from both ends. A name made of
 * legal-form words only keeps its last word, so it never becomes empty.
 */
export function organizationNameKey(name: string): OrganizationNameKey {
  const words = foldForMatching(name)
    .replace(/[.'’/-]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !CONJUNCTIONS.has(word));
  let start = 0;
  let end = words.length;
  while (end - start > 1 && LEGAL_FORM_WORDS.has(words[end - 1] ?? '')) end -= 1;
  while (end - start > 1 && LEGAL_FORM_WORDS.has(words[start] ?? '')) start += 1;
  const core = words.slice(start, end);
  return { words: core.join(' '), compact: core.join('') };
}
