import { type SourceObservation } from '@crosswalk/model';
import { reconcile } from './reconcile.engine';
import {
  type CustomerCluster,
  type FieldOverride,
  type ReconcileInput,
  type ReconcileResult,
} from './reconcile.types';
import { NOW, observation, person, POLICY } from './testing/observation.fixture';

const OLDEST = '2024-01-01T00:00:00.000Z';
const EARLIER = '2025-01-01T00:00:00.000Z';
const LATER = '2025-05-20T00:00:00.000Z';

function pin(
  field: FieldOverride['field'],
  value: FieldOverride['value'],
  pinnedAt: string,
): FieldOverride {
  return { field, value, pinnedBy: 'ops', pinnedAt };
}

function existing(observations: SourceObservation[], now: string): CustomerCluster[] {
  return reconcile({ clusters: [], observations, policy: POLICY, now }).clusters;
}

function run(
  observations: SourceObservation[],
  clusters: CustomerCluster[],
  overrides: ReconcileInput['overrides'],
): ReconcileResult {
  return reconcile({ clusters, observations, policy: POLICY, now: NOW, overrides });
}

function idOf(clusters: readonly CustomerCluster[]): string {
  const id = clusters[0]?.golden.id;
  if (id === undefined) throw new Error('no cluster');
  return id;
}

const ada = observation('erp-sql', 'a', person({ fullName: 'Ada', emails: ['ada@example.com'] }));
const bob = observation('erp-file', 'b', person({ fullName: 'Bob', phones: ['+4670111'] }));
const cid = observation('crm', 'c', person({ fullName: 'Cid', phones: ['+4670222'] }));

describe('reconcile: pinned values', () => {
  it('keeps a pin when its source changes the pinned field, and publishes nothing', () => {
    const clusters = existing([ada], EARLIER);
    const id = idOf(clusters);
    const pinned = new Map([[id, [pin('fullName', 'Ada', EARLIER)]]]);
    const result = run(
      [
        {
          ...ada,
          facts: person({ fullName: 'A. Lovelace', emails: ['ada@example.com'] }),
          observedAt: LATER,
        },
      ],
      clusters,
      pinned,
    );
    expect(result.outcomes[0]?.outcome).toBe('unchanged');
    expect(result.changes).toEqual([]);
    expect(result.clusters[0]?.golden.fullName).toBe('Ada');
  });

  it('applies the pins to a customer it updates', () => {
    const clusters = existing([ada], EARLIER);
    const id = idOf(clusters);
    const result = run(
      [observation('crm', 'x', person({ emails: ['ada@example.com'], phones: ['+4670999'] }))],
      clusters,
      new Map([[id, [pin('phones', ['+4670000'], EARLIER)]]]),
    );
    expect(result.clusters[0]?.golden).toMatchObject({ id, phones: ['+4670000'] });
    expect(result.clusters[0]?.golden.lineage.phones?.[0]?.rule).toBe('manual-override');
  });

  it('lets the matcher see the pins of a customer it rebuilt earlier in the call', () => {
    const clusters = existing([ada], EARLIER);
    const id = idOf(clusters);
    const seen: string[] = [];
    const result = reconcile({
      clusters,
      observations: [
        {
          ...ada,
          observedAt: LATER,
          facts: person({ fullName: 'Ada', emails: ['ada@example.com'], phones: ['+4670999'] }),
        },
        observation('crm', 'x', person({ emails: ['ada@example.com'] })),
      ],
      policy: POLICY,
      now: NOW,
      overrides: new Map([[id, [pin('fullName', 'Pinned Ada', EARLIER)]]]),
      matcher: {
        name: 'spy',
        keysOf: (facts) => facts.emails.map((email) => `email:${email}`),
        match: (_observation, candidates) => {
          seen.push(...candidates.map((cluster) => cluster.golden.fullName ?? ''));
          return { type: 'new', evidence: [] };
        },
      },
    });
    expect(result.outcomes[1]?.outcome).toBe('created');
    expect(seen).toEqual(['Pinned Ada']);
    expect(result.clusters[0]?.golden.fullName).toBe('Pinned Ada');
  });

  it('merges pins: the survivor keeps its own and takes the newest absorbed pin of other fields', () => {
    const survivor = existing([ada], OLDEST);
    const second = existing([bob], EARLIER);
    const third = existing([cid], EARLIER);
    const overrides = new Map([
      [idOf(survivor), [pin('fullName', 'Survivor name', OLDEST)]],
      [
        idOf(second),
        [pin('fullName', 'Second name', LATER), pin('website', 'https://second.example/', EARLIER)],
      ],
      [idOf(third), [pin('website', 'https://third.example/', LATER)]],
    ]);
    const bridge = observation(
      'crm',
      'x',
      person({ emails: ['ada@example.com'], phones: ['+4670111', '+4670222'] }),
    );
    for (const clusters of [
      [...survivor, ...second, ...third],
      [...third, ...second, ...survivor],
    ]) {
      const result = run([bridge], clusters, overrides);
      expect(result.clusters).toHaveLength(1);
      expect(result.clusters[0]?.golden).toMatchObject({
        id: idOf(survivor),
        fullName: 'Survivor name',
        website: 'https://third.example/',
      });
    }
  });

  it('merges pins the same way when the merge happens in steps within one call', () => {
    const survivor = existing([ada], OLDEST);
    const second = existing([bob], EARLIER);
    const third = existing([cid], EARLIER);
    const overrides = new Map([
      [idOf(second), [pin('website', 'https://second.example/', EARLIER)]],
      [idOf(third), [pin('website', 'https://third.example/', LATER)]],
    ]);
    // Second and third join first, then the survivor takes them both.
    const result = run(
      [
        observation('crm', 'y', person({ phones: ['+4670111', '+4670222'] })),
        observation('crm', 'x', person({ emails: ['ada@example.com'], phones: ['+4670111'] })),
      ],
      [...survivor, ...second, ...third],
      overrides,
    );
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]?.golden).toMatchObject({
      id: idOf(survivor),
      website: 'https://third.example/',
    });
  });
});
