import { type SourceObservation } from '@crosswalk/model';
import { customerIdFor } from './customer-id.generator';
import { DeterministicMatcher } from './match/deterministic.matcher';
import { reconcile } from './reconcile.engine';
import { ReconcileErrorCode, ReconcileException } from './reconcile.exception';
import {
  type CustomerCluster,
  type Matcher,
  type ReconcileInput,
  type ReconcileResult,
} from './reconcile.types';
import {
  NOW,
  observation,
  organization,
  person,
  POLICY,
  thrownBy,
} from './testing/observation.fixture';

const EARLIER = '2025-01-01T00:00:00.000Z';
const MAY = '2025-05-01T00:00:00.000Z';
const LATER = '2025-05-20T00:00:00.000Z';

function run(
  observations: SourceObservation[],
  clusters: CustomerCluster[] = [],
  extra: Partial<ReconcileInput> = {},
): ReconcileResult {
  return reconcile({ clusters, observations, policy: POLICY, now: NOW, ...extra });
}

/** Existing customers, as an earlier run stored them. */
function existing(observations: SourceObservation[], now = EARLIER): CustomerCluster[] {
  return reconcile({ clusters: [], observations, policy: POLICY, now }).clusters;
}

function groups(result: ReconcileResult): string[][] {
  return result.clusters
    .map((cluster) => cluster.members.map((member) => `${member.connector}/${member.externalId}`))
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe('reconcile', () => {
  describe('matching', () => {
    it.each<[string, SourceObservation[], string[][]]>([
      [
        'the same e-mail',
        [
          observation('erp-sql', '1', person({ emails: ['ada@example.com'] })),
          observation('erp-file', '2', person({ emails: ['Ada@Example.com'] })),
        ],
        [['erp-file/2', 'erp-sql/1']],
      ],
      [
        'the same E.164 phone',
        [
          observation('erp-sql', '1', person({ phones: ['+46701234567'] })),
          observation('crm', '2', person({ phones: ['+46701234567'] })),
        ],
        [['crm/2', 'erp-sql/1']],
      ],
      [
        'the same VAT id, written differently',
        [
          observation(
            'erp-sql',
            '1',
            organization({ identifiers: [{ scheme: 'vat', value: 'SE 556012-3456 01' }] }),
          ),
          observation(
            'crm',
            '2',
            organization({ identifiers: [{ scheme: 'vat', value: 'SE556012345601' }] }),
          ),
        ],
        [['crm/2', 'erp-sql/1']],
      ],
      [
        'the same ERP customer number',
        [
          observation(
            'erp-sql',
            '1001',
            organization({ identifiers: [{ scheme: 'erp-customer-number', value: '1001' }] }),
          ),
          observation(
            'crm',
            'acc-7',
            organization({ identifiers: [{ scheme: 'erp-customer-number', value: '1001' }] }),
          ),
        ],
        [['crm/acc-7', 'erp-sql/1001']],
      ],
      [
        'two people behind one role mailbox stay apart',
        [
          observation('erp-sql', '1', person({ fullName: 'Ada', emails: ['info@acme.example'] })),
          observation('erp-sql', '2', person({ fullName: 'Bob', emails: ['info@acme.example'] })),
        ],
        [['erp-sql/1'], ['erp-sql/2']],
      ],
      [
        'a person and a company sharing a switchboard stay apart',
        [
          observation('erp-sql', '1', person({ phones: ['+4681234567'] })),
          observation('erp-sql', '2', organization({ phones: ['+4681234567'] })),
        ],
        [['erp-sql/1'], ['erp-sql/2']],
      ],
      [
        'a weak identifier does not link',
        [
          observation(
            'erp-sql',
            '1',
            organization({ identifiers: [{ scheme: 'segment', value: 'A' }] }),
          ),
          observation(
            'crm',
            '2',
            organization({ identifiers: [{ scheme: 'segment', value: 'A' }] }),
          ),
        ],
        [['crm/2'], ['erp-sql/1']],
      ],
      [
        'nothing shared',
        [
          observation('erp-sql', '1', person({ emails: ['ada@example.com'] })),
          observation('erp-sql', '2', person({ emails: ['bob@example.com'] })),
        ],
        [['erp-sql/1'], ['erp-sql/2']],
      ],
    ])('%s', (_case, observations, expected) => {
      expect(groups(run(observations))).toEqual(expected);
    });

    it('sees, within one call, the customers it created earlier in that call', () => {
      const first = observation(
        'erp-file',
        'a',
        person({ fullName: 'Ada', emails: ['ada@example.com'] }),
      );
      const second = observation(
        'erp-file',
        'b',
        person({ emails: ['ada@example.com'], phones: ['+4670111'] }),
      );
      const result = run([first, second]);
      const id = customerIdFor(first);
      expect(result.outcomes.map((outcome) => [outcome.customerId, outcome.outcome])).toEqual([
        [id, 'created'],
        [id, 'updated'],
      ]);
      expect(result.outcomes[1]?.evidence).toEqual([
        { customerId: id, sharedKeys: ['person:email:ada@example.com'] },
      ]);
      expect(result.changes).toEqual([{ type: 'created', customer: result.clusters[0]?.golden }]);
      expect(result.clusters[0]?.golden).toMatchObject({
        id,
        version: 1,
        fullName: 'Ada',
        phones: ['+4670111'],
      });
    });

    it('keeps an updated source record in its customer even when no key is shared any more', () => {
      const clusters = existing([
        observation('erp-sql', '1', person({ fullName: 'Ada', emails: ['ada@example.com'] })),
        observation('crm', '2', person({ emails: ['ada@example.com'] })),
      ]);
      const moved = observation('crm', '2', person({ emails: ['other@example.com'] }), {
        observedAt: LATER,
      });
      const result = run([moved], clusters);
      expect(result.clusters).toHaveLength(1);
      expect(result.clusters[0]?.golden.emails).toEqual(['ada@example.com', 'other@example.com']);
      expect(result.outcomes[0]).toMatchObject({
        outcome: 'updated',
        customerId: clusters[0]?.golden.id,
      });
      expect(result.changes.map((change) => change.type)).toEqual(['updated']);
    });

    it('joins an existing customer and publishes the update', () => {
      const clusters = existing([
        observation('erp-sql', '1', person({ fullName: 'Ada', emails: ['ada@example.com'] })),
      ]);
      const result = run(
        [observation('crm', 'x', person({ emails: ['ada@example.com'], birthDate: '1815-12-10' }))],
        clusters,
      );
      const change = result.changes[0];
      expect(change?.type).toBe('updated');
      if (change?.type !== 'updated') return;
      expect(change.previous).toBe(clusters[0]?.golden);
      expect(change.customer).toMatchObject({
        id: clusters[0]?.golden.id,
        version: 2,
        createdAt: EARLIER,
        updatedAt: NOW,
      });
      expect(change.changes.map((field) => field.field)).toEqual(['birthDate', 'sources']);
    });
  });

  describe('merges', () => {
    const a = observation('erp-sql', 'a', person({ fullName: 'Ada', emails: ['ada@example.com'] }));
    const b = observation('erp-file', 'b', person({ phones: ['+4670111'] }));
    const c = observation(
      'crm',
      'c',
      person({ identifiers: [{ scheme: 'national-id', value: '18151210' }] }),
    );

    it('merges two customers into the oldest', () => {
      const older = existing([a], '2024-01-01T00:00:00.000Z');
      const newer = existing([b], EARLIER);
      const bridge = observation(
        'crm',
        'x',
        person({ emails: ['ada@example.com'], phones: ['+4670111'] }),
      );
      const result = run([bridge], [...newer, ...older]);
      const survivor = older[0]?.golden;
      const absorbed = newer[0]?.golden;
      expect(result.absorbed).toEqual([{ id: absorbed?.id, mergedInto: survivor?.id }]);
      expect(result.outcomes[0]).toMatchObject({ outcome: 'merged', customerId: survivor?.id });
      expect(result.outcomes[0]?.evidence.map((item) => item.customerId).sort()).toEqual(
        [absorbed?.id, survivor?.id].sort(),
      );
      expect(groups(result)).toEqual([['crm/x', 'erp-file/b', 'erp-sql/a']]);
      const change = result.changes[0];
      expect(result.changes).toHaveLength(1);
      expect(change).toMatchObject({ type: 'merged', previous: survivor, absorbed: [absorbed] });
      expect(change?.customer).toMatchObject({
        id: survivor?.id,
        version: 2,
        createdAt: '2024-01-01T00:00:00.000Z',
        fullName: 'Ada',
        phones: ['+4670111'],
      });
    });

    it('merges three customers, the tie on createdAt broken by id', () => {
      const clusters = existing([a, b, c]);
      const ids = clusters.map((cluster) => cluster.golden.id).sort();
      const bridge = observation(
        'erp-sql',
        'x',
        person({
          emails: ['ada@example.com'],
          phones: ['+4670111'],
          identifiers: [{ scheme: 'national-id', value: '18151210' }],
        }),
      );
      const result = run([bridge], clusters);
      expect(result.clusters.map((cluster) => cluster.golden.id)).toEqual([ids[0]]);
      expect(result.absorbed).toEqual([
        { id: ids[1], mergedInto: ids[0] },
        { id: ids[2], mergedInto: ids[0] },
      ]);
      expect(result.changes).toHaveLength(1);
      expect(result.changes[0]).toMatchObject({ type: 'merged' });
      expect(result.clusters[0]?.golden.sources).toHaveLength(4);
    });

    it('merges when an update brings a key of another customer', () => {
      const clusters = existing([a, b]);
      const updated = observation(
        'erp-file',
        'b',
        person({ phones: ['+4670111'], emails: ['ada@example.com'] }),
        {
          observedAt: LATER,
        },
      );
      const result = run([updated], clusters);
      expect(result.outcomes[0]?.outcome).toBe('merged');
      expect(groups(result)).toEqual([['erp-file/b', 'erp-sql/a']]);
      expect(result.absorbed).toHaveLength(1);
    });

    it('folds customers created and merged within one call into a single created change', () => {
      const bridge = observation(
        'crm',
        'x',
        person({ emails: ['ada@example.com'], phones: ['+4670111'] }),
      );
      const result = run([a, b, bridge]);
      expect(result.absorbed).toEqual([]);
      expect(result.changes.map((change) => change.type)).toEqual(['created']);
      expect(result.outcomes.map((outcome) => outcome.outcome)).toEqual([
        'created',
        'created',
        'merged',
      ]);
      const id = result.clusters[0]?.golden.id;
      expect(new Set(result.outcomes.map((outcome) => outcome.customerId))).toEqual(new Set([id]));
      expect(id).toBe([customerIdFor(a), customerIdFor(b)].sort()[0]);
    });
  });

  describe('deletes', () => {
    const sql = observation(
      'erp-sql',
      '1',
      person({ fullName: 'Ada Lovelace', emails: ['ada@example.com'] }),
    );
    const file = observation(
      'erp-file',
      '2',
      person({ fullName: 'Ada King', emails: ['ada@example.com'] }),
    );

    it('drops the values of a deleted source and keeps it in sources', () => {
      const clusters = existing([sql, file]);
      const result = run([{ ...sql, deleted: true, observedAt: LATER }], clusters);
      const golden = result.clusters[0]?.golden;
      expect(golden).toMatchObject({ fullName: 'Ada King', deleted: false, version: 2 });
      expect(golden?.sources.find((link) => link.connector === 'erp-sql')).toMatchObject({
        deleted: true,
      });
      expect(result.outcomes[0]?.outcome).toBe('deleted');
      expect(result.changes.map((change) => change.type)).toEqual(['updated']);
    });

    it('deletes the customer when its last source is deleted', () => {
      const clusters = existing([sql]);
      const result = run([{ ...sql, deleted: true, observedAt: LATER }], clusters);
      expect(result.changes).toEqual([
        { type: 'deleted', customer: result.clusters[0]?.golden, previous: clusters[0]?.golden },
      ]);
      expect(result.clusters[0]?.golden).toMatchObject({ deleted: true, version: 2, emails: [] });
    });

    it('says nothing of a source deleted before it was ever seen, until a live record joins', () => {
      const first = run([{ ...sql, deleted: true }]);
      expect(first.changes).toEqual([]);
      expect(first.outcomes[0]?.outcome).toBe('deleted');
      expect(first.clusters[0]?.golden).toMatchObject({ deleted: true, version: 0 });

      const second = run([file], first.clusters);
      expect(second.changes.map((change) => change.type)).toEqual(['created']);
      expect(second.clusters[0]?.golden).toMatchObject({
        id: customerIdFor(sql),
        version: 1,
        fullName: 'Ada King',
      });
    });

    it('brings a deleted customer back with an update when its source returns', () => {
      const deleted = run([{ ...sql, deleted: true, observedAt: MAY }], existing([sql])).clusters;
      const result = run([{ ...sql, observedAt: LATER }], deleted);
      expect(result.changes.map((change) => change.type)).toEqual(['updated']);
      expect(result.clusters[0]?.golden).toMatchObject({
        deleted: false,
        version: 3,
        fullName: 'Ada Lovelace',
      });
    });
    it('publishes the merge of a never-published deleted customer with a published one', () => {
      const ghost = observation('erp-file', 'g', person({ phones: ['+4670999'] }), {
        deleted: true,
      });
      const unpublished = existing([ghost], '2024-01-01T00:00:00.000Z');
      const published = run([{ ...sql, deleted: true, observedAt: MAY }], existing([sql])).clusters;
      const bridge = observation(
        'crm',
        'x',
        person({ emails: ['ada@example.com'], phones: ['+4670999'] }),
        { deleted: true },
      );
      const result = run([bridge], [...unpublished, ...published]);
      expect(result.changes).toHaveLength(1);
      expect(result.changes[0]).toMatchObject({
        type: 'merged',
        previous: null,
        absorbed: [published[0]?.golden],
        customer: { id: customerIdFor(ghost), deleted: true, version: 1 },
      });
    });
  });

  describe('no change, no event', () => {
    const ada = observation(
      'erp-sql',
      '1',
      person({ fullName: 'Ada', emails: ['ada@example.com'] }),
      {
        observedAt: MAY,
      },
    );

    it('publishes nothing for a re-read that only moves lastSeenAt', () => {
      const clusters = existing([ada]);
      const result = run([{ ...ada, observedAt: LATER }], clusters);
      expect(result.changes).toEqual([]);
      expect(result.outcomes[0]?.outcome).toBe('unchanged');
      expect(result.clusters[0]?.golden).toBe(clusters[0]?.golden);
      expect(result.clusters[0]?.members[0]?.observedAt).toBe(LATER);
    });

    it('ignores an older version of a record than the one it holds', () => {
      const clusters = existing([{ ...ada, observedAt: LATER }]);
      const result = run(
        [{ ...ada, facts: person({ fullName: 'Old name' }), observedAt: MAY }],
        clusters,
      );
      expect(result.outcomes[0]?.outcome).toBe('unchanged');
      expect(result.changes).toEqual([]);
      expect(result.clusters).toEqual([]);
    });

    it('returns nothing for clusters it was given but did not touch', () => {
      const clusters = existing([
        ada,
        observation('erp-sql', '2', person({ emails: ['bob@example.com'] })),
      ]);
      const result = run([{ ...ada, observedAt: LATER }], clusters);
      expect(result.clusters.map((cluster) => cluster.golden.id)).toEqual([customerIdFor(ada)]);
    });
  });

  describe('another matcher', () => {
    /** Sends every candidate to review: how a scoring matcher reports a grey-zone match. */
    const cautious: Matcher = {
      name: 'cautious',
      keysOf: (facts, key) => new DeterministicMatcher().keysOf(facts, key),
      match: (_observation, candidates) => ({
        type: 'review',
        evidence: candidates.map((cluster) => ({
          customerId: cluster.golden.id,
          sharedKeys: [],
          score: { matchWeight: 2.5, matchProbability: 0.85, comparisons: [] },
        })),
      }),
    };

    it('starts a new customer and queues the review', () => {
      const first = observation('erp-sql', '1', person({ emails: ['ada@example.com'] }));
      const second = observation('crm', '2', person({ emails: ['ada@example.com'] }));
      const result = run([first, second], [], { matcher: cautious });
      expect(groups(result)).toEqual([['crm/2'], ['erp-sql/1']]);
      expect(result.reviews).toEqual([
        {
          key: { connector: 'crm', object: 'customers', externalId: '2' },
          customerId: customerIdFor(second),
          matcher: 'cautious',
          candidates: [
            {
              customerId: customerIdFor(first),
              sharedKeys: [],
              score: { matchWeight: 2.5, matchProbability: 0.85, comparisons: [] },
            },
          ],
        },
      ]);
    });

    it('refuses a link to a customer that was not a candidate', () => {
      const rogue: Matcher = {
        ...cautious,
        match: () => ({ type: 'link', evidence: [{ customerId: 'elsewhere', sharedKeys: [] }] }),
      };
      const input = [
        observation('erp-sql', '1', person({ emails: ['ada@example.com'] })),
        observation('crm', '2', person({ emails: ['ada@example.com'] })),
      ];
      const error = thrownBy(() => run(input, [], { matcher: rogue }));
      expect(error).toBeInstanceOf(ReconcileException);
      expect(error).toMatchObject({ code: ReconcileErrorCode.UnknownCandidate });
    });
  });

  describe('bad input', () => {
    const ada = observation('erp-sql', '1', person({ emails: ['ada@example.com'] }));

    it.each<[string, () => ReconcileResult, ReconcileErrorCode]>([
      [
        'a clock that is not a timestamp',
        () => run([ada], [], { now: 'soon' }),
        ReconcileErrorCode.InvalidTimestamp,
      ],
      [
        'the same customer twice',
        () => {
          const clusters = existing([ada]);
          return run([], [...clusters, ...clusters]);
        },
        ReconcileErrorCode.DuplicateCluster,
      ],
      [
        'a source record in two customers',
        () => {
          const [cluster] = existing([ada]);
          if (cluster === undefined) throw new Error('no cluster');
          return run([], [cluster, { ...cluster, golden: { ...cluster.golden, id: 'other' } }]);
        },
        ReconcileErrorCode.DuplicateMember,
      ],
      [
        'a customer without sources',
        () => {
          const [cluster] = existing([ada]);
          if (cluster === undefined) throw new Error('no cluster');
          return run([], [{ ...cluster, members: [] }]);
        },
        ReconcileErrorCode.EmptyCluster,
      ],
    ])('refuses %s', (_case, call, code) => {
      const error = thrownBy(call);
      expect(error).toBeInstanceOf(ReconcileException);
      expect(error).toMatchObject({ code });
    });
  });
});
