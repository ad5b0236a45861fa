import { MatchFeatureExtractor } from '../normalise/match-features';
import { person } from '../testing/observation.fixture';
import { DEFAULT_COMPARISONS } from './comparison.definitions';
import { DEFAULT_BLOCKING_RULES } from '../blocking/blocking-rule';
import {
  decodePattern,
  estimateM,
  estimateU,
  patternCode,
  sessionPatterns,
  termFrequencies,
  trainMatchModel,
} from './match-model.trainer';
import { seededRandom } from './seeded-random';

describe('pattern codes', () => {
  it.each([[[0, 0, 0]], [[1, -1, 2]], [[-1, -1, -1]], [[1, 3, 0]]])(
    '%j survives a round trip',
    (levels) => {
      const radices = [3, 5, 4];
      expect(decodePattern(patternCode(levels, radices), radices)).toEqual(levels);
    },
  );
});

describe('estimateM', () => {
  it('recovers m and the match share of a known two-class mixture', () => {
    // Three comparisons of two levels (agree, disagree), plus null: radix 3 each.
    const radices = [3, 3, 3];
    const m = [0.9, 0.8, 0.85];
    const u = [0.05, 0.1, 0.2];
    const share = 0.3;
    const random = seededRandom(7);
    const counts = new Map<number, number>();
    for (let pair = 0; pair < 50_000; pair += 1) {
      const match = random() < share;
      const levels = [0, 1, 2].map((index) => (random() < (match ? m[index]! : u[index]!) ? 0 : 1));
      const code = patternCode(levels, radices);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const result = estimateM(
      counts,
      radices,
      [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      { maxIterations: 200, tolerance: 1e-7 },
    );
    expect(result.matchShare).toBeCloseTo(share, 1);
    expect(result.m[0]?.[0]).toBeCloseTo(0.9, 1);
    expect(result.m[1]?.[0]).toBeCloseTo(0.8, 1);
  });
});

describe('estimateU and termFrequencies', () => {
  const extractor = new MatchFeatureExtractor();
  const families = ['Berg', 'Berg', 'Berg', 'Lind', 'Holm', 'Ek', 'Sjö', 'Nord'];
  const records = families.map((familyName) => extractor.extract(person({ familyName })));
  const family = DEFAULT_COMPARISONS.find((definition) => definition.name === 'familyName')!;

  it('is a distribution per comparison, the same for the same seed', () => {
    const u = estimateU(records, [family], 2000, 1);
    expect(u[0]?.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
    expect(estimateU(records, [family], 2000, 1)).toEqual(u);
    // 3 of 8 records share a name: about 6 of 56 ordered pairs agree exactly.
    expect(u[0]?.[0]).toBeGreaterThan(0.05);
  });

  it('keeps the share of common values only', () => {
    expect(termFrequencies(records, family, { termMinCount: 2, termMaxValues: 10 })).toEqual({
      berg: 3 / 8,
    });
  });
});

describe('trainMatchModel', () => {
  it('gives a model that names every comparison of both kinds', () => {
    const extractor = new MatchFeatureExtractor();
    const records = [
      person({ givenName: 'Anna', familyName: 'Berg', birthDate: '1980-02-03' }),
      person({ givenName: 'Anna', familyName: 'Berg', birthDate: '1980-02-03' }),
      person({ givenName: 'Eva', familyName: 'Lind', birthDate: '1970-01-01' }),
    ].map((facts) => extractor.extract(facts));
    const model = trainMatchModel(records, {
      left: Int32Array.from([0]),
      right: Int32Array.from([1]),
      count: 1,
    });
    expect(model.version).toBe(1);
    expect(model.kinds.person.comparisons.map((comparison) => comparison.name)).toEqual(
      DEFAULT_COMPARISONS.filter((definition) => definition.kind === 'person').map(
        (definition) => definition.name,
      ),
    );
    expect(model.kinds.person.lambda).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('sessionPatterns', () => {
  it('compares the pairs of each session rule on its own, sampled down to the cap', () => {
    const extractor = new MatchFeatureExtractor();
    const records = [
      person({ givenName: 'Anna', familyName: 'Berg', emails: ['a@x.se'] }),
      person({ givenName: 'Ana', familyName: 'Berg', emails: ['a@x.se'] }),
      person({ givenName: 'Anna', familyName: 'Berg', emails: ['b@y.se'] }),
    ].map((facts) => extractor.extract(facts));
    const sessions = [
      { kind: 'person' as const, rule: 'email', estimates: ['givenName'] },
      { kind: 'person' as const, rule: 'name-words', estimates: ['emails'] },
      { kind: 'person' as const, rule: 'no-such-rule', estimates: ['emails'] },
    ];
    const result = sessionPatterns(
      records,
      DEFAULT_COMPARISONS,
      DEFAULT_BLOCKING_RULES,
      { maxBlockSize: 300 },
      {
        sessions,
        maxSessionPairs: 10,
      },
    );
    const pairCount = (index: number) =>
      [...(result[index]?.counts.values() ?? [])].reduce((a, b) => a + b, 0);
    expect(result.map((entry) => entry.session.rule)).toEqual(['email', 'name-words']);
    expect([pairCount(0), pairCount(1)]).toEqual([1, 1]);
  });
});
