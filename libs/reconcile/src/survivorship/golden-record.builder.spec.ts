import { type CustomerFacts, type SourceObservation } from '@crosswalk/model';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
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
