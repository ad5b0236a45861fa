import { MatchFeatureExtractor } from '../normalise/match-features';
import { organization, person } from '../testing/observation.fixture';
import { matchProbabilityOf, priorWeightOf } from './match-model';
import { MatchModelException } from './match-model.exception';
import { fixtureModel } from './match-model.fixture';
import { pairPattern, radicesOf } from './match-model.trainer';
import { PairScorer } from './pair.scorer';

const extractor = new MatchFeatureExtractor();
const anna = person({
  givenName: 'Anna',
  familyName: 'Berg',
  birthDate: '1980-02-03',
  phones: ['+46701234567'],
  addresses: [{ lines: ['Storgatan 5'], postalCode: '11455' }],
});

describe('matchProbabilityOf', () => {
  it.each([
    [0, 0.5],
    [1, 2 / 3],
    [-1, 1 / 3],
    [Number.NEGATIVE_INFINITY, 0],
    [5000, 1],
  ])('weight %d -> %d', (weight, probability) => {
    expect(matchProbabilityOf(weight)).toBeCloseTo(probability, 10);
  });

  it('takes the prior as log2 odds', () => {
    expect(priorWeightOf(0.2)).toBeCloseTo(-2, 10);
  });
});

describe('PairScorer', () => {
  const scorer = new PairScorer(fixtureModel());

  it.each([
    [
      'the same person written differently',
      person({
        givenName: 'ANNA',
        familyName: 'Berg',
        birthDate: '1980-02-03',
        phones: ['+46701234567'],
      }),
      'link',
    ],
    [
      'a typo and a transliteration',
      person({
        givenName: 'Ana',
        familyName: 'Berg',
        addresses: [{ lines: ['Storg. 5'], postalCode: '114 55' }],
      }),
      'link',
    ],
    [
      'a household member (same address and phone, other name)',
      person({
        givenName: 'Erik',
        familyName: 'Berg',
        birthDate: '1978-11-30',
        phones: ['+46701234567'],
        addresses: [{ lines: ['Storgatan 5'], postalCode: '11455' }],
      }),
      'veto',
    ],
    [
      'a namesake born another year',
      person({ givenName: 'Anna', familyName: 'Berg', birthDate: '1991-07-01' }),
      'veto',
    ],
    [
      'a namesake with nothing else in common',
      person({ givenName: 'Anna', familyName: 'Berg', phones: ['+46709999999'] }),
      'low',
    ],
  ])('%s', (_case, other, expected) => {
    const score = scorer.score(extractor.extract(anna), extractor.extract(other));
    const outcome =
      score.vetoedBy.length > 0 ? 'veto' : score.matchProbability >= 0.95 ? 'link' : 'low';
    expect(outcome).toBe(expected);
    expect(score.comparisons.map((comparison) => comparison.field)).toEqual([
      'givenName',
      'familyName',
      'birthDate',
      'emails',
      'phones',
      'addresses',
      'organization',
    ]);
  });

  it('links a shared personal e-mail outright, whatever the score', () => {
    const score = scorer.score(
      extractor.extract(person({ givenName: 'Anna', emails: ['anna@x.se'] })),
      extractor.extract(person({ givenName: 'Eva', emails: ['anna@x.se'] })),
    );
    expect(score).toMatchObject({
      matchProbability: 1,
      deterministicKeys: ['person:email:anna@x.se'],
    });
  });

  it('never matches a person with an organization', () => {
    const score = scorer.score(
      extractor.extract(anna),
      extractor.extract(organization({ legalName: 'Berg AB' })),
    );
    expect(score.matchProbability).toBe(0);
  });

  it('down-weights an exact agreement on a common value (term frequency)', () => {
    const common = new PairScorer(fixtureModel({ familyName: { berg: 0.05 } }));
    const a = extractor.extract(person({ givenName: 'Anna', familyName: 'Berg' }));
    const b = extractor.extract(person({ givenName: 'Anna', familyName: 'Berg' }));
    const family = (s: PairScorer) =>
      s.score(a, b).comparisons.find((c) => c.field === 'familyName')?.weight ?? 0;
    expect(family(common)).toBeCloseTo(Math.log2(0.85 / 0.05), 6);
    expect(family(scorer)).toBeCloseTo(Math.log2(0.85 / 0.001), 6);
  });

  it('gives the same score through the pattern path as through the direct one', () => {
    const a = extractor.extract(anna);
    const b = extractor.extract(
      person({ givenName: 'Ana', familyName: 'Berg', phones: ['+46701234567'] }),
    );
    const definitions = scorer.definitionsOf('person');
    const coded = scorer.scoreCoded(a, b, pairPattern(definitions, radicesOf(definitions), a, b));
    const direct = scorer.score(a, b);
    expect(coded.matchWeight).toBeCloseTo(direct.matchWeight, 10);
    expect(coded.matchProbability).toBeCloseTo(direct.matchProbability, 10);
  });

  it('refuses a model that does not fit the comparisons', () => {
    const model = fixtureModel();
    model.kinds.person.comparisons = model.kinds.person.comparisons.slice(1);
    expect(() => new PairScorer(model)).toThrow(MatchModelException);
  });
});
