import { MatchFeatureExtractor } from '../normalise/match-features';
import { person, thrownBy } from '../testing/observation.fixture';
import { type BatchPairDecision, linkBatch } from './batch.linker';
import { fixtureModel } from './match-model.fixture';
import { MatchModelErrorCode, MatchModelException } from './match-model.exception';

const extractor = new MatchFeatureExtractor();
const model = fixtureModel();
const home = [{ lines: ['Storgatan 5'], postalCode: '11455', city: 'Stockholm', country: 'SE' }];
const annaBerg = { givenName: 'Anna', familyName: 'Berg', birthDate: '1980-02-03' };
const records = [
  /* 0 */ person({ ...annaBerg, phones: ['+46701234567'], addresses: home }),
  /* 1 */ person({ ...annaBerg, phones: ['+46701234567'] }),
  /* 2 */ person({
    givenName: 'Erik',
    familyName: 'Lind',
    birthDate: '1975-01-01',
    addresses: [{ lines: ['Vasagatan 1'], postalCode: '11455', country: 'SE' }],
  }),
  /* 3 */ person({ ...annaBerg, addresses: home }),
  /* 4: a household member of 0 and 3 (another given name: vetoed) */
  person({ givenName: 'Karin', familyName: 'Berg', birthDate: '1982-05-06', addresses: home }),
  /* 5 */ person({ givenName: 'Ann', familyName: 'Berg', phones: ['+46701234567'] }),
  /* 6, 7: one personal e-mail, linked outright */
  person({ givenName: 'Olle', familyName: 'Ek', emails: ['olle@ek.se'] }),
  person({ givenName: 'Olle', familyName: 'Ek', birthDate: '1990-01-01', emails: ['olle@ek.se'] }),
  /* 8: a review pair with 2 */
  person({
    givenName: 'Erik',
    familyName: 'Linde',
    addresses: [{ lines: ['Kungsgatan 9'], postalCode: '11455', country: 'SE' }],
  }),
].map((facts) => extractor.extract(facts));

const same = (left: number, right: number): BatchPairDecision => ({
  left,
  right,
  verdict: 'same',
});
const distinct = (left: number, right: number): BatchPairDecision => ({
  left,
  right,
  verdict: 'distinct',
});
const REVIEW_2_8 = ['2-8'];

describe('linkBatch with decisions', () => {
  it.each<[string, BatchPairDecision[], number[], string[], string[]]>([
    ['no decisions: scores alone', [], [0, 0, 2, 0, 4, 0, 6, 6, 8], REVIEW_2_8, []],
    [
      'distinct on a linked candidate pair keeps it apart, and chains through 3 and 5 too',
      [distinct(0, 1)],
      [0, 1, 2, 0, 4, 0, 6, 6, 8],
      REVIEW_2_8,
      ['1-3', '1-5'],
    ],
    [
      'same on a pair blocking never produced links it',
      [same(2, 0)],
      [0, 0, 0, 0, 4, 0, 6, 6, 8],
      REVIEW_2_8,
      [],
    ],
    [
      'distinct outranks a deterministic link (a shared personal e-mail)',
      [distinct(6, 7)],
      [0, 0, 2, 0, 4, 0, 6, 7, 8],
      REVIEW_2_8,
      [],
    ],
    [
      'a decided review pair leaves the review queue',
      [distinct(2, 8)],
      [0, 0, 2, 0, 4, 0, 6, 6, 8],
      [],
      [],
    ],
    [
      'a review pair between clusters kept apart leaves the queue',
      [distinct(0, 8), same(0, 2)],
      [0, 0, 0, 0, 4, 0, 6, 6, 8],
      [],
      [],
    ],
    [
      'distinct elsewhere does not settle a review pair',
      [distinct(0, 8)],
      [0, 0, 2, 0, 4, 0, 6, 6, 8],
      REVIEW_2_8,
      [],
    ],
    [
      'same on a vetoed pair links first; the household guard then holds back the others',
      [same(3, 4)],
      [0, 0, 2, 3, 3, 0, 6, 6, 8],
      REVIEW_2_8,
      ['0-3', '1-3'],
    ],
    [
      'of two decisions on one pair the later wins',
      [distinct(0, 1), same(1, 0)],
      [0, 0, 2, 0, 4, 0, 6, 6, 8],
      REVIEW_2_8,
      [],
    ],
  ])('%s', (_case, decisions, clusters, reviews, refused) => {
    const result = linkBatch(records, { model, decisions });
    expect(Array.from(result.clusterOf)).toEqual(clusters);
    expect(result.reviewPairs.map(({ left, right }) => `${left}-${right}`)).toEqual(reviews);
    expect(result.refusedLinks.map(({ left, right }) => `${left}-${right}`)).toEqual(refused);
  });

  it('gives the same clusters whatever the order of the decisions', () => {
    const decisions = [same(2, 0), distinct(0, 1), distinct(6, 7)];
    const forward = linkBatch(records, { model, decisions });
    const backward = linkBatch(records, { model, decisions: [...decisions].reverse() });
    expect(Array.from(backward.clusterOf)).toEqual(Array.from(forward.clusterOf));
    expect(Array.from(forward.clusterOf)).toEqual([0, 1, 0, 0, 4, 0, 6, 7, 8]);
  });

  it.each<[string, BatchPairDecision]>([
    ['a record index past the end', same(0, records.length)],
    ['a negative index', distinct(-1, 2)],
    ['a record paired with itself', same(3, 3)],
    ['a fractional index', distinct(1.5, 2)],
  ])('refuses a decision naming %s', (_case, decision) => {
    const error = thrownBy(() => linkBatch(records, { model, decisions: [decision] }));
    expect(error).toBeInstanceOf(MatchModelException);
    expect((error as MatchModelException).code).toBe(MatchModelErrorCode.InvalidDecision);
  });
});
