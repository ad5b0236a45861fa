import { type SourceKey, type SourceObservation } from '@crosswalk/model';
import { customerIdFor } from './customer-id.generator';
import { DeterministicMatcher } from './match/deterministic.matcher';
import { reconcile } from './reconcile.engine';
import {
  type CustomerCluster,
  type Matcher,
  type PairDecision,
  type ReconcileResult,
} from './reconcile.types';
import { NOW, observation, person, POLICY } from './testing/observation.fixture';

const EARLIER = '2025-01-01T00:00:00.000Z';
const LATER = '2025-05-20T00:00:00.000Z';
const DECIDED = '2025-05-10T00:00:00.000Z';

function run(
  observations: SourceObservation[],
  clusters: CustomerCluster[] = [],
  decisions: PairDecision[] = [],
  matcher?: Matcher,
): ReconcileResult {
  return reconcile({ clusters, observations, policy: POLICY, now: NOW, decisions, matcher });
}

function existing(
  observations: SourceObservation[],
  decisions: PairDecision[] = [],
  now = EARLIER,
): CustomerCluster[] {
  return reconcile({ clusters: [], observations, policy: POLICY, now, decisions }).clusters;
}

function decision(
  left: SourceKey,
  right: SourceKey,
  verdict: PairDecision['verdict'],
  decidedAt = DECIDED,
): PairDecision {
  const key = ({ connector, object, externalId }: SourceKey): SourceKey => ({
    connector,
    object,
    externalId,
  });
  return {
    left: key(left),
    right: key(right),
    verdict,
    origin: 'review',
    decidedBy: 'ops',
    decidedAt,
  };
}

function groups(clusters: readonly CustomerCluster[]): string[][] {
  return clusters
    .map((cluster) => cluster.members.map((member) => `${member.connector}/${member.externalId}`))
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** Every candidate to review: how a scoring matcher reports a grey-zone match. */
const cautious: Matcher = {
  name: 'cautious',
  keysOf: (facts, key) => new DeterministicMatcher().keysOf(facts, key),
  match: (_observation, candidates) => ({
    type: 'review',
    evidence: candidates.map((cluster) => ({ customerId: cluster.golden.id, sharedKeys: [] })),
  }),
};

const ada = observation(
  'erp-sql',
  'a',
  person({ fullName: 'Ada', emails: ['ada@example.com'], phones: ['+4670222'] }),
);
const twin = observation('crm', 't', person({ fullName: 'Ada T', emails: ['ada@example.com'] }));
const phone = observation('erp-file', 'p', person({ phones: ['+4670111'] }));
const stranger = observation('crm', 's', person({ fullName: 'Ada L', emails: ['al@example.com'] }));

describe('reconcile: remembered decisions', () => {
  describe('distinct', () => {
    it.each<[string, SourceObservation[], PairDecision[], string[][]]>([
      [
        'keeps a new record out of a customer it shares a key with',
        [ada, twin],
        [decision(ada, twin, 'distinct')],
        [['crm/t'], ['erp-sql/a']],
      ],
      [
        'keeps them apart whichever arrives first',
        [twin, ada],
        [decision(twin, ada, 'distinct')],
        [['crm/t'], ['erp-sql/a']],
      ],
      [
        'does not matter between records that share nothing',
        [ada, stranger],
        [decision(ada, stranger, 'distinct')],
        [['crm/s'], ['erp-sql/a']],
      ],
      [
        'is overruled by a later same',
        [ada, twin],
        [decision(ada, twin, 'distinct'), decision(twin, ada, 'same', LATER)],
        [['crm/t', 'erp-sql/a']],
      ],
      [
        'wins over a same of the same instant',
        [ada, twin],
        [decision(ada, twin, 'same'), decision(twin, ada, 'distinct')],
        [['crm/t'], ['erp-sql/a']],
      ],
    ])('%s', (_case, observations, decisions, expected) => {
      expect(groups(run(observations, [], decisions).clusters)).toEqual(expected);
    });

    it('never proposes the pair for review again', () => {
      const result = run([ada, twin], [], [decision(ada, twin, 'distinct')], cautious);
      expect(result.reviews).toEqual([]);
      expect(result.outcomes.map((outcome) => outcome.outcome)).toEqual(['created', 'created']);
    });

    it('keeps a known record from merging into a customer it was kept apart from', () => {
      const decisions = [decision(phone, ada, 'distinct')];
      const clusters = existing([ada, phone], decisions);
      const update = observation(
        'erp-file',
        'p',
        person({ phones: ['+4670111'], emails: ['ada@example.com'] }),
        { observedAt: LATER },
      );
      const result = run([update], clusters, decisions);
      expect(result.outcomes[0]).toMatchObject({ outcome: 'updated', evidence: [] });
      expect(result.absorbed).toEqual([]);
      expect(groups(result.clusters)).toEqual([['erp-file/p']]);
    });

    it.each<[string, PairDecision[], string[][]]>([
      [
        'joins both customers when no decision stands in the way',
        [],
        [['crm/x', 'erp-file/p', 'erp-sql/a']],
      ],
      [
        'keeps the strongest customer (more shared keys) and drops the one kept apart from it',
        [decision(ada, phone, 'distinct')],
        [['crm/x', 'erp-sql/a'], ['erp-file/p']],
      ],
      [
        'keeps a customer linked by a decision over one with more shared keys',
        [decision(ada, phone, 'distinct'), decision(phone, bridgeKey(), 'same')],
        [['crm/x', 'erp-file/p'], ['erp-sql/a']],
      ],
    ])('a bridge %s', (_case, decisions, expected) => {
      const clusters = existing([ada, phone], decisions);
      const result = run([bridge()], clusters, decisions);
      const gone = [
        ...result.clusters.map((cluster) => cluster.golden.id),
        ...result.absorbed.map((entry) => entry.id),
      ];
      const untouched = clusters.filter((cluster) => !gone.includes(cluster.golden.id));
      expect(groups([...result.clusters, ...untouched])).toEqual(expected);
    });

    it('ends a tie on strength with the customer id, whatever the input order', () => {
      const other = observation('erp-file', 'q', person({ emails: ['ada@example.com'] }));
      const decisions = [decision(ada, other, 'distinct')];
      const clusters = existing([ada, other], decisions);
      const expected = [customerIdFor(ada), customerIdFor(other)].sort()[0];
      for (const order of [clusters, [...clusters].reverse()]) {
        const result = run([twin], order, decisions);
        expect(result.outcomes[0]).toMatchObject({ outcome: 'updated', customerId: expected });
        expect(result.absorbed).toEqual([]);
      }
    });
  });

  describe('same', () => {
    it('links records that share no key, with the decision as evidence', () => {
      const result = run([ada, stranger], [], [decision(stranger, ada, 'same')]);
      expect(groups(result.clusters)).toEqual([['crm/s', 'erp-sql/a']]);
      expect(result.outcomes[1]).toEqual({
        key: { connector: 'crm', object: 'customers', externalId: 's' },
        customerId: customerIdFor(ada),
        outcome: 'updated',
        evidence: [
          {
            customerId: customerIdFor(ada),
            sharedKeys: [],
            decision: { decidedBy: 'ops', decidedAt: DECIDED, origin: 'review' },
          },
        ],
      });
    });

    it('adds the decision to the evidence of a cluster the matcher linked as well', () => {
      const result = run([ada, twin], [], [decision(ada, twin, 'same')]);
      expect(result.outcomes[1]?.evidence).toEqual([
        {
          customerId: customerIdFor(ada),
          sharedKeys: ['person:email:ada@example.com'],
          decision: { decidedBy: 'ops', decidedAt: DECIDED, origin: 'review' },
        },
      ]);
    });

    it('links whatever the matcher says, and reviews only the other candidates', () => {
      const other = observation('erp-file', 'o', person({ emails: ['ada@example.com'] }));
      const clusters = existing([stranger]);
      const withOther = [...clusters, ...existing([other])];
      const result = run([ada], withOther, [decision(ada, stranger, 'same')], cautious);
      expect(result.outcomes[0]).toMatchObject({
        outcome: 'updated',
        customerId: customerIdFor(stranger),
      });
      expect(result.reviews).toEqual([
        {
          key: { connector: 'erp-sql', object: 'customers', externalId: 'a' },
          customerId: customerIdFor(stranger),
          matcher: 'cautious',
          candidates: [{ customerId: customerIdFor(other), sharedKeys: [] }],
        },
      ]);
    });

    it('merges the decided customer with those the matcher links', () => {
      const clusters = [...existing([stranger]), ...existing([twin])];
      const result = run([ada], clusters, [decision(ada, stranger, 'same')]);
      expect(groups(result.clusters)).toEqual([['crm/s', 'crm/t', 'erp-sql/a']]);
      expect(result.outcomes[0]?.outcome).toBe('merged');
      expect(result.changes.map((change) => change.type)).toEqual(['merged']);
    });

    it('is ignored when the other record is not in the input', () => {
      const result = run([ada], [], [decision(ada, stranger, 'same')]);
      expect(result.outcomes[0]).toMatchObject({ outcome: 'created', evidence: [] });
    });

    it('is ignored for a customer that also holds a record kept apart', () => {
      const clusters = existing(
        [stranger, observation('crm', 'u', person({ emails: ['al@example.com'] }))],
        [],
      );
      const result = run([ada], clusters, [
        decision(ada, stranger, 'same'),
        decision({ ...stranger, externalId: 'u' }, ada, 'distinct'),
      ]);
      expect(result.outcomes[0]).toMatchObject({ outcome: 'created' });
    });

    it('accepts a review: the decision, then the record re-applied, merges the two customers', () => {
      const first = run([ada, twin], [], [], cautious);
      expect(first.reviews).toHaveLength(1);
      const decisions = [decision(twin, ada, 'same')];
      const result = run([twin], first.clusters, decisions, cautious);
      // Both were created at the same instant: the smaller id survives.
      const [survivor, absorbed] = [customerIdFor(ada), customerIdFor(twin)].sort();
      expect(result.outcomes[0]).toMatchObject({ outcome: 'merged', customerId: survivor });
      expect(result.reviews).toEqual([]);
      expect(result.absorbed).toEqual([{ id: absorbed, mergedInto: survivor }]);
      expect(groups(result.clusters)).toEqual([['crm/t', 'erp-sql/a']]);
      expect(result.changes).toEqual([
        expect.objectContaining({ type: 'merged', customer: result.clusters[0]?.golden }),
      ]);
    });

    it('does nothing more for a record re-applied when its partner is already beside it', () => {
      const decisions = [decision(twin, ada, 'same')];
      const clusters = existing([ada, twin], decisions);
      const result = run([twin], clusters, decisions);
      expect(result.outcomes[0]).toMatchObject({ outcome: 'unchanged', evidence: [] });
      expect(result.changes).toEqual([]);
    });
  });
});

function bridgeKey(): SourceKey {
  return { connector: 'crm', object: 'customers', externalId: 'x' };
}

/** Shares two keys (e-mail and phone) with ada, one (a phone) with `phone`. */
function bridge(): SourceObservation {
  return observation(
    'crm',
    'x',
    person({ emails: ['ada@example.com'], phones: ['+4670111', '+4670222'] }),
  );
}
