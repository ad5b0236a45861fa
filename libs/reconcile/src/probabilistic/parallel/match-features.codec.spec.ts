import { MatchFeatureExtractor } from '../../normalise/match-features';
import { organization, person } from '../../testing/observation.fixture';
import { decodeFeatures, encodeFeatures } from './match-features.codec';

const extractor = new MatchFeatureExtractor();

describe('match features codec', () => {
  it.each([
    { name: 'no records', facts: [] },
    {
      name: 'people sharing strings, lists of every length',
      facts: [
        person({ givenName: 'Anna', familyName: 'Berg', emails: ['a@berg.se', 'anna@x.se'] }),
        person({ givenName: 'Anna', familyName: 'Berg', phones: ['+46701234567'] }),
        person({ givenName: 'Åsa', familyName: 'Öberg', birthDate: '1980-02-03' }),
      ],
    },
    {
      name: 'organizations and people with quotes and separators in names',
      facts: [
        organization({ legalName: 'Nordic "Steel" AB', domain: 'steel.se' }),
        person({ givenName: 'Jean\u0000Luc', familyName: "D'Arc|x" }),
      ],
    },
  ])('round-trips $name', ({ facts }) => {
    const features = facts.map((record) => extractor.extract(record));
    const decoded = decodeFeatures(encodeFeatures(features));
    expect(decoded).toEqual(features);
    // The same field order as the extractor, so every record has one shape.
    decoded.forEach((record, index) => {
      expect(Object.keys(record)).toEqual(Object.keys(features[index] ?? {}));
    });
  });

  it('writes each distinct string once', () => {
    const anna = extractor.extract(person({ givenName: 'Anna', familyName: 'Berg' }));
    const encoded = encodeFeatures([anna, anna, anna]);
    const strings = JSON.parse(encoded.strings) as string[];
    expect(new Set(strings).size).toBe(strings.length);
    expect(strings).toContain('anna');
  });
});
