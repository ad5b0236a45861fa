import { type CanonicalField, type CustomerKind } from '@crosswalk/model';
import { distance as levenshtein } from 'fastest-levenshtein';
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { type MatchFeatures } from '../normalise/match-features';

/** Level index a comparison returns when either side lacks the value: it contributes nothing. */
export const NULL_LEVEL = -1;

export interface ComparisonLevel {
  label: string;
  /**
   * Evidence no score outweighs: two people with different given names or birth dates,
   * two companies with different VAT numbers, are never linked by the scoring matcher.
   */
  veto: boolean;
}

/** One field comparison of one kind: ordered levels, most similar first. */
export interface ComparisonDefinition {
  name: string;
  field: CanonicalField;
  kind: CustomerKind;
  levels: readonly ComparisonLevel[];
  compare(a: MatchFeatures, b: MatchFeatures): number;
  /** Present when level 0 gets a term-frequency adjustment: the value the pair agrees on. */
  termOf?: (features: MatchFeatures) => readonly string[];
}

/** Per-character counts for `jaroWinklerFrom`; reused, as comparisons run millions of times. */
const characterCounts = new Int32Array(256);

/**
 * Jaro-Winkler similarity when it can reach `floor`; otherwise a value below `floor`. The
 * Jaro score is at most (c/|a| + c/|b| + 1) / 3 where c counts the characters the strings
 * share (its matches are a subset of them), and the Winkler boost only applies above 0.7
 * and grows with the score: when that bound stays under `floor` (at least 0.7) the pair is
 * answered without the full computation. Most blocked and sampled pairs are such.
 */
function jaroWinklerFrom(floor: number, a: string, b: string): number {
  if (a === b) return 1;
  for (let index = 0; index < a.length; index += 1) {
    const code = a.charCodeAt(index) & 255;
    characterCounts[code] = (characterCounts[code] ?? 0) + 1;
  }
  let shared = 0;
  for (let index = 0; index < b.length; index += 1) {
    const code = b.charCodeAt(index) & 255;
    const count = characterCounts[code] ?? 0;
    if (count > 0) {
      shared += 1;
      characterCounts[code] = count - 1;
    }
  }
  for (let index = 0; index < a.length; index += 1) characterCounts[a.charCodeAt(index) & 255] = 0;
  const jaroBound = shared === 0 ? 0 : (shared / a.length + shared / b.length + 1) / 3;
  let prefix = 0;
  const prefixLimit = Math.min(a.length, b.length, 4);
  while (prefix < prefixLimit && a[prefix] === b[prefix]) prefix += 1;
  const bound = jaroBound < 0.7 ? jaroBound : jaroBound + prefix * 0.1 * (1 - jaroBound);
  return bound < floor ? bound : jaroWinkler(a, b);
}

/** Levenshtein distance of at most one; strings whose lengths differ by more need no count. */
function withinOneEdit(a: string, b: string): boolean {
  return Math.abs(a.length - b.length) <= 1 && levenshtein(a, b) <= 1;
}

function levels(...labels: string[]): ComparisonLevel[] {
  return labels.map((label) => ({ label: label.replace(/!$/, ''), veto: label.endsWith('!') }));
}

function sharedValue(a: readonly string[], b: readonly string[]): boolean {
  for (const value of a) if (b.includes(value)) return true;
  return false;
}

/** The given name of `b` to compare with `a`'s: its family name when the pair is written swapped. */
function isSwapped(a: MatchFeatures, b: MatchFeatures): boolean {
  return (
    a.given !== '' &&
    a.family !== '' &&
    a.given !== b.given &&
    a.family !== b.family &&
    (a.given === b.family || a.family === b.given)
  );
}

/** Same name words, however the sources split or ordered them. */
function sameNameWords(a: MatchFeatures, b: MatchFeatures): boolean {
  return a.nameTokens !== '' && a.nameTokens.includes(' ') && a.nameTokens === b.nameTokens;
}

function compareGiven(a: MatchFeatures, b: MatchFeatures): number {
  const swapped = isSwapped(a, b);
  const other = swapped ? b.family : b.given;
  if (sameNameWords(a, b)) return 0;
  if (a.given === '' || other === '') return NULL_LEVEL;
  if (a.given === other) return 0;
  if (!swapped && a.givenCanonical === b.givenCanonical) return 1;
  const similarity = jaroWinklerFrom(0.8, a.given, other);
  if (similarity >= 0.92) return 2;
  if (similarity >= 0.8) return 3;
  if (withinOneEdit(a.given, other)) return 4;
  if (a.givenSound === (swapped ? b.familySound : b.givenSound)) return 5;
  if (a.given.length === 1 || other.length === 1) return a.given[0] === other[0] ? 6 : 7;
  return 7;
}

function compareFamily(a: MatchFeatures, b: MatchFeatures): number {
  const swapped = isSwapped(a, b);
  const other = swapped ? b.given : b.family;
  if (sameNameWords(a, b)) return 0;
  if (a.family === '' || other === '') return NULL_LEVEL;
  if (a.family === other) return 0;
  const similarity = jaroWinklerFrom(0.8, a.family, other);
  if (similarity >= 0.92) return 1;
  if (similarity >= 0.8) return 2;
  if (a.familySound === (swapped ? b.givenSound : b.familySound)) return 3;
  return 4;
}

const DAY_MS = 86_400_000;

function compareBirthDate(a: MatchFeatures, b: MatchFeatures): number {
  if (a.birthDate === '' || b.birthDate === '') return NULL_LEVEL;
  if (a.birthDate === b.birthDate) return 0;
  // A typed digit, or day and month exchanged (03-02 for 02-03).
  if (
    withinOneEdit(a.birthDate, b.birthDate) ||
    `${a.birthDate.slice(0, 5)}${a.birthDate.slice(8, 10)}-${a.birthDate.slice(5, 7)}` ===
      b.birthDate
  ) {
    return 1;
  }
  const days = Math.abs(Date.parse(a.birthDate) - Date.parse(b.birthDate)) / DAY_MS;
  return days <= 31 ? 2 : 3;
}

function compareEmails(a: MatchFeatures, b: MatchFeatures): number {
  if (a.emails.length === 0 || b.emails.length === 0) return NULL_LEVEL;
  return sharedValue(a.emails, b.emails) ? 0 : 1;
}

function comparePhones(a: MatchFeatures, b: MatchFeatures): number {
  if (a.phones.length === 0 || b.phones.length === 0) return NULL_LEVEL;
  if (sharedValue(a.phones, b.phones)) return 0;
  for (const left of a.phones) {
    for (const right of b.phones) {
      if (left.length === right.length && withinOneEdit(left, right)) return 1;
    }
  }
  return 2;
}

function addressTerm(features: MatchFeatures): string {
  return `${features.postalCode}|${features.street}`;
}

function compareAddress(a: MatchFeatures, b: MatchFeatures): number {
  // Two contacts of one company give its address: once the company agrees, it says no more.
  if (a.kind === 'person' && a.orgCompact !== '' && a.orgCompact === b.orgCompact)
    return NULL_LEVEL;
  if ((a.postalCode === '' && a.street === '') || (b.postalCode === '' && b.street === '')) {
    return NULL_LEVEL;
  }
  const samePostal = a.postalCode !== '' && a.postalCode === b.postalCode;
  if (samePostal && a.street === b.street) return 0;
  if (
    samePostal &&
    a.street !== '' &&
    b.street !== '' &&
    jaroWinklerFrom(0.88, a.street, b.street) >= 0.88
  ) {
    return 1;
  }
  if (samePostal) return 2;
  if (a.city !== '' && a.city === b.city) return 3;
  return 4;
}

function compareOrganizationName(a: MatchFeatures, b: MatchFeatures): number {
  if (a.orgCompact === '' || b.orgCompact === '') return NULL_LEVEL;
  if (a.orgCompact === b.orgCompact) return 0;
  const similarity = jaroWinklerFrom(0.88, a.orgWords, b.orgWords);
  if (similarity >= 0.95) return 1;
  if (similarity >= 0.88) return 2;
  if (a.orgSound === b.orgSound) return 3;
  return 4;
}

function compareDomains(a: MatchFeatures, b: MatchFeatures): number {
  if (a.domains.length === 0 || b.domains.length === 0) return NULL_LEVEL;
  return sharedValue(a.domains, b.domains) ? 0 : 1;
}

/** ERP customer numbers differ between duplicate rows of one ERP, so they never conflict. */
function conflictingIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !id.startsWith('erp-customer-number'));
}

function compareIdentifiers(a: MatchFeatures, b: MatchFeatures): number {
  if (a.strongIds.length === 0 || b.strongIds.length === 0) return NULL_LEVEL;
  const left = conflictingIds(a.strongIds);
  const right = conflictingIds(b.strongIds);
  if (left.length === 0 || right.length === 0) return NULL_LEVEL;
  if (sharedValue(left, right)) return 0;
  const schemes = new Set(right.map((id) => id.slice(0, id.indexOf(':'))));
  return left.some((id) => schemes.has(id.slice(0, id.indexOf(':')))) ? 1 : NULL_LEVEL;
}

function contactComparisons(kind: CustomerKind): ComparisonDefinition[] {
  return [
    {
      name: 'emails',
      field: 'emails',
      kind,
      // No "same local part" level: anna.berg@ at two providers is as likely two Anna Bergs.
      levels: levels('exact', 'different'),
      compare: compareEmails,
    },
    {
      name: 'phones',
      field: 'phones',
      kind,
      levels: levels('exact', 'one-edit', 'different'),
      compare: comparePhones,
      termOf: (features) => features.phones,
    },
    {
      name: 'addresses',
      field: 'addresses',
      kind,
      levels: levels(
        'exact',
        'same-postal-code,street-jaro-winkler>=0.88',
        'same-postal-code',
        'same-city',
        'different',
      ),
      compare: compareAddress,
      termOf: (features) => [addressTerm(features)],
    },
  ];
}

/** The comparisons of the default model, per kind. Names are unique within a kind. */
export const DEFAULT_COMPARISONS: readonly ComparisonDefinition[] = [
  {
    name: 'givenName',
    field: 'givenName',
    kind: 'person',
    levels: levels(
      'exact',
      'nickname',
      'jaro-winkler>=0.92',
      'jaro-winkler>=0.80',
      'levenshtein<=1',
      'double-metaphone',
      'initial',
      'different!',
    ),
    compare: compareGiven,
  },
  {
    name: 'familyName',
    field: 'familyName',
    kind: 'person',
    levels: levels(
      'exact',
      'jaro-winkler>=0.92',
      'jaro-winkler>=0.80',
      'double-metaphone',
      'different',
    ),
    compare: compareFamily,
    termOf: (features) => [features.family],
  },
  {
    name: 'birthDate',
    field: 'birthDate',
    kind: 'person',
    levels: levels('exact', 'one-edit-or-day-month-swapped', 'within-31-days', 'different!'),
    compare: compareBirthDate,
  },
  ...contactComparisons('person'),
  {
    name: 'organization',
    field: 'organization',
    kind: 'person',
    levels: levels('exact', 'jaro-winkler>=0.88', 'different'),
    compare: (a, b) => {
      const level = compareOrganizationName(a, b);
      return level === NULL_LEVEL ? level : level === 0 ? 0 : level <= 2 ? 1 : 2;
    },
  },
  {
    name: 'legalName',
    field: 'legalName',
    kind: 'organization',
    levels: levels(
      'exact',
      'jaro-winkler>=0.95',
      'jaro-winkler>=0.88',
      'double-metaphone',
      'different',
    ),
    compare: compareOrganizationName,
    termOf: (features) => [features.orgCompact],
  },
  {
    name: 'domain',
    field: 'domain',
    kind: 'organization',
    levels: levels('exact', 'different'),
    compare: compareDomains,
  },
  {
    name: 'identifiers',
    field: 'identifiers',
    kind: 'organization',
    levels: levels('exact', 'conflict!'),
    compare: compareIdentifiers,
  },
  ...contactComparisons('organization'),
];

/** The value a pair agrees on at level 0 of a term-frequency comparison. */
export function agreedTerm(
  definition: ComparisonDefinition,
  a: MatchFeatures,
  b: MatchFeatures,
): string | null {
  if (definition.termOf === undefined) return null;
  const right = definition.termOf(b);
  for (const term of definition.termOf(a)) if (right.includes(term)) return term;
  return null;
}
