import {
  type CanonicalField,
  type CustomerFacts,
  type Identifier,
  type OrganizationRef,
  type PostalAddress,
} from '@crosswalk/model';
import { canonicalJson } from '../support/canonical-json';
import { emailKey, identifierParts, phoneKey } from '../support/value-keys';

/*
 * How survivorship compares and measures field values. Every function here is pure and
 * depends on the value alone, never on the order in which sources arrived.
 */

export type ListField = 'emails' | 'phones' | 'addresses' | 'identifiers';
export type ScalarField = Exclude<CanonicalField, ListField | 'kind'>;

export const SCALAR_FIELDS: readonly ScalarField[] = [
  'fullName',
  'givenName',
  'familyName',
  'legalName',
  'tradingName',
  'birthDate',
  'website',
  'domain',
  'organization',
];
export const LIST_FIELDS: readonly ListField[] = ['emails', 'phones', 'addresses', 'identifiers'];

export function isListField(field: CanonicalField): field is ListField {
  return (LIST_FIELDS as readonly string[]).includes(field);
}

export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(hasValue);
  return true;
}

/** Values that differ only in case, spacing or Unicode form are the same value. */
export function comparisonKey(value: unknown): string {
  return canonicalJson(foldStrings(value));
}

function foldStrings(value: unknown): unknown {
  if (typeof value === 'string') return foldText(value).toLowerCase();
  if (Array.isArray(value)) return value.map(foldStrings).filter((item) => item !== '');
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, foldStrings(item)]));
  }
  return value;
}

function foldText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

export function identifierKey(identifier: Identifier): string {
  const { scheme, value } = identifierParts(identifier);
  return `${scheme}:${value}`;
}

/** The de-duplication key of each item of a list field, in list order. */
export function listItemKeys(field: ListField, facts: CustomerFacts): string[] {
  switch (field) {
    case 'emails':
      return facts.emails.map(emailKey);
    case 'phones':
      return facts.phones.map(phoneKey);
    case 'addresses':
      return facts.addresses.map((address) => comparisonKey(address));
    case 'identifiers':
      return facts.identifiers.map(identifierKey);
  }
}

/** Two sources hold the same value: for a list, the same items in any order. */
export function valueKey(field: CanonicalField, facts: CustomerFacts): string {
  if (isListField(field)) return canonicalJson([...new Set(listItemKeys(field, facts))].sort());
  return comparisonKey(facts[field]);
}

/** Characters of a text as read: Unicode code points, spacing collapsed. */
export function textLength(text: string): number {
  return [...foldText(text)].length;
}

/** Words of a name, initials (`J.`) and lone letters not counted: they are placeholders. */
export function nameParts(text: string): number {
  return foldText(text)
    .split(' ')
    .filter((word) => (word.match(/\p{L}/gu)?.length ?? 0) >= 2).length;
}

/** Filled parts of an address: each non-empty line, city, region, postal code, country. */
export function addressParts(address: PostalAddress): number {
  const optional = [address.city, address.region, address.postalCode, address.country];
  return (
    address.lines.filter(hasValue).length +
    optional.filter((part) => part !== undefined && hasValue(part)).length
  );
}

/** Filled parts of an organization reference: name, resolved id, distinct identifiers. */
export function organizationParts(organization: OrganizationRef): number {
  return (
    (hasValue(organization.name) ? 1 : 0) +
    (hasValue(organization.customerId) ? 1 : 0) +
    new Set(organization.identifiers.map(identifierKey)).size
  );
}
