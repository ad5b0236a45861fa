import {
  type CustomerFacts,
  type CustomerKind,
  type Identifier,
  type OrganizationRef,
  type PostalAddress,
} from '../customer';
import { normaliseCountry } from './country.normaliser';
import { normaliseDate } from './date.normaliser';
import { normaliseEmail } from './email.normaliser';
import { normaliseIdentifier } from './identifier.normaliser';
import { normaliseOrganizationName, normalisePersonName, normaliseText } from './name.normaliser';
import {
  type FieldIssue,
  ISSUE_SEVERITY,
  type Normalised,
  ValidationCode,
} from './normalise-result';
import { isPhoneRegion, normalisePhone } from './phone.normaliser';
import { normaliseDomain, normaliseWebsite } from './website.normaliser';

export interface PostalAddressInput {
  lines?: string[];
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface OrganizationRefInput {
  customerId?: string;
  name?: string;
  identifiers?: Identifier[];
}

/**
 * Facts as a mapping produces them, before normalisation: every field optional, free text.
 * Normalised `CustomerFacts` are also valid input, so normalising twice changes nothing.
 */
export interface CustomerFactsInput {
  kind?: string;
  fullName?: string;
  givenName?: string;
  familyName?: string;
  legalName?: string;
  tradingName?: string;
  birthDate?: string;
  emails?: string[];
  phones?: string[];
  addresses?: PostalAddressInput[];
  identifiers?: Identifier[];
  website?: string;
  domain?: string;
  organization?: OrganizationRefInput;
}

export interface NormaliseOptions {
  /** ISO 3166-1 alpha-2 region for phone numbers written without a country prefix. */
  defaultRegion: string;
}

export interface NormalisedFacts {
  /**
   * The normalised facts. Values that drew an issue are left out; when an issue is an error
   * (see ISSUE_SEVERITY) the facts are incomplete and the record belongs in quarantine.
   */
  facts: CustomerFacts;
  issues: FieldIssue[];
}

const KINDS: readonly CustomerKind[] = ['person', 'organization'];

/**
 * Normalises every field of one record's facts. Empty values count as absent. Lists are
 * de-duplicated after normalisation, keeping the first occurrence's position.
 */
export function normaliseFacts(
  input: CustomerFactsInput,
  options: NormaliseOptions,
): NormalisedFacts {
  const issues: FieldIssue[] = [];
  /** The normalised value, or undefined after recording an issue; empty input is silently absent. */
  const take = <T>(field: string, value: unknown, result: Normalised<T>): T | undefined => {
    if (result.ok) return result.value;
    if (result.code !== ValidationCode.MISSING_REQUIRED)
      issue(field, value, result.code, result.reason);
    return undefined;
  };
  const issue = (field: string, value: unknown, code: ValidationCode, message: string): void => {
    issues.push({ field, value, code, severity: ISSUE_SEVERITY[code], message });
  };

  const kind = kindOf(input.kind);
  if (kind === undefined) {
    if (input.kind === undefined || input.kind.trim() === '') {
      issue(
        'kind',
        input.kind,
        ValidationCode.MISSING_REQUIRED,
        'kind is required (person or organization)',
      );
    } else {
      issue(
        'kind',
        input.kind,
        ValidationCode.INVALID_KIND,
        `"${input.kind}" is not person or organization`,
      );
    }
  }
  // A record without a valid kind is quarantined; the facts only need to be well-formed.
  const facts: CustomerFacts = {
    kind: kind ?? 'organization',
    emails: [],
    phones: [],
    addresses: [],
    identifiers: [],
  };

  for (const field of ['fullName', 'givenName', 'familyName'] as const) {
    const raw = input[field];
    if (raw !== undefined) setIfDefined(facts, field, take(field, raw, normalisePersonName(raw)));
  }
  for (const field of ['legalName', 'tradingName'] as const) {
    const raw = input[field];
    if (raw !== undefined)
      setIfDefined(facts, field, take(field, raw, normaliseOrganizationName(raw)));
  }
  if (input.birthDate !== undefined) {
    const birthDate = take('birthDate', input.birthDate, normaliseDate(input.birthDate));
    if (birthDate !== undefined && kind === 'organization') {
      issue(
        'birthDate',
        input.birthDate,
        ValidationCode.NOT_APPLICABLE,
        'an organization has no birth date',
      );
    } else {
      setIfDefined(facts, 'birthDate', birthDate);
    }
  }

  (input.emails ?? []).forEach((raw, i) => {
    addUnique(facts.emails, take(`emails[${i}]`, raw, normaliseEmail(raw)));
  });
  (input.addresses ?? []).forEach((raw, i) => {
    const address = normaliseAddress(raw, (value, result) =>
      take(`addresses[${i}].country`, value, result),
    );
    if (address !== undefined && !facts.addresses.some((a) => sameJson(a, address))) {
      facts.addresses.push(address);
    }
  });
  // A number written without a country prefix is read in the customer's own country when the
  // record states one (a Danish customer's "30 58 10 06" is Danish), else in the default region.
  const regions = [
    ...new Set([
      ...facts.addresses
        .map((address) => address.country)
        .filter((country): country is string => country !== undefined && isPhoneRegion(country)),
      options.defaultRegion.toUpperCase(),
    ]),
  ];
  (input.phones ?? []).forEach((raw, i) => {
    addUnique(facts.phones, take(`phones[${i}]`, raw, normalisePhoneIn(raw, regions)));
  });
  facts.identifiers = normaliseIdentifiers(input.identifiers ?? [], 'identifiers', take);

  if (input.website !== undefined) {
    const website = take('website', input.website, normaliseWebsite(input.website));
    setIfDefined(facts, 'website', website?.website);
    setIfDefined(facts, 'domain', website?.domain);
  }
  // A domain stated outright wins over the one read from the website.
  if (input.domain !== undefined) {
    setIfDefined(facts, 'domain', take('domain', input.domain, normaliseDomain(input.domain)));
  }

  if (input.organization !== undefined) {
    const organization = normaliseOrganizationRef(input.organization, take);
    if (organization !== undefined) facts.organization = organization;
  }

  if (kind === 'person' && !facts.fullName && !facts.givenName && !facts.familyName) {
    issue(
      'fullName',
      input.fullName,
      ValidationCode.MISSING_REQUIRED,
      'a person needs fullName, givenName or familyName',
    );
  }
  if (kind === 'organization' && !facts.legalName && !facts.tradingName) {
    issue(
      'legalName',
      input.legalName,
      ValidationCode.MISSING_REQUIRED,
      'an organization needs legalName or tradingName',
    );
  }
  return { facts, issues };
}

type Take = <T>(field: string, value: unknown, result: Normalised<T>) => T | undefined;

function kindOf(raw: string | undefined): CustomerKind | undefined {
  const text = raw?.trim().toLowerCase();
  return KINDS.find((kind) => kind === text);
}

function normaliseAddress(
  raw: PostalAddressInput,
  takeCountry: (value: string, result: Normalised<string>) => string | undefined,
): PostalAddress | undefined {
  const address: PostalAddress = {
    lines: (raw.lines ?? [])
      .map(normaliseText)
      .filter((line): line is string => line !== undefined),
  };
  setIfDefined(address, 'city', raw.city === undefined ? undefined : normaliseText(raw.city));
  setIfDefined(address, 'region', raw.region === undefined ? undefined : normaliseText(raw.region));
  setIfDefined(
    address,
    'postalCode',
    raw.postalCode === undefined ? undefined : normaliseText(raw.postalCode)?.toUpperCase(),
  );
  if (raw.country !== undefined)
    setIfDefined(address, 'country', takeCountry(raw.country, normaliseCountry(raw.country)));
  const empty = address.lines.length === 0 && Object.keys(address).length === 1;
  return empty ? undefined : address;
}

function normaliseIdentifiers(raw: Identifier[], path: string, take: Take): Identifier[] {
  const identifiers: Identifier[] = [];
  raw.forEach((identifier, i) => {
    const normalised = take(`${path}[${i}]`, identifier, normaliseIdentifier(identifier));
    if (normalised !== undefined && !identifiers.some((known) => sameJson(known, normalised))) {
      identifiers.push(normalised);
    }
  });
  return identifiers;
}

function normaliseOrganizationRef(
  raw: OrganizationRefInput,
  take: Take,
): OrganizationRef | undefined {
  const organization: OrganizationRef = {
    identifiers: normaliseIdentifiers(raw.identifiers ?? [], 'organization.identifiers', take),
  };
  const customerId = raw.customerId?.trim();
  if (customerId) organization.customerId = customerId;
  if (raw.name !== undefined) {
    setIfDefined(
      organization,
      'name',
      take('organization.name', raw.name, normaliseOrganizationName(raw.name)),
    );
  }
  const empty = organization.identifiers.length === 0 && Object.keys(organization).length === 1;
  return empty ? undefined : organization;
}

function setIfDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

function addUnique(list: string[], value: string | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first region that reads the number as valid; the first region's refusal otherwise. */
function normalisePhoneIn(raw: string, regions: readonly string[]): Normalised<string> {
  let first: Normalised<string> | undefined;
  for (const region of regions) {
    const result = normalisePhone(raw, region);
    if (result.ok) return result;
    first ??= result;
  }
  return first ?? normalisePhone(raw, 'SE');
}
