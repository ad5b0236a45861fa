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

/**
 * Turns customer facts into match features. Holds a cache of phonetic codes, since the same
 * names recur across a data set; one extractor per run, never shared across threads.
 */
export class MatchFeatureExtractor {
  private readonly sounds = new Map<string, string>();

  constructor(private readonly options: MatchFeatureOptions = DEFAULT_MATCH_FEATURE_OPTIONS) {}

  extract(facts: CustomerFacts): MatchFeatures {
    const isPerson = facts.kind === 'person';
    const names = isPerson ? personNameParts(facts) : { given: '', family: '' };
    const given = nameKey(names.given);
    const family = nameKey(names.family);
    const orgName = isPerson
      ? (facts.organization?.name ?? '')
      : (facts.legalName ?? facts.tradingName ?? facts.fullName ?? '');
    const org = organizationNameKey(orgName);
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
      givenCanonical: isPerson ? canonicalGivenName(names.given) : '',
      givenSound: this.sound(given),
      family,
      familySound: this.sound(family),
      nameTokens: isPerson
        ? foldToWords(`${names.given} ${names.family}`).split(' ').filter(Boolean).sort().join(' ')
        : '',
      orgWords: org.words,
      orgCompact: org.compact,
      orgSound: this.sound(org.words.split(' ')[0] ?? ''),
      birthDate: isPerson ? (facts.birthDate ?? '') : '',
      emails: [...new Set(emails)].sort(),
      phones: [...new Set(facts.phones.map(phoneKey).filter((phone) => E164.test(phone)))].sort(),
      domains: [...domains].sort(),
      postalCode: postalCodeKey(address?.postalCode ?? ''),
      street: streetKey(address?.lines[0] ?? ''),
      city: foldToWords(address?.city ?? ''),
      country: (address?.country ?? '').toUpperCase(),
      strongIds: this.strongIds(facts),
      linkKeys: matchKeysOf(facts, NO_SOURCE, this.options.keyPolicy).filter(
        (key) => key.includes(':email:') || key.includes(':id:'),
      ),
    };
  }

  private strongIds(facts: CustomerFacts): string[] {
    const ids = new Set<string>();
    for (const identifier of facts.identifiers) {
      if (!isStrongScheme(identifier.scheme, this.options.keyPolicy)) continue;
      const { scheme, value } = identifierParts(identifier);
      if (value !== '') ids.add(`${scheme}:${value}`);
    }
    return [...ids].sort();
  }

  private sound(word: string): string {
    if (word === '') return '';
    let code = this.sounds.get(word);
    if (code === undefined) {
      code = doubleMetaphone(word)[0];
      this.sounds.set(word, code);
    }
    return code;
  }
}
