import { type CustomerFactsInput, normaliseFacts } from './facts.normaliser';
import { hasErrors, ValidationCode } from './normalise-result';

const options = { defaultRegion: 'SE' };

describe('normaliseFacts', () => {
  it.each([
    ['a local number in the address country', '30 58 10 06', 'Danmark', '+4530581006'],
    ['a local number in the default region', '070-123 45 67', 'DE', '+46701234567'],
    ['an international number whatever the address', '+90 553 494 44 49', 'SE', '+905534944449'],
    ['a number of possible length with its country code', '+45 21 02 87 49', 'DK', '+4521028749'],
  ])('reads %s', (_case, phone, country, expected) => {
    const { facts, issues } = normaliseFacts(
      { kind: 'person', fullName: 'A B', phones: [phone], addresses: [{ country }] },
      options,
    );
    expect(issues).toEqual([]);
    expect(facts.phones).toEqual([expected]);
  });

  it('refuses a local number no candidate region accepts, naming the first region', () => {
    const { issues } = normaliseFacts(
      {
        kind: 'person',
        fullName: 'A B',
        phones: ['0533 240 27 42'],
        addresses: [{ country: 'NO' }],
      },
      options,
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: ValidationCode.INVALID_PHONE,
        message: expect.stringContaining('region NO'),
      }),
    ]);
  });

  it('normalises every field of a person', () => {
    const { facts, issues } = normaliseFacts(
      {
        kind: ' Person ',
        fullName: ' Åsa  Öberg ',
        givenName: 'Åsa',
        familyName: 'Öberg',
        birthDate: '1980-02-29',
        emails: [' Asa.Oberg@Example.SE', 'asa.oberg@example.se', ''],
        phones: ['070-123 45 67', '+46701234567'],
        addresses: [
          {
            lines: [' Storgatan  1 ', ''],
            city: 'Stockholm',
            postalCode: '111 22',
            country: 'Sverige',
          },
          { lines: [] },
        ],
        identifiers: [{ scheme: 'National ID', value: ' 19800229-1234 ' }],
        website: 'www.Example.se',
        organization: {
          name: ' Nordic  Widgets AB ',
          identifiers: [{ scheme: 'VAT', value: 'se 5560123456 01' }],
        },
      },
      options,
    );
    expect(issues).toEqual([]);
    expect(facts).toEqual({
      kind: 'person',
      fullName: 'Åsa Öberg',
      givenName: 'Åsa',
      familyName: 'Öberg',
      birthDate: '1980-02-29',
      emails: ['asa.oberg@example.se'],
      phones: ['+46701234567'],
      addresses: [
        { lines: ['Storgatan 1'], city: 'Stockholm', postalCode: '111 22', country: 'SE' },
      ],
      identifiers: [{ scheme: 'national-id', value: '19800229-1234' }],
      website: 'https://www.example.se/',
      domain: 'example.se',
      organization: {
        name: 'Nordic Widgets AB',
        identifiers: [{ scheme: 'vat', value: 'SE556012345601' }],
      },
    });
  });

  it('is idempotent on its own output', () => {
    const first = normaliseFacts(
      { kind: 'organization', legalName: 'Acme AB', emails: ['Info@Acme.se'], website: 'acme.se' },
      options,
    );
    expect(normaliseFacts(first.facts, options)).toEqual(first);
  });

  it('prefers a stated domain over the website host', () => {
    const { facts } = normaliseFacts(
      {
        kind: 'organization',
        legalName: 'Acme',
        website: 'https://shop.acme.se',
        domain: 'acme.se',
      },
      options,
    );
    expect(facts).toMatchObject({ website: 'https://shop.acme.se/', domain: 'acme.se' });
  });

  it.each<[string, CustomerFactsInput, string, ValidationCode, 'error' | 'warning']>([
    [
      'invalid e-mail',
      { kind: 'person', fullName: 'A', emails: ['ok@x.se', 'anna@'] },
      'emails[1]',
      ValidationCode.INVALID_EMAIL,
      'error',
    ],
    [
      'invalid phone',
      { kind: 'person', fullName: 'A', phones: ['12'] },
      'phones[0]',
      ValidationCode.INVALID_PHONE,
      'error',
    ],
    ['missing kind', { fullName: 'A' }, 'kind', ValidationCode.MISSING_REQUIRED, 'error'],
    [
      'unknown kind',
      { kind: 'company', legalName: 'A' },
      'kind',
      ValidationCode.INVALID_KIND,
      'error',
    ],
    [
      'person without a name',
      { kind: 'person', fullName: '  ', emails: ['a@x.se'] },
      'fullName',
      ValidationCode.MISSING_REQUIRED,
      'error',
    ],
    [
      'organization without a name',
      { kind: 'organization', tradingName: '' },
      'legalName',
      ValidationCode.MISSING_REQUIRED,
      'error',
    ],
    [
      'unknown country',
      { kind: 'organization', legalName: 'A', addresses: [{ lines: ['x'], country: 'Atlantis' }] },
      'addresses[0].country',
      ValidationCode.INVALID_COUNTRY,
      'warning',
    ],
    [
      'impossible birth date',
      { kind: 'person', fullName: 'A', birthDate: '1981-02-29' },
      'birthDate',
      ValidationCode.INVALID_DATE,
      'warning',
    ],
    [
      'birth date on an organization',
      { kind: 'organization', legalName: 'A', birthDate: '1981-02-28' },
      'birthDate',
      ValidationCode.NOT_APPLICABLE,
      'warning',
    ],
    [
      'bad website',
      { kind: 'organization', legalName: 'A', website: 'not a site' },
      'website',
      ValidationCode.INVALID_WEBSITE,
      'warning',
    ],
    [
      'bad identifier scheme',
      { kind: 'organization', legalName: 'A', identifiers: [{ scheme: '?', value: '1' }] },
      'identifiers[0]',
      ValidationCode.INVALID_IDENTIFIER,
      'warning',
    ],
    [
      'bad organization identifier',
      {
        kind: 'person',
        fullName: 'A',
        organization: { identifiers: [{ scheme: '!', value: '1' }] },
      },
      'organization.identifiers[0]',
      ValidationCode.INVALID_IDENTIFIER,
      'warning',
    ],
  ])('%s -> issue on %s', (_case, input, field, code, severity) => {
    const { issues } = normaliseFacts(input, options);
    expect(issues).toEqual([expect.objectContaining({ field, code, severity })]);
    expect(hasErrors(issues)).toBe(severity === 'error');
  });

  it('names the offending value and leaves it out of the facts', () => {
    const { facts, issues } = normaliseFacts(
      {
        kind: 'person',
        fullName: 'A',
        emails: ['anna@', 'b@x.se'],
        addresses: [{ lines: ['x'], country: 'Atlantis' }],
      },
      options,
    );
    expect(issues.map((i) => i.value)).toEqual(['anna@', 'Atlantis']);
    expect(facts.emails).toEqual(['b@x.se']);
    expect(facts.addresses).toEqual([{ lines: ['x'] }]);
  });
});
