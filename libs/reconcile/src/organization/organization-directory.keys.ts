import { type CustomerFacts, type GoldenRecord } from '@crosswalk/model';
import { DEFAULT_MATCH_KEY_POLICY, type MatchKeyPolicy } from '../match/match-key.policy';
import { domainOfEmail, FREE_MAIL_DOMAINS } from '../normalise/domain.normaliser';
import {
  buildOrganizationDirectory,
  identifierKey,
  type OrganizationDirectory,
  type OrganizationLink,
} from '../normalise/organization-link.resolver';
import { organizationNameKey } from '../normalise/organization-name.normaliser';

/**
 * The organization directory kept in the store's key index, so a person synced on its own
 * finds its organization: an organization customer is indexed under directory keys (the
 * entries `buildOrganizationDirectory` makes), a person looks up the keys its record can
 * name an organization by, and `organizationFor` decides on what the lookup returned.
 * Identifiers use the organization's match key (`organization:id:<scheme>:<VALUE>`), which
 * the index holds anyway; domains and names have an `orgdir:` prefix that keeps them out of
 * candidate search (no matcher produces them). Match keys stay with deleted records, so a
 * lookup's identifier holders are narrowed by `liveDirectoryHolders`.
 */
const PREFIX = {
  identifier: 'organization:id:',
  domain: 'orgdir:domain:',
  name: 'orgdir:name:',
} as const;

/** The keys an organization customer is found by; none for a person. */
export function organizationDirectoryKeys(
  facts: CustomerFacts,
  policy: MatchKeyPolicy = DEFAULT_MATCH_KEY_POLICY,
): string[] {
  if (facts.kind !== 'organization') return [];
  const directory = buildOrganizationDirectory([{ customerId: '', facts }], policy);
  return [
    ...[...directory.byIdentifier.keys()].map((key) => PREFIX.identifier + key),
    ...[...directory.byDomain.keys()].map((key) => PREFIX.domain + key),
    ...[...directory.byName.keys()].map((key) => PREFIX.name + key),
  ].sort();
}

/** Every directory key `organizationFor` may consult for this person. */
export function organizationLookupKeys(
  person: CustomerFacts,
  freeMailDomains: ReadonlySet<string> = FREE_MAIL_DOMAINS,
): string[] {
  if (person.kind !== 'person') return [];
  const ref = person.organization;
  const keys = new Set<string>();
  for (const identifier of ref?.identifiers ?? []) {
    keys.add(PREFIX.identifier + identifierKey(identifier));
  }
  for (const email of person.emails) {
    const domain = domainOfEmail(email, freeMailDomains);
    if (domain !== null) keys.add(PREFIX.domain + domain);
  }
  const name = ref?.name === undefined ? '' : organizationNameKey(ref.name).compact;
  if (name !== '') keys.add(PREFIX.name + name);
  return [...keys].sort();
}

/** Whether a directory key names an organization by identifier (a key match keys share). */
export function isOrganizationIdentifierKey(key: string): boolean {
  return key.startsWith(PREFIX.identifier);
}

/**
 * The looked-up holders as the directory means them: an identifier key counts only for a live
 * organization whose golden record carries it (deleted records keep their match keys, and
 * survivorship may not keep every identifier). `organizations` are the golden records of the
 * identifier keys' holders; a holder missing from them is dropped.
 */
export function liveDirectoryHolders(
  holders: ReadonlyMap<string, readonly string[]>,
  organizations: readonly GoldenRecord[],
): Map<string, string[]> {
  const carried = new Map(
    organizations
      .filter((organization) => !organization.deleted)
      .map((organization) => [organization.id, new Set(organizationDirectoryKeys(organization))]),
  );
  const kept = new Map<string, string[]>();
  for (const [key, ids] of holders) {
    const live = isOrganizationIdentifierKey(key)
      ? ids.filter((id) => carried.get(id)?.has(key) === true)
      : [...ids];
    if (live.length > 0) kept.set(key, live);
  }
  return kept;
}

/** The directory the looked-up keys describe: key -> organization customers holding it. */
export function directoryFromKeys(
  holders: ReadonlyMap<string, readonly string[]>,
): OrganizationDirectory {
  const byIdentifier = new Map<string, string[]>();
  const byDomain = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const [key, customerIds] of holders) {
    const target = key.startsWith(PREFIX.identifier)
      ? { map: byIdentifier, rest: key.slice(PREFIX.identifier.length) }
      : key.startsWith(PREFIX.domain)
        ? { map: byDomain, rest: key.slice(PREFIX.domain.length) }
        : key.startsWith(PREFIX.name)
          ? { map: byName, rest: key.slice(PREFIX.name.length) }
          : null;
    if (target !== null) target.map.set(target.rest, [...customerIds].sort());
  }
  return { byIdentifier, byDomain, byName };
}

/**
 * The person's facts with the organization link resolved: `organization.customerId` set to
 * the organization found, or removed when none is found any more (the record changed).
 */
export function withOrganizationLink(
  facts: CustomerFacts,
  link: OrganizationLink | null,
): CustomerFacts {
  if (facts.kind !== 'person') return facts;
  const current = facts.organization;
  if (link === null) {
    if (current?.customerId === undefined) return facts;
    const { customerId: _dropped, ...rest } = current;
    return { ...facts, organization: rest };
  }
  if (current?.customerId === link.customerId) return facts;
  return {
    ...facts,
    organization: { ...(current ?? { identifiers: [] }), customerId: link.customerId },
  };
}
