import {
  type CanonicalField,
  type CustomerFacts,
  type GoldenRecord,
  type SourceObservation,
} from '@crosswalk/model';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import { type SurvivorshipPolicy } from '../reconcile.types';
import {
  NOW,
  observation,
  organization,
  person,
  POLICY,
  thrownBy,
} from '../testing/observation.fixture';
import { buildGoldenRecord, rankMembers } from './golden-record.builder';

const build = (members: SourceObservation[], previous = null) =>
  buildGoldenRecord({ id: 'c-1', members, policy: POLICY, now: NOW, previous });

const MAY = '2025-05-01T00:00:00.000Z';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}
const APRIL = '2025-04-01T00:00:00.000Z';

describe('rankMembers', () => {
  it.each<[string, SourceObservation[], string[]]>([
    [
      'source priority first, whatever the recency',
      [
        observation('erp-file', 'f', person(), { observedAt: MAY }),
        observation('erp-sql', 's', person(), { observedAt: APRIL }),
      ],
      ['s', 'f'],
    ],
    [
      'most recent among equal priority',
      [
        observation('erp-sql', 'old', person(), { observedAt: APRIL }),
        observation('erp-sql', 'new', person(), { observedAt: MAY }),
      ],
      ['new', 'old'],
    ],
    [
      'unlisted connectors after listed ones',
      [
        observation('crm', 'c', person(), { observedAt: MAY }),
        observation('erp-file', 'f', person(), { observedAt: APRIL }),
      ],
      ['f', 'c'],
    ],
    [
      'source key as the last tie-break',
      [observation('erp-sql', 'b', person()), observation('erp-sql', 'a', person())],
      ['a', 'b'],
    ],
    [
      'instants, not strings, are compared',
      [
        observation('erp-sql', 'utc', person(), { observedAt: '2025-05-01T10:00:00Z' }),
        observation('erp-sql', 'cet', person(), { observedAt: '2025-05-01T11:30:00+02:00' }),
      ],
      ['utc', 'cet'],
    ],
  ])('%s', (_case, members, expected) => {
    expect(rankMembers(members, POLICY).map((member) => member.externalId)).toEqual(expected);
  });
});

describe('buildGoldenRecord', () => {
  it("shares the members' values and leaves the members as they were", () => {
    const members = [
      observation(
        'erp-sql',
        's',
        organization({
          legalName: 'Acme AB',
          identifiers: [{ scheme: 'vat', value: 'SE556000000101' }],
          addresses: [{ lines: ['Storgatan 1'], city: 'Lund', country: 'SE' }],
        }),
      ),
      observation(
        'erp-file',
        'f',
        organization({ identifiers: [{ scheme: 'duns', value: '123456789' }] }),
      ),
    ];
    const before = structuredClone(members);
    const golden = build(members);
    expect(members).toEqual(before);
    expect(golden.identifiers.map((identifier) => identifier.scheme)).toEqual(['vat', 'duns']);
    expect(golden.addresses[0]).toBe(members[0]?.facts.addresses[0]);
  });

  describe('scalar fields', () => {
    it.each<[string, SourceObservation[], string, string, 'source-priority' | 'most-recent']>([
      [
        'the trusted source wins over a fresher one',
        [
          observation('erp-file', 'f', person({ fullName: 'Ada King' }), { observedAt: MAY }),
          observation('erp-sql', 's', person({ fullName: 'Ada Lovelace' }), { observedAt: APRIL }),
        ],
        'Ada Lovelace',
        's',
        'source-priority',
      ],
      [
        'the freshest wins among equals',
        [
          observation('erp-sql', 'old', person({ fullName: 'Ada Byron' }), { observedAt: APRIL }),
          observation('erp-sql', 'new', person({ fullName: 'Ada Lovelace' }), { observedAt: MAY }),
        ],
        'Ada Lovelace',
        'new',
        'most-recent',
      ],
      [
        'a trusted source without the value gives way',
        [
          observation('erp-sql', 's', person(), { observedAt: MAY }),
          observation('erp-file', 'f', person({ fullName: 'Ada Lovelace' }), { observedAt: APRIL }),
        ],
        'Ada Lovelace',
        'f',
        'source-priority',
      ],
      [
        'a deleted source gives nothing',
        [
          observation('erp-sql', 's', person({ fullName: 'Gone' }), {
            deleted: true,
            observedAt: MAY,
          }),
          observation('erp-file', 'f', person({ fullName: 'Ada Lovelace' }), { observedAt: APRIL }),
        ],
        'Ada Lovelace',
        'f',
        'source-priority',
      ],
    ])('%s', (_case, members, value, winner, rule) => {
      const golden = build(members);
      expect(golden.fullName).toBe(value);
      expect(golden.lineage.fullName).toEqual([
        expect.objectContaining({ externalId: winner, rule }),
      ]);
    });
  });

  it('unions list fields in ranking order without duplicates, with every contributor in lineage', () => {
    const golden = build([
      observation(
        'erp-file',
        'f',
        person({ emails: ['b@example.com', 'a@example.com'], phones: ['+4670111'] }),
      ),
      observation(
        'erp-sql',
        's',
        person({ emails: ['A@example.com'], identifiers: [{ scheme: 'vat', value: 'SE1' }] }),
      ),
    ]);
    expect(golden.emails).toEqual(['A@example.com', 'b@example.com']);
    expect(golden.phones).toEqual(['+4670111']);
    expect(golden.identifiers).toEqual([{ scheme: 'vat', value: 'SE1' }]);
    expect(golden.lineage.emails?.map((entry) => [entry.externalId, entry.rule])).toEqual([
      ['s', 'union'],
      ['f', 'union'],
    ]);
    expect(golden.lineage.phones?.map((entry) => entry.externalId)).toEqual(['f']);
    expect(golden.lineage.givenName).toBeUndefined();
  });

  it('de-duplicates addresses that differ in case and spacing only', () => {
    const golden = build([
      observation(
        'erp-sql',
        's',
        person({ addresses: [{ lines: ['Storgatan 1'], city: 'Malmö', country: 'SE' }] }),
      ),
      observation(
        'erp-file',
        'f',
        person({ addresses: [{ lines: ['STORGATAN  1'], city: 'malmö', country: 'SE' }] }),
      ),
    ]);
    expect(golden.addresses).toEqual([{ lines: ['Storgatan 1'], city: 'Malmö', country: 'SE' }]);
  });

  describe('rules per field', () => {
    const ruled = (fieldRules: SurvivorshipPolicy['fieldRules'], members: SourceObservation[]) =>
      buildGoldenRecord({
        id: 'c-1',
        members,
        policy: { ...POLICY, fieldRules },
        now: NOW,
        previous: null,
      });
    const winnersOf = (golden: GoldenRecord, field: CanonicalField) =>
      golden.lineage[field]?.map((entry) => `${entry.externalId}:${entry.rule}`);

    it.each<{
      name: string;
      rules: SurvivorshipPolicy['fieldRules'];
      field: CanonicalField;
      members: SourceObservation[];
      value: unknown;
      lineage: string[];
    }>([
      {
        name: 'source-priority named explicitly behaves as the default',
        rules: { fullName: 'source-priority' },
        field: 'fullName',
        members: [
          observation('erp-file', 'f', person({ fullName: 'Ada King' }), { observedAt: MAY }),
          observation('erp-sql', 's', person({ fullName: 'Ada Lovelace' }), { observedAt: APRIL }),
        ],
        value: 'Ada Lovelace',
        lineage: ['s:source-priority'],
      },
      {
        name: 'most-recent: the freshest source, whatever its priority',
        rules: { fullName: 'most-recent' },
        field: 'fullName',
        members: [
          observation('erp-file', 'f', person({ fullName: 'Ada King' }), { observedAt: MAY }),
          observation('erp-sql', 's', person({ fullName: 'Ada Lovelace' }), { observedAt: APRIL }),
        ],
        value: 'Ada King',
        lineage: ['f:most-recent'],
      },
      {
        name: 'most-recent: equally fresh, priority decides',
        rules: { fullName: 'most-recent' },
        field: 'fullName',
        members: [
          observation('erp-file', 'f', person({ fullName: 'Ada King' })),
          observation('erp-sql', 's', person({ fullName: 'Ada Lovelace' })),
        ],
        value: 'Ada Lovelace',
        lineage: ['s:most-recent'],
      },
      {
        name: 'most-frequent: the value most sources agree on, in its best-ranked spelling',
        rules: { legalName: 'most-frequent' },
        field: 'legalName',
        members: [
          observation('erp-sql', 's', organization({ legalName: 'Acme Aktiebolag' })),
          observation('crm', 'c', organization({ legalName: 'acme  ab' })),
          observation('erp-file', 'f', organization({ legalName: 'Acme AB' })),
        ],
        value: 'Acme AB',
        lineage: ['f:most-frequent', 'c:most-frequent'],
      },
      {
        name: 'most-frequent: a tie goes to the higher priority',
        rules: { legalName: 'most-frequent' },
        field: 'legalName',
        members: [
          observation('erp-file', 'f', organization({ legalName: 'Acme AB' }), { observedAt: MAY }),
          observation('erp-sql', 's', organization({ legalName: 'Acme Aktiebolag' }), {
            observedAt: APRIL,
          }),
        ],
        value: 'Acme Aktiebolag',
        lineage: ['s:most-frequent'],
      },
      {
        name: 'most-frequent: a tie at equal priority goes to the more recent',
        rules: { legalName: 'most-frequent' },
        field: 'legalName',
        members: [
          observation('crm', 'old', organization({ legalName: 'Acme AB' }), { observedAt: APRIL }),
          observation('crm', 'new', organization({ legalName: 'Acme Ltd' }), { observedAt: MAY }),
        ],
        value: 'Acme Ltd',
        lineage: ['new:most-frequent'],
      },
      {
        name: 'most-complete name: more words beat initials',
        rules: { fullName: 'most-complete' },
        field: 'fullName',
        members: [
          observation('erp-sql', 's', person({ fullName: 'A. A. King' })),
          observation('erp-file', 'f', person({ fullName: 'Ada King' })),
        ],
        value: 'Ada King',
        lineage: ['f:most-complete'],
      },
      {
        name: 'most-complete name: as many words, the longer wins',
        rules: { fullName: 'most-complete' },
        field: 'fullName',
        members: [
          observation('erp-sql', 's', person({ fullName: 'Ada King' })),
          observation('erp-file', 'f', person({ fullName: 'Ada Lovelace' })),
        ],
        value: 'Ada Lovelace',
        lineage: ['f:most-complete'],
      },
      {
        name: 'longest: the most characters, initials or not',
        rules: { fullName: 'longest' },
        field: 'fullName',
        members: [
          observation('erp-sql', 's', person({ fullName: 'Ada King' })),
          observation('erp-file', 'f', person({ fullName: 'A. A. B. King' })),
        ],
        value: 'A. A. B. King',
        lineage: ['f:longest'],
      },
      {
        name: 'longest: a tie goes to the higher priority',
        rules: { tradingName: 'longest' },
        field: 'tradingName',
        members: [
          observation('erp-file', 'f', organization({ tradingName: 'Acme' })),
          observation('erp-sql', 's', organization({ tradingName: 'ACME' })),
        ],
        value: 'ACME',
        lineage: ['s:longest'],
      },
      {
        name: 'most-complete organization: the reference with most parts',
        rules: { organization: 'most-complete' },
        field: 'organization',
        members: [
          observation('erp-sql', 's', person({ organization: { name: 'Acme', identifiers: [] } })),
          observation(
            'erp-file',
            'f',
            person({
              organization: { name: 'Acme AB', identifiers: [{ scheme: 'vat', value: 'SE1' }] },
            }),
          ),
        ],
        value: { name: 'Acme AB', identifiers: [{ scheme: 'vat', value: 'SE1' }] },
        lineage: ['f:most-complete'],
      },
      {
        name: 'most-frequent kind',
        rules: { kind: 'most-frequent' },
        field: 'kind',
        members: [
          observation('erp-sql', 's', organization()),
          observation('erp-file', 'f', person()),
          observation('crm', 'c', person()),
        ],
        value: 'person',
        lineage: ['f:most-frequent', 'c:most-frequent'],
      },
      {
        name: "a list from one source: the trusted source's phones only",
        rules: { phones: 'source-priority' },
        field: 'phones',
        members: [
          observation('erp-file', 'f', person({ phones: ['+46702222222', '+46703333333'] })),
          observation('erp-sql', 's', person({ phones: ['+46701111111'] })),
          observation('crm', 'c', person()),
        ],
        value: ['+46701111111'],
        lineage: ['s:source-priority'],
      },
      {
        name: 'most-recent list',
        rules: { identifiers: 'most-recent' },
        field: 'identifiers',
        members: [
          observation(
            'erp-sql',
            's',
            organization({ identifiers: [{ scheme: 'vat', value: 'SE1' }] }),
            {
              observedAt: APRIL,
            },
          ),
          observation(
            'erp-file',
            'f',
            organization({ identifiers: [{ scheme: 'duns', value: '9' }] }),
            { observedAt: MAY },
          ),
        ],
        value: [{ scheme: 'duns', value: '9' }],
        lineage: ['f:most-recent'],
      },
      {
        name: 'most-frequent list: the same items in any order agree',
        rules: { emails: 'most-frequent' },
        field: 'emails',
        members: [
          observation('crm', 'c', person({ emails: ['c@example.com'] })),
          observation('erp-file', 'f', person({ emails: ['b@example.com', 'A@example.com'] })),
          observation(
            'erp-sql',
            's',
            person({ emails: ['a@example.com', 'b@example.com', 'a@example.com'] }),
          ),
        ],
        value: ['a@example.com', 'b@example.com'],
        lineage: ['s:most-frequent', 'f:most-frequent'],
      },
      {
        name: 'most-complete list: the most distinct values',
        rules: { emails: 'most-complete' },
        field: 'emails',
        members: [
          observation('erp-sql', 's', person({ emails: ['a@example.com', 'A@example.com'] })),
          observation('erp-file', 'f', person({ emails: ['a@example.com', 'b@example.com'] })),
        ],
        value: ['a@example.com', 'b@example.com'],
        lineage: ['f:most-complete'],
      },
      {
        name: 'most-complete addresses: the list with most address parts',
        rules: { addresses: 'most-complete' },
        field: 'addresses',
        members: [
          observation(
            'erp-sql',
            's',
            person({ addresses: [{ lines: ['Storgatan 1'], country: 'SE' }] }),
          ),
          observation(
            'erp-file',
            'f',
            person({
              addresses: [
                { lines: ['Storgatan 1'], city: 'Malmö', postalCode: '211 22', country: 'SE' },
              ],
            }),
          ),
        ],
        value: [{ lines: ['Storgatan 1'], city: 'Malmö', postalCode: '211 22', country: 'SE' }],
        lineage: ['f:most-complete'],
      },
    ])('$name', ({ rules, field, members, value, lineage }) => {
      const golden = ruled(rules, members);
      expect(golden[field]).toEqual(value);
      expect(winnersOf(golden, field)).toEqual(lineage);
    });

    it('flags a conflict when a list is taken from one source and another source differs', () => {
      const members = [
        observation('erp-sql', 's', person({ phones: ['+46701111111'] })),
        observation('erp-file', 'f', person({ phones: ['+46702222222'] })),
      ];
      expect(ruled({ phones: 'source-priority' }, members).quality.conflicts).toEqual(['phones']);
      expect(ruled({}, members).quality.conflicts).toEqual([]);
    });

    it('leaves the fields it does not name on their defaults', () => {
      const golden = ruled({ legalName: 'longest' }, [
        observation('erp-sql', 's', organization({ tradingName: 'Acme', emails: ['a@x.example'] })),
        observation(
          'erp-file',
          'f',
          organization({ tradingName: 'Acme Co', emails: ['b@x.example'] }),
        ),
      ]);
      expect(golden.tradingName).toBe('Acme');
      expect(golden.emails).toEqual(['a@x.example', 'b@x.example']);
      expect(winnersOf(golden, 'emails')).toEqual(['s:union', 'f:union']);
    });

    const EVERY_RULE: SurvivorshipPolicy['fieldRules'] = {
      kind: 'most-frequent',
      fullName: 'most-complete',
      givenName: 'longest',
      familyName: 'most-frequent',
      birthDate: 'most-recent',
      emails: 'most-frequent',
      phones: 'source-priority',
      addresses: 'most-complete',
      identifiers: 'most-recent',
      organization: 'most-complete',
    };
    const MEMBERS = [
      observation(
        'erp-sql',
        's1',
        person({
          fullName: 'Ada King',
          givenName: 'Ada',
          familyName: 'King',
          emails: ['ada@example.com'],
          addresses: [{ lines: ['Storgatan 1'], country: 'SE' }],
        }),
        { observedAt: APRIL },
      ),
      observation(
        'erp-sql',
        's2',
        person({
          fullName: 'Ada Lovelace',
          givenName: 'Augusta',
          familyName: 'Lovelace',
          birthDate: '1815-12-10',
          phones: ['+46701111111'],
        }),
        { observedAt: APRIL },
      ),
      observation(
        'erp-file',
        'f1',
        person({
          fullName: 'Augusta Ada King',
          familyName: 'king',
          emails: ['ADA@example.com'],
          identifiers: [{ scheme: 'national-id', value: '181512100000' }],
          organization: { name: 'Analytical', identifiers: [] },
        }),
        { observedAt: MAY },
      ),
      observation(
        'crm',
        'c1',
        organization({
          familyName: 'Lovelace',
          birthDate: '1815-12-01',
          emails: ['ada@example.com', 'ada@lovelace.example'],
          phones: ['+46702222222'],
          addresses: [{ lines: ['Storgatan 1'], city: 'Malmö', country: 'SE' }],
          organization: { name: 'Analytical Engines', customerId: 'o-1', identifiers: [] },
        }),
        { observedAt: MAY },
      ),
      observation('crm', 'c2', person({ fullName: 'Gone' }), { deleted: true, observedAt: MAY }),
    ];

    it.each(permutations(MEMBERS).map((members, index) => [index, members] as const))(
      'gives the same record whatever the order of the members, permutation %i',
      (_index, members) => {
        expect(ruled(EVERY_RULE, [...members])).toEqual(ruled(EVERY_RULE, MEMBERS));
      },
    );
  });

  it('lists the sources sorted by key, deleted ones included, with their last observation', () => {
    const golden = build([
      observation('erp-sql', 'b', person({ fullName: 'B' }), { observedAt: MAY }),
      observation('erp-file', 'a', person(), { deleted: true, observedAt: APRIL }),
    ]);
    expect(golden.sources).toEqual([
      {
        connector: 'erp-file',
        object: 'customers',
        externalId: 'a',
        lastSeenAt: APRIL,
        deleted: true,
      },
      {
        connector: 'erp-sql',
        object: 'customers',
        externalId: 'b',
        lastSeenAt: MAY,
        deleted: false,
      },
    ]);
    expect(golden.deleted).toBe(false);
  });

  it('is deleted, keeps its kind and carries no values when every source is deleted', () => {
    const golden = build([
      observation(
        'erp-sql',
        's',
        organization({ legalName: 'Acme AB', emails: ['info@acme.example'] }),
        {
          deleted: true,
        },
      ),
    ]);
    expect(golden).toMatchObject({ deleted: true, kind: 'organization', emails: [], version: 0 });
    expect(golden.legalName).toBeUndefined();
    expect(golden.quality).toEqual({ completeness: 0, stale: false, conflicts: [] });
  });

  describe('quality', () => {
    it.each<[string, CustomerFacts, number]>([
      ['a bare person', person(), 0],
      [
        'a person with a name and an e-mail',
        person({ givenName: 'Ada', emails: ['a@example.com'] }),
        0.5,
      ],
      [
        'a complete person',
        person({
          fullName: 'Ada',
          emails: ['a@example.com'],
          phones: ['+4670111'],
          addresses: [{ lines: ['Storgatan 1'] }],
        }),
        1,
      ],
      [
        'an organization with a trading name and a domain',
        organization({ tradingName: 'Acme', domain: 'acme.example' }),
        0.33,
      ],
    ])('completeness of %s', (_case, facts, expected) => {
      expect(build([observation('erp-sql', 's', facts)]).quality.completeness).toBe(expected);
    });

    it.each([
      ['2024-06-01T00:00:00.000Z', false],
      ['2024-05-31T23:59:59.000Z', true],
    ])('last observed %s -> stale %s', (observedAt, stale) => {
      expect(build([observation('erp-sql', 's', person(), { observedAt })]).quality.stale).toBe(
        stale,
      );
    });

    it('is not stale while any live source is fresh', () => {
      const golden = build([
        observation('erp-sql', 'old', person(), { observedAt: '2020-01-01T00:00:00Z' }),
        observation('erp-file', 'new', person(), { observedAt: MAY }),
      ]);
      expect(golden.quality.stale).toBe(false);
    });

    it.each<[string, CustomerFacts, CustomerFacts, string[]]>([
      [
        'names that differ',
        person({ fullName: 'Ada Lovelace' }),
        person({ fullName: 'Ada King' }),
        ['fullName'],
      ],
      [
        'names that differ only in case and spacing',
        person({ fullName: 'Ada  Lovelace' }),
        person({ fullName: 'ada lovelace' }),
        [],
      ],
      ['one source silent', person({ fullName: 'Ada' }), person(), []],
      [
        'different e-mails (a union, no conflict)',
        person({ emails: ['a@x.example'] }),
        person({ emails: ['b@x.example'] }),
        [],
      ],
      [
        'two VAT ids',
        organization({ identifiers: [{ scheme: 'vat', value: 'SE1' }] }),
        organization({
          identifiers: [
            { scheme: 'vat', value: 'SE2' },
            { scheme: 'duns', value: '9' },
          ],
        }),
        ['identifiers'],
      ],
      ['a person and an organization', person(), organization(), ['kind']],
    ])('conflicts: %s', (_case, first, second, conflicts) => {
      const golden = build([
        observation('erp-sql', '1', first),
        observation('erp-file', '2', second),
      ]);
      expect(golden.quality.conflicts).toEqual(conflicts);
    });
  });

  describe('version and timestamps', () => {
    const first = [observation('erp-sql', 's', person({ fullName: 'Ada' }), { observedAt: APRIL })];
    const published = {
      ...build(first),
      version: 3,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: APRIL,
    };

    it('starts at version 1 for a new live customer', () => {
      expect(build(first)).toMatchObject({ version: 1, createdAt: NOW, updatedAt: NOW });
    });

    it('returns the previous record itself when only lastSeenAt moved', () => {
      const reread = [
        observation('erp-sql', 's', person({ fullName: 'Ada' }), { observedAt: MAY }),
      ];
      const golden = buildGoldenRecord({
        id: 'c-1',
        members: reread,
        policy: POLICY,
        now: NOW,
        previous: published,
      });
      expect(golden).toBe(published);
    });

    it('adds one to the version, keeps createdAt and moves updatedAt on a change', () => {
      const changed = [
        observation('erp-sql', 's', person({ fullName: 'Ada King' }), { observedAt: MAY }),
      ];
      const golden = buildGoldenRecord({
        id: 'c-1',
        members: changed,
        policy: POLICY,
        now: NOW,
        previous: published,
      });
      expect(golden).toMatchObject({
        fullName: 'Ada King',
        version: 4,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: NOW,
      });
      expect(golden.sources[0]?.lastSeenAt).toBe(MAY);
    });

    it('counts the deletion of a published customer as a change', () => {
      const deleted = [
        observation('erp-sql', 's', person({ fullName: 'Ada' }), {
          observedAt: MAY,
          deleted: true,
        }),
      ];
      const golden = buildGoldenRecord({
        id: 'c-1',
        members: deleted,
        policy: POLICY,
        now: NOW,
        previous: published,
      });
      expect(golden).toMatchObject({ deleted: true, version: 4 });
    });
  });

  it.each([
    [{ ...POLICY, staleAfterDays: 0 }, ReconcileErrorCode.InvalidPolicy],
    [{ ...POLICY, staleAfterDays: Number.NaN }, ReconcileErrorCode.InvalidPolicy],
    [
      { ...POLICY, fieldRules: { birthDate: 'longest' as const } },
      ReconcileErrorCode.InvalidPolicy,
    ],
    [{ ...POLICY, fieldRules: { fullName: 'union' as const } }, ReconcileErrorCode.InvalidPolicy],
    [{ ...POLICY, fieldRules: { emails: 'longest' as const } }, ReconcileErrorCode.InvalidPolicy],
    [
      {
        ...POLICY,
        fieldRules: JSON.parse('{"nickname":"longest"}') as SurvivorshipPolicy['fieldRules'],
      },
      ReconcileErrorCode.InvalidPolicy,
    ],
    [
      {
        ...POLICY,
        fieldRules: JSON.parse('{"fullName":"newest"}') as SurvivorshipPolicy['fieldRules'],
      },
      ReconcileErrorCode.InvalidPolicy,
    ],
  ])('refuses a bad policy %#', (policy, code) => {
    const error = thrownBy(() =>
      buildGoldenRecord({
        id: 'c',
        members: [observation('erp-sql', 's', person())],
        policy,
        now: NOW,
        previous: null,
      }),
    );
    expect(error).toBeInstanceOf(ReconcileException);
    expect(error).toMatchObject({ code });
  });

  it.each([
    [
      [observation('erp-sql', 's', person(), { observedAt: 'yesterday' })],
      NOW,
      ReconcileErrorCode.InvalidTimestamp,
    ],
    [[observation('erp-sql', 's', person())], 'now', ReconcileErrorCode.InvalidTimestamp],
    [[], NOW, ReconcileErrorCode.EmptyCluster],
  ])('refuses bad members or clock %#', (members, now, code) => {
    const error = thrownBy(() =>
      buildGoldenRecord({ id: 'c', members, policy: POLICY, now, previous: null }),
    );
    expect(error).toBeInstanceOf(ReconcileException);
    expect(error).toMatchObject({ code });
  });
});
