import { MatchFeatureExtractor } from '../normalise/match-features';
import { organization, person } from '../testing/observation.fixture';
import { blockingKeysOf } from './blocking-rule';
import { candidatePairs } from './candidate-pairs';

const extractor = new MatchFeatureExtractor();
const address = (postalCode: string) => [{ lines: ['Storgatan 1'], postalCode, country: 'SE' }];

const records = [
  /* 0 */ person({
    givenName: 'Anna',
    familyName: 'Berg',
    emails: ['anna@x.se', 'a.berg@y.se'],
    addresses: address('11455'),
  }),
  /* 1 */ person({ givenName: 'Anna', familyName: 'Berg', emails: ['anna@x.se', 'a.berg@y.se'] }),
  /* 2 */ person({ givenName: 'Berg', familyName: 'Anna', addresses: address('114 55') }),
  /* 3 */ person({
    givenName: 'Olle',
    familyName: 'Nilsson',
    birthDate: '1970-01-01',
    phones: ['+46701111111'],
  }),
  /* 4 */ person({ givenName: 'Olof', familyName: 'Nilson', birthDate: '1970-01-01' }),
  /* 5 */ organization({ legalName: 'Acme AB', phones: ['+46701111111'] }),
  /* 6 */ organization({ legalName: 'ACME Aktiebolag', domain: 'acme.se' }),
  /* 7 */ organization({ legalName: 'Acme', website: 'https://acme.se' }),
].map((facts) => extractor.extract(facts));

function pairsOf(result: ReturnType<typeof candidatePairs>): string[] {
  return Array.from(result.left, (left, p) => `${left}-${result.right[p]}`).sort();
}

describe('candidatePairs', () => {
  it('gives each pair of the union of rules once, never across kinds', () => {
    const result = candidatePairs(records);
    expect(pairsOf(result)).toEqual(['0-1', '0-2', '1-2', '3-4', '5-6', '5-7', '6-7']);
  });

  it('reports which rule produced the pairs', () => {
    const byRule = candidatePairs(records).report.pairsByRule.filter((entry) => entry.pairs > 0);
    expect(byRule).toEqual([
      { rule: 'email', kind: 'person', pairs: 1 },
      { rule: 'address', kind: 'person', pairs: 1 },
      { rule: 'name-words', kind: 'person', pairs: 1 },
      { rule: 'birth-family', kind: 'person', pairs: 1 },
      { rule: 'name', kind: 'organization', pairs: 3 },
    ]);
  });

  it('skips and reports blocks above the size cap', () => {
    const crowd = Array.from({ length: 5 }, () =>
      extractor.extract(person({ givenName: 'Eva', familyName: 'Lind', phones: ['+46812345678'] })),
    );
    const result = candidatePairs(crowd, undefined, { maxBlockSize: 4 });
    expect(result.count).toBe(0);
    expect(result.report.oversizedCount).toBe(2);
    expect(result.report.oversized[0]).toEqual({
      rule: 'phone',
      kind: 'person',
      key: '+46812345678',
      size: 5,
    });
  });
});

describe('blockingKeysOf', () => {
  it('prefixes keys with kind and rule', () => {
    expect(blockingKeysOf(records[7] ?? records[0]!)).toEqual([
      'block:organization:domain:acme.se',
      'block:organization:name:acme',
    ]);
  });
});
