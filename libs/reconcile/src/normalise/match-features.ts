import { type CustomerFacts, type CustomerKind } from '@crosswalk/model';
import doubleMetaphone from 'talisman/phonetics/double-metaphone';
import {
  DEFAULT_MATCH_KEY_POLICY,
  isStrongScheme,
  type MatchKeyPolicy,
  matchKeysOf,
} from '../match/match-key.policy';
import { emailKey, identifierParts, phoneKey } from '../support/value-keys';
import { postalCodeKey, streetKey } from './address.normaliser';
import { domainOfEmail, domainOfWebsite, FREE_MAIL_DOMAINS } from './domain.normaliser';
import { organizationNameKey } from './organization-name.normaliser';
import { canonicalGivenName, nameKey, personNameParts } from './person-name.normaliser';
import { foldToWords } from './text-fold.normaliser';

/**
 * A record in the form comparisons and blocking read: every field folded and keyed once, so
 * comparing a pair does no string clean-up. Empty strings and arrays stand for missing values.
 */
export interface MatchFeatures {
  kind: CustomerKind;
  /** Person: name keys (`nameKey`), canonical given name (nicknames resolved), metaphones. */
  given: string;
  givenCanonical: string;
  givenSound: string;
  family: string;
  familySound: string;
  /**
   * Every name word, folded and sorted: the same for "Nilsen Solli, Jonas", "Jonas Nilsen
   * Solli" split elsewhere, and given and family names swapped.
   */
  nameTokens: string;
  /** Organization: its own legal (else trading) name; person: the organization it names. */
  orgWords: string;
  orgCompact: string;
  /** Metaphone of the first core word of `orgWords`. */
  orgSound: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  emails: string[];
  /** E.164 phones only; anything else was not normalised and is not compared. */
  phones: string[];
  /** Website domain and organization domains of e-mails (free-mail providers left out). */
  domains: string[];
  postalCode: string;
  street: string;
  city: string;
  country: string;
  /** Strong identifiers as `scheme:VALUE`. */
  strongIds: string[];
  /**
   * The v1 match keys that link outright: strong identifiers and, for a person, e-mails
   * other than shared mailboxes (`<kind>:email:...`, `<kind>:id:...`). Phones are left to the
   * scoring: a household or a switchboard shares them.
   */
  linkKeys: string[];
}

export interface MatchFeatureOptions {
  keyPolicy: MatchKeyPolicy;
  freeMailDomains: ReadonlySet<string>;
}

export const DEFAULT_MATCH_FEATURE_OPTIONS: MatchFeatureOptions = {
  keyPolicy: DEFAULT_MATCH_KEY_POLICY,
  freeMailDomains: FREE_MAIL_DOMAINS,
};

const E164 = /^\+[1-9]\d{1,14}$/;
const NO_SOURCE = { connector: '', object: '', externalId: '' };

/** Entries a value cache holds before it starts afresh: bounds memory on unique values. */
const CACHE_LIMIT = 250_000;

/** A cache of one pure string function: names, streets and cities recur across a data set. */
class ValueCache<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly compute: (value: string) => T) {}

  get(value: string): T {
    let result = this.values.get(value);
    if (result === undefined) {
      result = this.compute(value);
      if (this.values.size >= CACHE_LIMIT) this.values.clear();
      this.values.set(value, result);
    }
    return result;
  }
}

/**
 * Turns customer facts into match features. Caches the folded and phonetic forms of the
 * values it meets, since the same names recur across a data set; one extractor per run,
 * never shared across threads.
 */
export class MatchFeatureExtractor {
  private readonly sounds = new ValueCache(soundOf);
  // One look-up per name part: at a million records the look-ups, not the folding, cost most.
  private readonly givenNames = new ValueCache((name) => ({
    ...nameForms(name),
    canonical: canonicalGivenName(name),
  }));
  private readonly familyNames = new ValueCache(nameForms);
  private readonly organizationNames = new ValueCache(organizationNameKey);
  private readonly cities = new ValueCache(foldToWords);
  private readonly streets = new ValueCache(streetKey);

  constructor(private readonly options: MatchFeatureOptions = DEFAULT_MATCH_FEATURE_OPTIONS) {}

  extract(facts: CustomerFacts): MatchFeatures {
    const isPerson = facts.kind === 'person';
    const names = isPerson ? personNameParts(facts) : { given: '', family: '' };
    const givenForms = this.givenNames.get(names.given);
    const familyForms = this.familyNames.get(names.family);
    const given = givenForms.key;
    const family = familyForms.key;
    const orgName = isPerson
      ? (facts.organization?.name ?? '')
      : (facts.legalName ?? facts.tradingName ?? facts.fullName ?? '');
    const org = this.organizationNames.get(orgName);
    const address = facts.addresses[0];
    const emails = facts.emails.map(emailKey).filter((email) => email.includes('@'));
    const domains = new Set<string>();
    const website = facts.domain ?? facts.website;
    if (website !== undefined) {
      const domain = domainOfWebsite(website);
      if (domain !== null) domains.add(domain);
    }
    for (const email of emails) {
      const domain = domainOfEmail(email, this.options.freeMailDomains);
      if (domain !== null) domains.add(domain);
    }
    return {
      kind: facts.kind,
      given,
      givenCanonical: isPerson ? givenForms.canonical : '',
      givenSound: givenForms.sound,
      family,
      familySound: familyForms.sound,
      // Folding each part alone gives the words folding them joined by a space would.
      nameTokens: isPerson
        ? [...givenForms.words, ...familyForms.words].filter(Boolean).sort().join(' ')
        : '',
      orgWords: org.words,
      orgCompact: org.compact,
      orgSound: this.sounds.get(firstWord(org.words)),
      birthDate: isPerson ? (facts.birthDate ?? '') : '',
      emails: sortedUnique(emails),
      phones: sortedUnique(facts.phones.map(phoneKey).filter((phone) => E164.test(phone))),
      domains: sortedUnique(domains),
      postalCode: postalCodeKey(address?.postalCode ?? ''),
      street: this.streets.get(address?.lines[0] ?? ''),
      city: this.cities.get(address?.city ?? ''),
      country: (address?.country ?? '').toUpperCase(),
      strongIds: this.strongIds(facts),
      // Only e-mails and identifiers give link keys: a record with neither has none.
      linkKeys:
        facts.emails.length === 0 && facts.identifiers.length === 0
          ? []
          : matchKeysOf(facts, NO_SOURCE, this.options.keyPolicy).filter(
              (key) => key.includes(':email:') || key.includes(':id:'),
            ),
    };
  }

  private strongIds(facts: CustomerFacts): string[] {
    if (facts.identifiers.length === 0) return [];
    const ids = new Set<string>();
    for (const identifier of facts.identifiers) {
      if (!isStrongScheme(identifier.scheme, this.options.keyPolicy)) continue;
      const { scheme, value } = identifierParts(identifier);
      if (value !== '') ids.add(`${scheme}:${value}`);
    }
    return [...ids].sort();
  }
}

function soundOf(word: string): string {
  return word === '' ? '' : doubleMetaphone(word)[0];
}

/** A name part's comparison key, its folded words and the metaphone of its key. */
function nameForms(name: string): { key: string; words: readonly string[]; sound: string } {
  const key = nameKey(name);
  return { key, words: foldToWords(name).split(' '), sound: soundOf(key) };
}

/** Distinct values, sorted; most lists hold none or one. */
function sortedUnique(values: readonly string[] | ReadonlySet<string>): string[] {
  if ('size' in values) return values.size === 0 ? [] : [...values].sort();
  if (values.length <= 1) return [...values];
  return [...new Set(values)].sort();
}

function firstWord(words: string): string {
  const space = words.indexOf(' ');
  return space < 0 ? words : words.slice(0, space);
}
