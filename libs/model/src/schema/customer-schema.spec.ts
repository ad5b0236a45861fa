import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CANONICAL_FIELDS, type GoldenRecord, LINEAGE_RULES } from '../customer';
import { normaliseFacts } from '../normalise/facts.normaliser';
import { CUSTOMER_SCHEMA } from './customer-schema';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(CUSTOMER_SCHEMA);

const lineage = {
  connector: 'erp-file',
  object: 'customers',
  externalId: 'C-1',
  rule: 'source-priority' as const,
  observedAt: '2024-03-01T10:15:00.000Z',
};

const organization: GoldenRecord = {
  id: '0190f6c4-2c1b-7a51-8b1c-1c7a4f2d9e01',
  version: 3,
  kind: 'organization',
  legalName: 'Nordic Widgets AB',
  tradingName: 'Nordic Widgets',
  emails: ['info@nordicwidgets.se'],
  phones: ['+46812345678'],
  addresses: [{ lines: ['Storgatan 1'], city: 'Stockholm', postalCode: '111 22', country: 'SE' }],
  identifiers: [
    { scheme: 'vat', value: 'SE556012345601' },
    { scheme: 'erp-customer-number', value: 'C-1' },
  ],
  website: 'https://www.nordicwidgets.se/',
  domain: 'nordicwidgets.se',
  sources: [
    {
      connector: 'erp-file',
      object: 'customers',
      externalId: 'C-1',
      lastSeenAt: '2024-03-01T10:15:00.000Z',
      deleted: false,
    },
  ],
  lineage: { legalName: [lineage], emails: [{ ...lineage, rule: 'union' }] },
  quality: { completeness: 0.8, stale: false, conflicts: ['phones'] },
  deleted: false,
  createdAt: '2024-03-01T10:15:00.000Z',
  updatedAt: '2024-03-02T08:00:00.000Z',
};

const person: GoldenRecord = {
  ...organization,
  id: 'p-1',
  version: 1,
  kind: 'person',
  legalName: undefined,
  tradingName: undefined,
  fullName: 'Åsa Öberg',
  givenName: 'Åsa',
  familyName: 'Öberg',
  birthDate: '1980-02-29',
  website: undefined,
  domain: undefined,
  organization: { name: 'Nordic Widgets AB', customerId: '0190f6c4', identifiers: [] },
  quality: { completeness: 1, stale: true, conflicts: [] },
};

/** Drops undefined members the way JSON serialisation does. */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('customer.schema.json', () => {
  it.each([
    ['an organization', organization],
    ['a person', person],
    [
      'a deleted record without sources',
      { ...organization, deleted: true, sources: [], lineage: {} },
    ],
  ])('accepts %s', (_name, record) => {
    expect(validate(json(record))).toBe(true);
  });

  it('accepts facts produced by normaliseFacts', () => {
    const { facts } = normaliseFacts(
      {
        kind: 'person',
        fullName: ' Anna  Svensson ',
        emails: ['Anna@Example.SE'],
        phones: ['070-123 45 67'],
        addresses: [{ lines: ['Box 12'], country: 'sverige' }],
        identifiers: [{ scheme: 'ERP customer number', value: '42' }],
        website: 'example.se',
      },
      { defaultRegion: 'SE' },
    );
    const record = { ...organization, ...facts, legalName: undefined, tradingName: undefined };
    expect(validate(json(record))).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a kind outside the model', { kind: 'company' }, '/kind'],
    ['a phone not in E.164', { phones: ['070-123 45 67'] }, '/phones/0'],
    ['an upper-case e-mail', { emails: ['Info@Example.se'] }, '/emails/0'],
    ['a malformed e-mail', { emails: ['info@'] }, '/emails/0'],
    ['a duplicate e-mail', { emails: ['a@x.se', 'a@x.se'] }, '/emails'],
    [
      'a country name instead of a code',
      { addresses: [{ lines: [], country: 'Sweden' }] },
      '/addresses/0/country',
    ],
    [
      'a scheme not in kebab-case',
      { identifiers: [{ scheme: 'VAT', value: '1' }] },
      '/identifiers/0/scheme',
    ],
    ['a domain with www.', { domain: 'www.example.se' }, '/domain'],
    ['a birth date on an organization', { birthDate: '1980-01-01' }, ''],
    ['version 0', { version: 0 }, '/version'],
    ['lineage for a field the model lacks', { lineage: { nickname: [lineage] } }, '/lineage'],
    [
      'an unknown survivorship rule',
      { lineage: { emails: [{ ...lineage, rule: 'newest' }] } },
      '/lineage/emails/0/rule',
    ],
    [
      'completeness above 1',
      { quality: { completeness: 1.5, stale: false, conflicts: [] } },
      '/quality/completeness',
    ],
    ['a field the model lacks', { nickname: 'Nordic' }, ''],
    ['a missing version', { version: undefined }, ''],
    ['an untimed updatedAt', { updatedAt: '2024-03-02' }, '/updatedAt'],
  ])('rejects %s', (_name, change, path) => {
    expect(validate(json({ ...organization, ...change }))).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(path);
  });

  it('lists exactly the canonical fields of the model', () => {
    expect(CUSTOMER_SCHEMA.$defs.CanonicalField.enum).toEqual([...CANONICAL_FIELDS]);
  });

  it('lists exactly the lineage rules of the model (survivorship rules and manual-override)', () => {
    expect(CUSTOMER_SCHEMA.$defs.FieldLineage.properties.rule.enum).toEqual([...LINEAGE_RULES]);
    expect(LINEAGE_RULES).toContain('manual-override');
  });

  it.each(LINEAGE_RULES)('accepts lineage by the rule %s', (rule) => {
    expect(
      validate(json({ ...organization, lineage: { legalName: [{ ...lineage, rule }] } })),
    ).toBe(true);
  });
});
