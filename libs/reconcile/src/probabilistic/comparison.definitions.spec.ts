import { type CustomerFacts } from '@crosswalk/model';
import { MatchFeatureExtractor } from '../normalise/match-features';
import { organization, person } from '../testing/observation.fixture';
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { DEFAULT_COMPARISONS, NULL_LEVEL } from './comparison.definitions';

const extractor = new MatchFeatureExtractor();

function levelOf(name: string, a: CustomerFacts, b: CustomerFacts): string {
  const definition = DEFAULT_COMPARISONS.find(
    (candidate) => candidate.name === name && candidate.kind === a.kind,
  );
  if (definition === undefined) throw new Error(`no comparison ${name}`);
  const level = definition.compare(extractor.extract(a), extractor.extract(b));
  return level === NULL_LEVEL ? 'null' : (definition.levels[level]?.label ?? '?');
}

describe('comparison levels', () => {
  it.each([
    ['givenName', person({ givenName: 'Anna' }), person({ givenName: 'ANNA' }), 'exact'],
    ['givenName', person({ givenName: 'Bob' }), person({ givenName: 'Robert' }), 'nickname'],
    ['givenName', person({ givenName: 'Kalle' }), person({ givenName: 'Karl' }), 'nickname'],
    [
      'givenName',
      person({ givenName: 'Jonathan' }),
      person({ givenName: 'Johnathan' }),
      'jaro-winkler>=0.80',
    ],
    [
      'givenName',
      person({ givenName: 'Johanna' }),
      person({ givenName: 'Johana' }),
      'jaro-winkler>=0.92',
    ],
    ['givenName', person({ givenName: 'Ida' }), person({ givenName: 'Iaa' }), 'levenshtein<=1'],
    ['givenName', person({ givenName: 'A' }), person({ givenName: 'Anna' }), 'initial'],
    ['givenName', person({ givenName: 'Anna' }), person({ givenName: 'Eva' }), 'different'],
    ['givenName', person({ givenName: 'Anna' }), person({}), 'null'],
    [
      'givenName',
      person({ givenName: 'Berg', familyName: 'Anna' }),
      person({ givenName: 'Anna', familyName: 'Berg' }),
      'exact',
    ],
    [
      'familyName',
      person({ fullName: 'Jonas Nilsen Solli' }),
      person({ givenName: 'Jonas', familyName: 'Nilsen Solli' }),
      'exact',
    ],
    ['familyName', person({ familyName: 'Öztürk' }), person({ familyName: 'Ozturk' }), 'exact'],
    [
      'familyName',
      person({ familyName: 'Müller' }),
      person({ familyName: 'Mueller' }),
      'jaro-winkler>=0.80',
    ],
    [
      'familyName',
      person({ familyName: 'Andersson' }),
      person({ familyName: 'Anderson' }),
      'jaro-winkler>=0.92',
    ],
    ['familyName', person({ familyName: 'Berg' }), person({ familyName: 'Lind' }), 'different'],
    [
      'birthDate',
      person({ birthDate: '1980-02-03' }),
      person({ birthDate: '1980-02-03' }),
      'exact',
    ],
    [
      'birthDate',
      person({ birthDate: '1980-02-03' }),
      person({ birthDate: '1980-02-08' }),
      'one-edit-or-day-month-swapped',
    ],
    [
      'birthDate',
      person({ birthDate: '1980-02-03' }),
      person({ birthDate: '1980-03-02' }),
      'one-edit-or-day-month-swapped',
    ],
    [
      'birthDate',
      person({ birthDate: '1980-02-28' }),
      person({ birthDate: '1980-03-10' }),
      'within-31-days',
    ],
    [
      'birthDate',
      person({ birthDate: '1980-02-03' }),
      person({ birthDate: '1975-06-20' }),
      'different',
    ],
    [
      'phones',
      person({ phones: ['+46701234567'] }),
      person({ phones: ['+46701234567', '+4681234567'] }),
      'exact',
    ],
    [
      'phones',
      person({ phones: ['+46701234567'] }),
      person({ phones: ['+46701234568'] }),
      'one-edit',
    ],
    ['phones', person({ phones: ['+46701234567'] }), person({ phones: [] }), 'null'],
    [
      'addresses',
      person({ addresses: [{ lines: ['Storgatan 5'], postalCode: '114 55' }] }),
      person({ addresses: [{ lines: ['Storg. 5'], postalCode: '11455' }] }),
      'exact',
    ],
    [
      'addresses',
      person({ addresses: [{ lines: ['Storgatan 5'], postalCode: '11455', city: 'Stockholm' }] }),
      person({ addresses: [{ lines: ['Kungsgatan 1'], postalCode: '11122', city: 'STOCKHOLM' }] }),
      'same-city',
    ],
    [
      'addresses',
      person({
        organization: { name: 'Acme AB', identifiers: [] },
        addresses: [{ lines: ['Storgatan 5'], postalCode: '11455' }],
      }),
      person({
        organization: { name: 'ACME', identifiers: [] },
        addresses: [{ lines: ['Storgatan 5'], postalCode: '11455' }],
      }),
      'null',
    ],
    [
      'legalName',
      organization({ legalName: 'Koç Holding A.Ş.' }),
      organization({ legalName: 'KOC HOLDING AS' }),
      'exact',
    ],
    [
      'legalName',
      organization({ legalName: 'Nordic Trading AB' }),
      organization({ legalName: 'Nordik Trading' }),
      'jaro-winkler>=0.95',
    ],
    [
      'legalName',
      organization({ legalName: 'Acme AB' }),
      organization({ legalName: 'Volvo AB' }),
      'different',
    ],
    [
      'domain',
      organization({ website: 'www.acme.se' }),
      organization({ emails: ['info@acme.se'] }),
      'exact',
    ],
    [
      'identifiers',
      organization({ identifiers: [{ scheme: 'vat', value: 'SE1' }] }),
      organization({ identifiers: [{ scheme: 'vat', value: 'SE2' }] }),
      'conflict',
    ],
    [
      'identifiers',
      organization({ identifiers: [{ scheme: 'erp-customer-number', value: '1' }] }),
      organization({ identifiers: [{ scheme: 'erp-customer-number', value: '2' }] }),
      'null',
    ],
  ])('%s: %j vs %j -> %s', (name, a, b, expected) => {
    expect(levelOf(name, a, b)).toBe(expected);
  });

  it('names unique comparisons per kind, each ending in a level for disagreement', () => {
    for (const kind of ['person', 'organization'] as const) {
      const names = DEFAULT_COMPARISONS.filter((definition) => definition.kind === kind).map(
        (definition) => definition.name,
      );
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('Jaro-Winkler levels', () => {
  // The comparisons skip the full computation when a bound says a pair cannot reach a band:
  // the bands must be those the plain similarity gives.
  const names = [
    'anna',
    'anne',
    'hanna',
    'johan',
    'johanna',
    'jonathan',
    'johnathan',
    'maria',
    'marie',
    'mariana',
    'erik',
    'eric',
    'fredrik',
    'frederik',
    'li',
    'lee',
    'oeberg',
    'oberg',
    'andersson',
    'anderson',
    'nilsson',
    'nilson',
    'abcdefgh',
    'hgfedcba',
    'x',
    'xy',
  ];
  const band = (similarity: number) => (similarity >= 0.92 ? 2 : similarity >= 0.8 ? 3 : 4);
  const family = DEFAULT_COMPARISONS.find((candidate) => candidate.name === 'familyName');

  it.each(
    names.flatMap((left, at) =>
      names.slice(at + 1).map((right): [string, string] => [left, right]),
    ),
  )('family names %s and %s fall in the band of their similarity', (left, right) => {
    const a = extractor.extract(person({ givenName: 'Per', familyName: left }));
    const b = extractor.extract(person({ givenName: 'Per', familyName: right }));
    const level = family?.compare(a, b) ?? NULL_LEVEL;
    expect(Math.min(level + 1, 4)).toBe(Math.min(band(jaroWinkler(left, right)), 4));
  });
});
