import { ValidationCode } from '@crosswalk/model';
import { parse } from 'yaml';
import { MappingIssueCode } from '../mapping-issue';
import { type CompiledMapping, type MappingResult } from './compiled-mapping';
import { compileMapping } from './mapping.compiler';

const MAPPING = `
objects:
  customers:
    kind: organization
    externalId: CUSTNO
    modifiedAt: { from: CHANGED_AT, format: "yyyy-MM-dd HH:mm:ss" }
    fields:
      legalName: { from: NAME, transforms: [trim] }
      emails: { from: [EMAIL, EMAIL2], transforms: [{ null-if: ["N/A", "-"] }] }
      phones: { from: PHONE }
      addresses[0].lines: { from: [STREET, STREET2] }
      addresses[0].postalCode: { from: ZIP }
      addresses[0].city: { from: CITY, transforms: [title] }
      addresses[0].country: { from: COUNTRY, transforms: [trim, { map: { Sthlm: SE } }] }
      identifiers.vat: { from: VAT_NO }
      identifiers.erp-customer-number: { from: CUSTNO }
      website: { from: WEB, default: "https://example.org" }
  contacts:
    kind: { from: TYPE, map: { P: person, C: organization } }
    externalId: [CUSTNO, CONTACT_NO]
    modifiedAt: CHANGED_AT
    fields:
      fullName: { from: CONTACT, transforms: [{ null-if: "-" }] }
      givenName: { from: CONTACT, transforms: [{ split: { take: but-last } }] }
      familyName: { from: CONTACT, transforms: [{ split: { take: last } }] }
      legalName: { from: CONTACT }
      birthDate: { from: BORN, transforms: [{ date: ["dd.MM.yyyy", "yyyy-MM-dd"] }] }
      phones: { from: [MOBILE, PHONE] }
      organization.name: { from: COMPANY }
      organization.identifiers.erp-customer-number: { from: CUSTNO }
      addresses[2].country: { from: COUNTRY }
      addresses[1].lines: { from: Address.street }
`;

const options = { defaultRegion: 'SE' };
let mapping: CompiledMapping;
beforeAll(() => {
  mapping = compileMapping(parse(MAPPING), { file: 'config/mappings/erp.yaml' });
});

const customer = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  CUSTNO: 'C-100',
  NAME: '  Nordic  Widgets AB ',
  EMAIL: 'Info@NordicWidgets.SE',
  EMAIL2: 'N/A',
  PHONE: '08-123 456 78',
  STREET: 'Storgatan 1',
  STREET2: '',
  ZIP: '111 22',
  CITY: 'STOCKHOLM',
  COUNTRY: 'Sverige',
  VAT_NO: 'se 5560-1234 5601',
  WEB: null,
  CHANGED_AT: '2024-03-01 10:15:00',
  UNMAPPED_NOTE: 'kept in the replica',
  ...overrides,
});

function failed(result: MappingResult) {
  if (result.ok) throw new Error('expected the mapping to fail');
  return result.issues;
}

describe('CompiledMapping.apply', () => {
  it('maps, transforms and normalises a record', () => {
    expect(mapping.apply('customers', customer(), options)).toEqual({
      ok: true,
      externalId: 'C-100',
      modifiedAt: '2024-03-01T10:15:00.000Z',
      warnings: [],
      facts: {
        kind: 'organization',
        legalName: 'Nordic Widgets AB',
        emails: ['info@nordicwidgets.se'],
        phones: ['+46812345678'],
        addresses: [
          { lines: ['Storgatan 1'], city: 'Stockholm', postalCode: '111 22', country: 'SE' },
        ],
        identifiers: [
          { scheme: 'vat', value: 'SE556012345601' },
          { scheme: 'erp-customer-number', value: 'C-100' },
        ],
        website: 'https://example.org/',
        domain: 'example.org',
      },
    });
  });

  it('does not change the payload, unmapped fields included', () => {
    const payload = customer();
    const before = structuredClone(payload);
    mapping.apply('customers', payload, options);
    expect(payload).toEqual(before);
  });

  it('reads kinds, composite ids, name parts, dates, nested fields and Date values', () => {
    const result = mapping.apply(
      'contacts',
      {
        TYPE: 'p',
        CUSTNO: 'C-100',
        CONTACT_NO: 7,
        CONTACT: 'Anna Maria Svensson',
        BORN: '29.02.1980',
        MOBILE: null,
        PHONE: '070-123 45 67',
        COMPANY: 'Nordic Widgets AB',
        COUNTRY: 'Deutschland',
        Address: { street: 'Hauptstraße 5' },
        CHANGED_AT: new Date(Date.UTC(2024, 2, 1, 10, 15)),
      },
      options,
    );
    expect(result).toEqual({
      ok: true,
      externalId: 'C-100:7',
      modifiedAt: '2024-03-01T10:15:00.000Z',
      warnings: [],
      facts: {
        kind: 'person',
        fullName: 'Anna Maria Svensson',
        givenName: 'Anna Maria',
        familyName: 'Svensson',
        legalName: 'Anna Maria Svensson',
        birthDate: '1980-02-29',
        emails: [],
        phones: ['+46701234567'],
        addresses: [{ lines: ['Hauptstraße 5'] }, { lines: [], country: 'DE' }],
        identifiers: [],
        organization: {
          name: 'Nordic Widgets AB',
          identifiers: [{ scheme: 'erp-customer-number', value: 'C-100' }],
        },
      },
    });
  });

  it('takes a DATE column (local midnight) as its calendar date', () => {
    const result = mapping.apply(
      'contacts',
      { TYPE: 'P', CUSTNO: '1', CONTACT_NO: '2', CONTACT: 'Anna', BORN: new Date(1980, 1, 29) },
      options,
    );
    expect(result).toMatchObject({ ok: true, facts: { birthDate: '1980-02-29' } });
  });

  it.each<
    [
      string,
      Record<string, unknown>,
      Partial<{ code: string; field: string; sourceFields: string[]; value: unknown }>,
    ]
  >([
    [
      'an invalid e-mail',
      { EMAIL2: 'info@' },
      {
        code: ValidationCode.INVALID_EMAIL,
        field: 'emails',
        sourceFields: ['EMAIL2'],
        value: 'info@',
      },
    ],
    [
      'an invalid phone',
      { PHONE: '12-34' },
      {
        code: ValidationCode.INVALID_PHONE,
        field: 'phones',
        sourceFields: ['PHONE'],
        value: '12-34',
      },
    ],
    [
      'a missing required name',
      { NAME: '   ' },
      {
        code: ValidationCode.MISSING_REQUIRED,
        field: 'legalName',
        sourceFields: ['NAME'],
        value: { NAME: '   ' },
      },
    ],
    [
      'a missing external id',
      { CUSTNO: null },
      {
        code: ValidationCode.MISSING_REQUIRED,
        field: 'externalId',
        sourceFields: ['CUSTNO'],
        value: null,
      },
    ],
    [
      'a bad modifiedAt',
      { CHANGED_AT: '01/03/2024' },
      {
        code: ValidationCode.INVALID_TIMESTAMP,
        field: 'modifiedAt',
        sourceFields: ['CHANGED_AT'],
        value: '01/03/2024',
      },
    ],
    [
      'a nested value where text belongs',
      { PHONE: { number: '1' } },
      {
        code: MappingIssueCode.UNSUPPORTED_VALUE,
        field: 'phones',
        sourceFields: ['PHONE'],
        value: { number: '1' },
      },
    ],
  ])('refuses a record with %s, naming field, source and value', (_name, overrides, issue) => {
    const issues = failed(mapping.apply('customers', customer(overrides), options));
    expect(issues).toEqual([expect.objectContaining({ ...issue, severity: 'error' })]);
    expect(issues[0]?.message).not.toBe('');
  });

  it.each<
    [
      string,
      Record<string, unknown>,
      Partial<{ code: string; field: string; sourceFields: string[] }>,
    ]
  >([
    [
      'an unknown kind value',
      { TYPE: 'X' },
      { code: ValidationCode.INVALID_KIND, field: 'kind', sourceFields: ['TYPE'] },
    ],
    [
      'a missing kind value',
      { TYPE: '' },
      { code: ValidationCode.MISSING_REQUIRED, field: 'kind', sourceFields: ['TYPE'] },
    ],
    [
      'no name at all',
      { CONTACT: '   ' },
      {
        code: ValidationCode.MISSING_REQUIRED,
        field: 'fullName, givenName, familyName',
        sourceFields: ['CONTACT'],
      },
    ],
    [
      'a missing part of a composite id',
      { CONTACT_NO: '' },
      { code: ValidationCode.MISSING_REQUIRED, field: 'externalId', sourceFields: ['CONTACT_NO'] },
    ],
  ])('refuses a contact with %s', (_name, overrides, issue) => {
    const payload = {
      TYPE: 'P',
      CUSTNO: '1',
      CONTACT_NO: '2',
      CONTACT: 'Anna Svensson',
      ...overrides,
    };
    expect(failed(mapping.apply('contacts', payload, options))).toEqual([
      expect.objectContaining({ ...issue, severity: 'error' }),
    ]);
  });

  it.each<
    [
      string,
      Record<string, unknown>,
      Partial<{ code: string; field: string; sourceFields: string[]; value: unknown }>,
      string,
    ]
  >([
    [
      'an unknown country',
      { COUNTRY: 'Atlantis' },
      {
        code: ValidationCode.INVALID_COUNTRY,
        field: 'addresses[0].country',
        sourceFields: ['COUNTRY'],
        value: 'Atlantis',
      },
      'addresses.0.country',
    ],
    [
      'a bad website',
      { WEB: 'not a site' },
      { code: ValidationCode.INVALID_WEBSITE, field: 'website', sourceFields: ['WEB'] },
      'website',
    ],
  ])(
    'takes a record with %s, leaving the value out with a warning',
    (_name, overrides, issue, absent) => {
      const result = mapping.apply('customers', customer(overrides), options);
      expect(result).toMatchObject({
        ok: true,
        warnings: [expect.objectContaining({ ...issue, severity: 'warning' })],
      });
      if (!result.ok) throw new Error('expected the record to be taken');
      expect(result.facts).not.toHaveProperty(absent);
      expect(result.facts.legalName).toBe('Nordic Widgets AB');
    },
  );

  it('warns about a birth date that matches no format', () => {
    const result = mapping.apply(
      'contacts',
      { TYPE: 'P', CUSTNO: '1', CONTACT_NO: '2', CONTACT: 'Anna', BORN: '31.04.1980' },
      options,
    );
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        {
          code: ValidationCode.INVALID_DATE,
          severity: 'warning',
          field: 'birthDate',
          sourceFields: ['BORN'],
          value: '31.04.1980',
        },
      ],
    });
  });

  it('reports every issue of a record', () => {
    const issues = failed(
      mapping.apply(
        'customers',
        customer({ EMAIL: 'x@', PHONE: '1', COUNTRY: 'Atlantis' }),
        options,
      ),
    );
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      [ValidationCode.INVALID_EMAIL, 'error'],
      // addresses come before phones: a phone is read in the address's country
      [ValidationCode.INVALID_COUNTRY, 'warning'],
      [ValidationCode.INVALID_PHONE, 'error'],
    ]);
  });

  it('refuses an object the mapping does not cover', () => {
    expect(failed(mapping.apply('invoices', { ID: 1 }, options))).toEqual([
      expect.objectContaining({
        code: MappingIssueCode.UNMAPPED_OBJECT,
        severity: 'error',
        value: 'invoices',
      }),
    ]);
  });

  it('serialises as its file and objects', () => {
    expect(JSON.parse(JSON.stringify({ mapping }))).toEqual({
      mapping: { file: 'config/mappings/erp.yaml', objects: ['customers', 'contacts'] },
    });
  });
});
