import { reconcile } from '../reconcile.engine';
import { type CustomerCluster, type FieldOverride } from '../reconcile.types';
import { NOW, observation, person, POLICY } from '../testing/observation.fixture';
import { rebuildCustomer } from './customer.rebuilder';

const EARLIER = '2025-01-01T00:00:00.000Z';
const PIN: FieldOverride = {
  field: 'fullName',
  value: 'Augusta Ada King',
  pinnedBy: 'ops',
  pinnedAt: '2025-05-30T00:00:00.000Z',
};

function stored(): CustomerCluster {
  const { clusters } = reconcile({
    clusters: [],
    observations: [
      observation('erp-sql', '1', person({ fullName: 'Ada Lovelace', emails: ['a@example.com'] })),
    ],
    policy: POLICY,
    now: EARLIER,
  });
  const [cluster] = clusters;
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

describe('rebuildCustomer', () => {
  it('publishes an update when a value is pinned', () => {
    const cluster = stored();
    const { cluster: rebuilt, change } = rebuildCustomer({
      cluster,
      policy: POLICY,
      now: NOW,
      overrides: [PIN],
    });
    expect(rebuilt.golden).toMatchObject({
      id: cluster.golden.id,
      version: 2,
      fullName: 'Augusta Ada King',
      createdAt: EARLIER,
      updatedAt: NOW,
    });
    expect(change).toEqual({
      type: 'updated',
      customer: rebuilt.golden,
      previous: cluster.golden,
      changes: [{ field: 'fullName', before: 'Ada Lovelace', after: 'Augusta Ada King' }],
    });
  });

  it('publishes an update when the pin is removed, back to the sources value', () => {
    const pinned = rebuildCustomer({
      cluster: stored(),
      policy: POLICY,
      now: NOW,
      overrides: [PIN],
    });
    const { cluster, change } = rebuildCustomer({
      cluster: pinned.cluster,
      policy: POLICY,
      now: NOW,
      overrides: [],
    });
    expect(cluster.golden).toMatchObject({ version: 3, fullName: 'Ada Lovelace' });
    expect(cluster.golden.lineage.fullName?.[0]).toMatchObject({ rule: 'source-priority' });
    expect(change?.type).toBe('updated');
  });

  it.each<[string, FieldOverride[]]>([
    ['nothing is pinned and nothing changed', []],
    ['the pin gives the value the sources already give', [{ ...PIN, value: 'Ada Lovelace' }]],
  ])('publishes nothing when %s', (_case, overrides) => {
    const cluster = stored();
    const result = rebuildCustomer({ cluster, policy: POLICY, now: NOW, overrides });
    expect(result.change).toBeNull();
    expect(result.cluster.golden).toBe(cluster.golden);
  });
});
