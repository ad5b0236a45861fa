import { type CustomerFacts } from '@crosswalk/model';
import { reconcile } from '../reconcile.engine';
import { NOW, observation, person, POLICY } from '../testing/observation.fixture';
import { fixtureModel } from './match-model.fixture';
import { ProbabilisticMatcher } from './probabilistic.matcher';

const matcher = new ProbabilisticMatcher(fixtureModel());
const home = [{ lines: ['Storgatan 5'], postalCode: '11455', city: 'Stockholm', country: 'SE' }];
const anna = person({
  givenName: 'Anna',
  familyName: 'Öberg',
  birthDate: '1980-02-03',
  phones: ['+4681234567'],
  addresses: home,
});

function outcomeOf(second: CustomerFacts, using = matcher) {
  const result = reconcile({
    clusters: [],
    observations: [observation('erp-sql', '1', anna), observation('webshop', '2', second)],
    policy: POLICY,
    now: NOW,
    matcher: using,
  });
  const [first, next] = result.outcomes;
  return {
    sameCustomer: first?.customerId === next?.customerId,
    outcome: next?.outcome,
    reviews: result.reviews.length,
    evidence: next?.evidence ?? [],
  };
}

describe('ProbabilisticMatcher with reconcile', () => {
  it.each([
    [
      'a transliterated, abbreviated record of the same person links',
      person({
        givenName: 'ANNA',
        familyName: 'Oeberg',
        birthDate: '1980-02-03',
        addresses: [{ lines: ['Storg. 5'], postalCode: '114 55' }],
      }),
      { sameCustomer: true, outcome: 'updated', reviews: 0 },
    ],
    [
      'a household member with the same address and phone stays apart',
      person({
        givenName: 'Erik',
        familyName: 'Öberg',
        birthDate: '1977-09-12',
        phones: ['+4681234567'],
        addresses: home,
      }),
      { sameCustomer: false, outcome: 'created', reviews: 0 },
    ],
    [
      'a namesake with another e-mail and address stays apart',
      person({
        givenName: 'Anna',
        familyName: 'Oberg',
        emails: ['anna@elsewhere.example'],
        addresses: [{ lines: ['Bergsvägen 1'], postalCode: '90210', city: 'Umeå' }],
      }),
      { sameCustomer: false, outcome: 'created', reviews: 0 },
    ],
  ])('%s', (_case, second, expected) => {
    expect(outcomeOf(second)).toMatchObject(expected);
  });

  it('sends an uncertain match to review: a new customer for now', () => {
    // A larger prior (a smaller data set) makes a bare name agreement uncertain rather than weak.
    const uncertain = new ProbabilisticMatcher(fixtureModel({}, 1e-3));
    const namesake = person({ givenName: 'Anna', familyName: 'Oberg', phones: ['+46709999999'] });
    const result = outcomeOf(namesake, uncertain);
    expect(result).toMatchObject({ sameCustomer: false, outcome: 'created', reviews: 1 });
  });

  it('links a shared personal e-mail outright and explains the link', () => {
    const result = reconcile({
      clusters: [],
      observations: [
        observation(
          'crm',
          '1',
          person({ givenName: 'Robert', familyName: 'Smith', emails: ['bob@smith.example'] }),
        ),
        observation(
          'webshop',
          '2',
          person({ givenName: 'Bob', familyName: 'Smith', emails: ['bob@smith.example'] }),
        ),
      ],
      policy: POLICY,
      now: NOW,
      matcher,
    });
    const evidence = result.outcomes[1]?.evidence[0];
    expect(result.clusters).toHaveLength(1);
    expect(evidence?.sharedKeys).toContain('person:email:bob@smith.example');
    expect(evidence?.score?.matchProbability).toBe(1);
    expect(evidence?.score?.comparisons.find((c) => c.field === 'givenName')?.level).toBe(
      'nickname',
    );
  });

  it('indexes records under the v1 keys and the blocking keys', () => {
    const keys = matcher.keysOf(anna, {
      connector: 'erp-sql',
      object: 'customers',
      externalId: '1',
    });
    expect(keys).toEqual(
      expect.arrayContaining(['person:phone:+4681234567', 'src:erp-sql/customers/1']),
    );
    expect(keys.some((key) => key.startsWith('block:person:postal-family:11455|'))).toBe(true);
    expect([...keys].sort()).toEqual(keys);
  });

  it('gives the same decision whatever the order of the candidates', () => {
    const first = reconcile({
      clusters: [],
      observations: [
        observation('erp-sql', '1', anna),
        observation(
          'erp-sql',
          '3',
          person({ givenName: 'Anna', familyName: 'Öberg', birthDate: '1980-02-03' }),
        ),
      ],
      policy: POLICY,
      now: NOW,
      matcher,
    });
    const candidates = first.clusters;
    const probe = observation(
      'webshop',
      '9',
      person({ givenName: 'Anna', familyName: 'Öberg', birthDate: '1980-02-03', addresses: home }),
    );
    expect(matcher.match(probe, [...candidates].reverse())).toEqual(
      matcher.match(probe, candidates),
    );
  });
});
