import { organization, person } from '../testing/observation.fixture';
import { MatchFeatureExtractor } from './match-features';

describe('MatchFeatureExtractor', () => {
  const extractor = new MatchFeatureExtractor();

  it('keys a person for comparison', () => {
    const features = extractor.extract(
      person({
        givenName: 'Kalle',
        familyName: 'Öberg',
        birthDate: '1980-02-03',
        emails: ['Kalle@Acme.se', 'kalle@gmail.com'],
        phones: ['+46701234567', '070-123 45 67'],
        addresses: [
          { lines: ['Storgatan 5'], postalCode: '114 55', city: 'Stockholm', country: 'se' },
        ],
        identifiers: [
          { scheme: 'national-id', value: '800203-1234' },
          { scheme: 'crm-segment', value: 'A' },
        ],
        organization: { name: 'Acme AB', identifiers: [] },
      }),
    );
    expect(features).toMatchObject({
      kind: 'person',
      given: 'kalle',
      givenCanonical: 'karl',
      family: 'oberg',
      orgWords: 'acme',
      birthDate: '1980-02-03',
      emails: ['kalle@acme.se', 'kalle@gmail.com'],
      phones: ['+46701234567'],
      domains: ['acme.se'],
      postalCode: '11455',
      street: 'storg 5',
      city: 'stockholm',
      country: 'SE',
      strongIds: ['national-id:8002031234'],
    });
    expect(features.familySound).not.toBe('');
  });

  it('splits a full name when the parts are missing', () => {
    const features = extractor.extract(person({ fullName: 'Anna Berg' }));
    expect([features.given, features.family]).toEqual(['anna', 'berg']);
  });

  it('keys an organization by its legal name and website', () => {
    const features = extractor.extract(
      organization({
        legalName: 'Mærsk A/S',
        tradingName: 'Maersk',
        website: 'https://www.maersk.com',
      }),
    );
    expect(features).toMatchObject({
      orgWords: 'maersk',
      given: '',
      birthDate: '',
      domains: ['maersk.com'],
    });
  });

  it('gives the same phonetic code to transliterated spellings', () => {
    const a = extractor.extract(person({ familyName: 'Şahin' }));
    const b = extractor.extract(person({ familyName: 'Sahin' }));
    expect(a.familySound).toBe(b.familySound);
  });
});
