import { type CustomerFactsInput, normaliseFacts } from '@crosswalk/model';
import { type SyntheticObservation, type SyntheticSourceRecord } from './synthetic.types';

/** The connector name each synthetic source is read under. */
export const SYNTHETIC_CONNECTORS = { erp: 'erp-sql', crm: 'crm', webshop: 'webshop' } as const;

/**
 * Maps a source-shaped record to canonical facts and normalises them exactly as the sync
 * path does (`normaliseFacts`, with the record's market as the phone region), so matching
 * sees what it would see in production: a mistyped phone that no longer parses is dropped.
 */
export function toSyntheticObservation(
  record: SyntheticSourceRecord,
  observedAt = '2025-05-01T00:00:00.000Z',
): SyntheticObservation {
  const { facts } = normaliseFacts(factsInput(record), {
    defaultRegion: record.region,
  });
  return {
    observation: {
      connector: SYNTHETIC_CONNECTORS[record.source],
      object: record.object,
      externalId: record.externalId,
      facts,
      observedAt,
      deleted: false,
    },
    entityId: record.entityId,
  };
}

function factsInput(record: SyntheticSourceRecord): CustomerFactsInput {
  const field = (name: string): string | undefined => {
    const value = record.fields[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const list = (...values: (string | undefined)[]): string[] =>
    values.filter((value): value is string => value !== undefined);
  const street = field('street');
  const addresses =
    street === undefined && field('postalCode') === undefined
      ? []
      : [
          {
            lines: list(street),
            postalCode: field('postalCode'),
            city: field('city'),
            country: field('country'),
          },
        ];
  switch (`${record.source}/${record.object}`) {
    case 'erp/customers':
      return field('customerNo') !== undefined ? erpOrganization() : erpPerson();
    case 'crm/accounts':
      return {
        kind: 'organization',
        legalName: field('Name'),
        website: field('Website'),
        phones: list(field('Phone')),
        identifiers: taxIds(field('TaxScheme'), field('TaxNumber')),
        addresses,
      };
    case 'crm/contacts':
      return {
        kind: 'person',
        givenName: field('FirstName'),
        familyName: field('LastName'),
        emails: list(field('Email')),
        phones: list(field('Phone')),
        birthDate: field('Birthdate'),
        organization: organizationRef(field('AccountName')),
        addresses,
      };
    default:
      return {
        kind: 'person',
        givenName: field('first_name'),
        familyName: field('last_name'),
        emails: list(field('email')),
        phones: list(field('phone')),
        birthDate: field('birth_date'),
        addresses,
      };
  }

  function erpOrganization(): CustomerFactsInput {
    return {
      kind: 'organization',
      legalName: field('name'),
      emails: list(field('email')),
      phones: list(field('phone')),
      identifiers: [
        { scheme: 'erp-customer-number', value: field('customerNo') ?? '' },
        ...taxIds(field('vatScheme'), field('vatNo')),
      ],
      addresses,
    };
  }

  function erpPerson(): CustomerFactsInput {
    const name = field('name') ?? '';
    const comma = name.indexOf(',');
    // "Family, Given" is the ERP's way; otherwise the full name as written.
    const parts =
      comma < 0
        ? { fullName: name }
        : { familyName: name.slice(0, comma).trim(), givenName: name.slice(comma + 1).trim() };
    return {
      kind: 'person',
      ...parts,
      emails: list(field('email')),
      phones: list(field('phone')),
      organization: organizationRef(field('company')),
      addresses,
    };
  }
}

function taxIds(scheme: string | undefined, value: string | undefined) {
  return scheme === undefined || value === undefined ? [] : [{ scheme, value }];
}

function organizationRef(name: string | undefined) {
  return name === undefined ? undefined : { name, identifiers: [] };
}
