import { type CustomerFacts } from '@crosswalk/model';
import {
  DEFAULT_MATCH_KEY_POLICY,
  isStrongScheme,
  type MatchKeyPolicy,
} from '../match/match-key.policy';
import { identifierParts } from '../support/value-keys';
import { domainOfEmail, domainOfWebsite, FREE_MAIL_DOMAINS } from './domain.normaliser';
import { organizationNameKey } from './organization-name.normaliser';

/** Organizations indexed by what a person's record can name them by. */
export interface OrganizationDirectory {
  byIdentifier: ReadonlyMap<string, readonly string[]>;
  byDomain: ReadonlyMap<string, readonly string[]>;
  byName: ReadonlyMap<string, readonly string[]>;
}

export interface OrganizationLink {
  customerId: string;
  /** What tied the person to it, strongest first. */
  by: 'identifier' | 'domain' | 'name';
}

export function buildOrganizationDirectory(
  organizations: readonly { customerId: string; facts: CustomerFacts }[],
  policy: MatchKeyPolicy = DEFAULT_MATCH_KEY_POLICY,
): OrganizationDirectory {
  const byIdentifier = new Map<string, string[]>();
  const byDomain = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const { customerId, facts } of organizations) {
    if (facts.kind !== 'organization') continue;
    for (const identifier of facts.identifiers) {
      if (isStrongScheme(identifier.scheme, policy)) {
        addTo(byIdentifier, identifierKey(identifier), customerId);
      }
    }
    const website = facts.domain ?? facts.website;
    const domain = website === undefined ? null : domainOfWebsite(website);
    if (domain !== null) addTo(byDomain, domain, customerId);
    for (const email of facts.emails) {
      const emailDomain = domainOfEmail(email);
      if (emailDomain !== null) addTo(byDomain, emailDomain, customerId);
    }
    for (const name of [facts.legalName, facts.tradingName]) {
      const key = name === undefined ? '' : organizationNameKey(name).compact;
      if (key !== '') addTo(byName, key, customerId);
    }
  }
  return { byIdentifier, byDomain, byName };
}

/**
 * The organization a person belongs to: through the identifiers of the organization the
 * record names, else the domain of the person's work e-mail (free-mail providers never
 * count), else the organization's name. Only an unambiguous answer is returned: two
 * organizations behind one domain or one name give null rather than a guess.
 */
export function organizationFor(
  person: CustomerFacts,
  directory: OrganizationDirectory,
  freeMailDomains: ReadonlySet<string> = FREE_MAIL_DOMAINS,
): OrganizationLink | null {
  if (person.kind !== 'person') return null;
  const ref = person.organization;
  const byId = new Set(
    (ref?.identifiers ?? []).flatMap((identifier) => [
      ...(directory.byIdentifier.get(identifierKey(identifier)) ?? []),
    ]),
  );
  if (byId.size === 1) return { customerId: [...byId][0] ?? '', by: 'identifier' };
  if (byId.size > 1) return null;

  const byDomain = new Set(
    person.emails.flatMap((email) => {
      const domain = domainOfEmail(email, freeMailDomains);
      return domain === null ? [] : [...(directory.byDomain.get(domain) ?? [])];
    }),
  );
  if (byDomain.size === 1) return { customerId: [...byDomain][0] ?? '', by: 'domain' };
  if (byDomain.size > 1) return null;

  const name = ref?.name === undefined ? '' : organizationNameKey(ref.name).compact;
  const byName = directory.byName.get(name) ?? [];
  const unique = new Set(byName);
  if (name !== '' && unique.size === 1) return { customerId: [...unique][0] ?? '', by: 'name' };
  return null;
}

/** The directory key of an identifier: scheme and value, normalised as match keys are. */
export function identifierKey(identifier: { scheme: string; value: string }): string {
  const { scheme, value } = identifierParts(identifier);
  return `${scheme}:${value}`;
}

function addTo(index: Map<string, string[]>, key: string, customerId: string): void {
  const ids = index.get(key);
  if (ids === undefined) index.set(key, [customerId]);
  else if (!ids.includes(customerId)) ids.push(customerId);
}
