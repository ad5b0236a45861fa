import { type GoldenRecord, type SourceObservation } from '@crosswalk/model';
import { reconcile } from './reconcile.engine';
import {
  type CustomerCluster,
  type PairDecision,
  type SurvivorshipPolicy,
} from './reconcile.types';
import { canonicalJson } from './support/canonical-json';
import { NOW, observation, organization, person, POLICY } from './testing/observation.fixture';

/**
 * Invariant 2 of the design: the same observations give the same golden records whatever
 * order they arrive in, and however they are cut into pages (customer ids aside).
 */

const T1 = '2025-03-01T00:00:00.000Z';
const T2 = '2025-04-01T00:00:00.000Z';
const T3 = '2025-05-01T00:00:00.000Z';

const OBSERVATIONS: SourceObservation[] = [
  // A chain: sql/1 -e-mail- file/1 -phone- crm/1 -national id- crm/2.
  observation('erp-sql', '1', person({ fullName: 'Ada Lovelace', emails: ['ada@example.com'] }), {
    observedAt: T1,
  }),
  observation(
    'erp-file',
    '1',
    person({ fullName: 'Ada King', emails: ['ada@example.com'], phones: ['+46701111111'] }),
    {
      observedAt: T3,
    },
  ),
  observation(
    'crm',
    '1',
    person({
      givenName: 'Ada',
      phones: ['+46701111111'],
      identifiers: [{ scheme: 'national-id', value: '18151210-0000' }],
    }),
    {
      observedAt: T2,
    },
  ),
  observation(
    'crm',
    '2',
    person({
      familyName: 'King',
      birthDate: '1815-12-10',
      identifiers: [{ scheme: 'national-id', value: '181512100000' }],
    }),
    {
      observedAt: T2,
    },
  ),
  // Equal priority, equal recency: the source key decides.
  observation('crm', '3', person({ fullName: 'Bob Stone', emails: ['bob@example.com'] }), {
    observedAt: T2,
  }),
  observation(
    'crm',
    '4',
    person({
      fullName: 'Robert Stone',
      emails: ['bob@example.com'],
      addresses: [{ lines: ['Storgatan 1'], city: 'Malmö', country: 'SE' }],
    }),
    {
      observedAt: T2,
    },
  ),
  // Role mailbox: three people who must stay apart.
  observation('erp-sql', '2', person({ fullName: 'Carl', emails: ['info@acme.example'] }), {
    observedAt: T1,
  }),
  observation('erp-sql', '3', person({ fullName: 'Dora', emails: ['info@acme.example'] }), {
    observedAt: T1,
  }),
  observation('erp-file', '2', person({ fullName: 'Eve', emails: ['INFO@acme.example'] }), {
    observedAt: T1,
  }),
  // An organization on VAT id and ERP number, sharing its switchboard with a person.
  observation(
    'erp-sql',
    '100',
    organization({
      legalName: 'Acme AB',
      phones: ['+4681234567'],
      identifiers: [{ scheme: 'erp-customer-number', value: '100' }],
    }),
    {
      observedAt: T2,
    },
  ),
  observation(
    'crm',
    'acc-1',
    organization({
      tradingName: 'Acme',
      identifiers: [
        { scheme: 'erp-customer-number', value: '100' },
        { scheme: 'vat', value: 'SE556012345601' },
      ],
    }),
    {
      observedAt: T3,
    },
  ),
  observation(
    'erp-file',
    '100',
    organization({
      legalName: 'ACME Aktiebolag',
      emails: ['info@acme.example'],
      identifiers: [{ scheme: 'vat', value: 'SE 556012-3456 01' }],
    }),
    {
      observedAt: T1,
    },
  ),
  observation('erp-file', '3', person({ fullName: 'Frank', phones: ['+4681234567'] }), {
    observedAt: T1,
  }),
  // Two versions of one record (the newer wins), and a record deleted after it was live.
  observation('erp-sql', '4', person({ fullName: 'Gina Old', emails: ['gina@example.com'] }), {
    observedAt: T1,
  }),
  observation('erp-sql', '4', person({ fullName: 'Gina New', emails: ['gina@example.com'] }), {
    observedAt: T3,
  }),
  observation(
    'erp-file',
    '4',
    person({ fullName: 'Gina G', emails: ['gina@example.com'], phones: ['+46702222222'] }),
    {
      observedAt: T2,
    },
  ),
  observation('crm', '5', person({ fullName: 'Hugo', emails: ['hugo@example.com'] }), {
    observedAt: T1,
  }),
  observation('crm', '5', person({ fullName: 'Hugo', emails: ['hugo@example.com'] }), {
    observedAt: T3,
    deleted: true,
  }),
  observation('erp-file', '5', person({ fullName: 'Hugo H', emails: ['hugo@example.com'] }), {
    observedAt: T2,
  }),
  // Every source of this one is deleted in the end.
  observation('erp-sql', '6', person({ fullName: 'Ines', phones: ['+46703333333'] }), {
    observedAt: T1,
  }),
  observation('erp-sql', '6', person({ fullName: 'Ines', phones: ['+46703333333'] }), {
    observedAt: T2,
    deleted: true,
  }),
  observation('erp-file', '6', person({ phones: ['+46703333333'] }), {
    observedAt: T3,
    deleted: true,
  }),
  // Alone.
  observation('erp-sql', '7', person({ fullName: 'Jon' }), { observedAt: T1 }),
];

/** mulberry32: a tiny seeded generator, so a failing permutation can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Golden records without their ids, in a canonical order. */
function contents(
  clusters: readonly CustomerCluster[],
  strip: (golden: GoldenRecord) => unknown,
): string[] {
  return clusters.map((cluster) => canonicalJson(strip(cluster.golden))).sort();
}

const withoutId = ({ id: _id, ...rest }: GoldenRecord): unknown => rest;

/**
 * Across pages a record re-read without a content change keeps its stored bookkeeping
 * (version, updatedAt, lastSeenAt, the observedAt in lineage): the content must still agree.
 */
const contentOnly = (golden: GoldenRecord): unknown => {
  const { id: _id, version: _version, updatedAt: _updatedAt, sources, lineage, ...rest } = golden;
  return {
    ...rest,
    sources: sources.map(({ lastSeenAt: _seen, ...link }) => link),
    lineage: Object.fromEntries(
      Object.entries(lineage).map(([field, entries]) => [
        field,
        entries.map(({ observedAt: _observed, ...entry }) => entry),
      ]),
    ),
  };
};

/** Every field on a rule other than its default (survivorship rules per field). */
const RULED: SurvivorshipPolicy = {
  ...POLICY,
  fieldRules: {
    kind: 'most-frequent',
    fullName: 'most-complete',
    givenName: 'longest',
    familyName: 'most-recent',
    legalName: 'most-frequent',
    tradingName: 'longest',
    birthDate: 'most-frequent',
    emails: 'most-frequent',
    phones: 'source-priority',
    addresses: 'most-complete',
    identifiers: 'most-complete',
    website: 'most-recent',
    domain: 'most-frequent',
    organization: 'most-complete',
  },
};

function inOneCall(
  observations: SourceObservation[],
  policy: SurvivorshipPolicy = POLICY,
  decisions: PairDecision[] = [],
): CustomerCluster[] {
  return reconcile({ clusters: [], observations, policy, now: NOW, decisions }).clusters;
}

/** Pages applied one after the other, with the clusters kept between them as a store would. */
function inPages(
  observations: SourceObservation[],
  random: () => number,
  policy: SurvivorshipPolicy = POLICY,
  decisions: PairDecision[] = [],
): CustomerCluster[] {
  const stored = new Map<string, CustomerCluster>();
  let start = 0;
  while (start < observations.length) {
    const end = Math.min(observations.length, start + 1 + Math.floor(random() * 8));
    const result = reconcile({
      clusters: [...stored.values()],
      observations: observations.slice(start, end),
      policy,
      now: NOW,
      decisions,
    });
    for (const { id } of result.absorbed) stored.delete(id);
    for (const cluster of result.clusters) stored.set(cluster.golden.id, cluster);
    start = end;
  }
  return [...stored.values()];
}

describe('reconcile: order independence', () => {
  const expected = inOneCall(OBSERVATIONS);

  it('builds the customers the data describes', () => {
    const names = expected
      .filter((cluster) => !cluster.golden.deleted)
      .map((cluster) =>
        cluster.members.map((member) => `${member.connector}/${member.externalId}`).join(' '),
      )
      .sort();
    expect(names).toEqual([
      'crm/1 crm/2 erp-file/1 erp-sql/1',
      'crm/3 crm/4',
      'crm/5 erp-file/5',
      'crm/acc-1 erp-file/100 erp-sql/100',
      'erp-file/2',
      'erp-file/3',
      'erp-file/4 erp-sql/4',
      'erp-sql/2',
      'erp-sql/3',
      'erp-sql/7',
    ]);
    expect(expected.filter((cluster) => cluster.golden.deleted)).toHaveLength(1);
    const gina = expected.find((cluster) => cluster.golden.emails.includes('gina@example.com'));
    expect(gina?.golden.fullName).toBe('Gina New');
  });

  it.each(Array.from({ length: 200 }, (_unused, seed) => seed + 1))(
    'gives the same golden records in one call, permutation %i',
    (seed) => {
      const actual = inOneCall(shuffled(OBSERVATIONS, prng(seed)));
      expect(contents(actual, withoutId)).toEqual(contents(expected, withoutId));
    },
  );

  it.each(Array.from({ length: 100 }, (_unused, seed) => seed + 1001))(
    'gives the same golden records page by page, permutation %i',
    (seed) => {
      const random = prng(seed);
      const actual = inPages(shuffled(OBSERVATIONS, random), random);
      expect(contents(actual, contentOnly)).toEqual(contents(expected, contentOnly));
    },
  );
});

describe('reconcile: order independence with a rule on every field', () => {
  const expected = inOneCall(OBSERVATIONS, RULED);

  it('applies the rules', () => {
    const acme = expected.find((cluster) => cluster.golden.legalName !== undefined);
    // erp-sql's 'Acme AB' and erp-file's 'ACME Aktiebolag' tie: priority decides
    expect(acme?.golden.lineage.legalName).toEqual([
      expect.objectContaining({ connector: 'erp-sql', rule: 'most-frequent' }),
    ]);
    const ada = expected.find((cluster) => cluster.golden.emails.includes('ada@example.com'));
    expect(ada?.golden.fullName).toBe('Ada Lovelace');
    expect(ada?.golden.lineage.fullName?.[0]?.rule).toBe('most-complete');
    expect(ada?.golden.phones).toEqual(['+46701111111']);
  });

  it.each(Array.from({ length: 100 }, (_unused, seed) => seed + 2001))(
    'gives the same golden records in one call, permutation %i',
    (seed) => {
      const actual = inOneCall(shuffled(OBSERVATIONS, prng(seed)), RULED);
      expect(contents(actual, withoutId)).toEqual(contents(expected, withoutId));
    },
  );

  it.each(Array.from({ length: 50 }, (_unused, seed) => seed + 3001))(
    'gives the same golden records page by page, permutation %i',
    (seed) => {
      const random = prng(seed);
      const actual = inPages(shuffled(OBSERVATIONS, random), random, RULED);
      expect(contents(actual, contentOnly)).toEqual(contents(expected, contentOnly));
    },
  );
});

function pair(
  left: string,
  right: string,
  verdict: PairDecision['verdict'],
  decidedAt = T2,
): PairDecision {
  const key = (name: string): PairDecision['left'] => {
    const [connector = '', externalId = ''] = name.split('/');
    return { connector, object: 'customers', externalId };
  };
  return {
    left: key(left),
    right: key(right),
    verdict,
    origin: 'review',
    decidedBy: 'ops',
    decidedAt,
  };
}

/**
 * Decisions whose outcome does not depend on arrival order: `same` edges join connected
 * components like shared keys do, and each `distinct` pair has no third record linking both.
 * (A `distinct` pair inside a chain is decided by whichever side the chain reaches first.)
 */
const DECISIONS: PairDecision[] = [
  // Bob Stone and Robert Stone share an e-mail but a person said they differ.
  pair('crm/3', 'crm/4', 'distinct'),
  // Two people behind the role mailbox confirmed as one; a third joins the Ada chain.
  pair('erp-sql/2', 'erp-sql/3', 'same'),
  pair('erp-file/2', 'crm/2', 'same'),
  // A lone record and one sharing only a switchboard with a company, confirmed as one.
  pair('erp-sql/7', 'erp-file/3', 'same'),
  // Decided twice: the later verdict keeps Gina's two records apart.
  pair('erp-sql/4', 'erp-file/4', 'same', T1),
  pair('erp-file/4', 'erp-sql/4', 'distinct', T3),
  // About records outside the data: ignored.
  pair('erp-sql/1', 'crm/99', 'same'),
];

describe('reconcile: order independence with remembered decisions', () => {
  const expected = inOneCall(OBSERVATIONS, POLICY, DECISIONS);

  it('follows the decisions', () => {
    const names = expected
      .filter((cluster) => !cluster.golden.deleted)
      .map((cluster) =>
        cluster.members.map((member) => `${member.connector}/${member.externalId}`).join(' '),
      )
      .sort();
    expect(names).toEqual([
      'crm/1 crm/2 erp-file/1 erp-file/2 erp-sql/1',
      'crm/3',
      'crm/4',
      'crm/5 erp-file/5',
      'crm/acc-1 erp-file/100 erp-sql/100',
      'erp-file/3 erp-sql/7',
      'erp-file/4',
      'erp-sql/2 erp-sql/3',
      'erp-sql/4',
    ]);
  });

  it.each(Array.from({ length: 100 }, (_unused, seed) => seed + 4001))(
    'gives the same golden records in one call, permutation %i',
    (seed) => {
      const random = prng(seed);
      const actual = inOneCall(shuffled(OBSERVATIONS, random), POLICY, shuffled(DECISIONS, random));
      expect(contents(actual, withoutId)).toEqual(contents(expected, withoutId));
    },
  );

  it.each(Array.from({ length: 50 }, (_unused, seed) => seed + 5001))(
    'gives the same golden records page by page, permutation %i',
    (seed) => {
      const random = prng(seed);
      const actual = inPages(shuffled(OBSERVATIONS, random), random, POLICY, DECISIONS);
      expect(contents(actual, contentOnly)).toEqual(contents(expected, contentOnly));
    },
  );
});
