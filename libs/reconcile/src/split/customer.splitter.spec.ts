import { type SourceKey, type SourceObservation } from '@crosswalk/model';
import { customerIdFor, splitCustomerId } from '../customer-id.generator';
import { reconcile } from '../reconcile.engine';
import { ReconcileErrorCode, ReconcileException } from '../reconcile.exception';
import { type CustomerCluster, type FieldOverride } from '../reconcile.types';
import { NOW, observation, person, POLICY, thrownBy } from '../testing/observation.fixture';
import { type SplitCustomerInput, type SplitPart, splitCustomer } from './customer.splitter';

const OLDEST = '2024-01-01T00:00:00.000Z';
const EARLIER = '2025-01-01T00:00:00.000Z';
const LATER = '2025-06-10T00:00:00.000Z';

const ada = observation('erp-sql', 'a', person({ fullName: 'Ada', emails: ['ada@example.com'] }));
const anna = observation(
  'erp-file',
  'n',
  person({ fullName: 'Anna', emails: ['ada@example.com'], phones: ['+4670111'] }),
);
const ann = observation('crm', 'm', person({ fullName: 'Ann', phones: ['+4670111'] }));
const gone = observation('crm', 'g', person({ emails: ['ada@example.com'] }), { deleted: true });

const PIN: FieldOverride = {
  field: 'website',
  value: 'https://ada.example/',
  pinnedBy: 'ops',
  pinnedAt: EARLIER,
};

function key({ connector, object, externalId }: SourceKey): SourceKey {
  return { connector, object, externalId };
}

function merged(observations: SourceObservation[] = [ada, anna, ann]): CustomerCluster {
  const [cluster] = reconcile({
    clusters: [],
    observations,
    policy: POLICY,
    now: EARLIER,
  }).clusters;
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

function split(
  cluster: CustomerCluster,
  parts: SplitPart[],
  extra: Partial<SplitCustomerInput> = {},
) {
  return splitCustomer({
    cluster,
    parts,
    policy: POLICY,
    now: NOW,
    overrides: [],
    decidedBy: 'ops',
    ...extra,
  });
}

function names(cluster: CustomerCluster | undefined): string[] {
  return (cluster?.members ?? []).map((member) => `${member.connector}/${member.externalId}`);
}

describe('splitCustomer', () => {
  it('cuts records out into a new customer and remembers that they differ', () => {
    const cluster = merged();
    const partId = splitCustomerId(cluster.golden.id, [ann]);
    const result = split(cluster, [{ id: partId, keys: [key(ann)] }], { overrides: [PIN] });

    const [remaining, part] = result.clusters;
    expect(result.clusters).toHaveLength(2);
    expect(names(remaining)).toEqual(['erp-file/n', 'erp-sql/a']);
    expect(remaining?.golden).toMatchObject({
      id: cluster.golden.id,
      version: cluster.golden.version + 1,
      createdAt: EARLIER,
      updatedAt: NOW,
      website: 'https://ada.example/',
    });
    expect(names(part)).toEqual(['crm/m']);
    expect(part?.golden).toMatchObject({
      id: partId,
      version: 1,
      fullName: 'Ann',
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(part?.golden).not.toHaveProperty('website');

    expect(result.change).toEqual({
      type: 'split',
      customer: remaining?.golden,
      previous: cluster.golden,
      parts: [part?.golden],
      changes: expect.any(Array),
    });
    expect(result.change.changes.map((change) => change.field)).toEqual(['website', 'sources']);
    expect(result.decisions).toEqual([
      {
        left: key(anna),
        right: key(ann),
        verdict: 'distinct',
        origin: 'split',
        decidedBy: 'ops',
        decidedAt: NOW,
      },
      {
        left: key(ada),
        right: key(ann),
        verdict: 'distinct',
        origin: 'split',
        decidedBy: 'ops',
        decidedAt: NOW,
      },
    ]);
  });

  it('splits into several parts, with a decision for every pair across groups', () => {
    const cluster = merged([ada, anna, ann, gone]);
    const result = split(cluster, [
      { id: 'part-1', keys: [key(ann)] },
      { id: 'part-2', keys: [key(anna)] },
    ]);
    expect(result.clusters.map(names)).toEqual([['crm/g', 'erp-sql/a'], ['crm/m'], ['erp-file/n']]);
    // remaining x part-1, remaining x part-2, part-1 x part-2
    expect(result.decisions).toHaveLength(2 + 2 + 1);
    expect(result.change.parts.map((record) => record.id)).toEqual(['part-1', 'part-2']);
    expect(result.clusters[0]?.golden).toMatchObject({ deleted: false, version: 2 });
  });

  it('revives an absorbed customer on unmerge: its version continues and createdAt is kept', () => {
    const [older] = reconcile({
      clusters: [],
      observations: [ada],
      policy: POLICY,
      now: OLDEST,
    }).clusters;
    const [newer] = reconcile({
      clusters: [],
      observations: [ann],
      policy: POLICY,
      now: EARLIER,
    }).clusters;
    if (older === undefined || newer === undefined) throw new Error('no clusters');
    const joined = reconcile({
      clusters: [older, newer],
      observations: [anna],
      policy: POLICY,
      now: EARLIER,
    });
    const [survivor] = joined.clusters;
    if (survivor === undefined) throw new Error('no survivor');
    expect(joined.absorbed).toEqual([{ id: newer.golden.id, mergedInto: older.golden.id }]);

    const result = split(survivor, [
      { id: newer.golden.id, keys: [key(ann)], previous: newer.golden },
    ]);
    expect(result.clusters[1]?.golden).toMatchObject({
      id: customerIdFor(ann),
      version: newer.golden.version + 1,
      createdAt: EARLIER,
      updatedAt: NOW,
    });
    expect(result.change.parts).toEqual([result.clusters[1]?.golden]);
  });

  it('keeps a part with only deleted records silent (version 0), out of the change', () => {
    const cluster = merged([ada, anna, gone]);
    const result = split(cluster, [{ id: 'ghost', keys: [key(gone)] }]);
    expect(result.clusters[1]?.golden).toMatchObject({ id: 'ghost', version: 0, deleted: true });
    expect(result.change.parts).toEqual([]);
    expect(result.decisions).toHaveLength(2);
  });

  it('keeps the split apart on later syncs: a re-read record stays in its part', () => {
    const cluster = merged();
    const result = split(cluster, [{ id: 'part-1', keys: [key(ann)] }]);
    const reread = {
      ...ann,
      facts: person({ fullName: 'Ann', phones: ['+4670111'], emails: ['ada@example.com'] }),
      observedAt: LATER,
    };
    const later = reconcile({
      clusters: result.clusters,
      observations: [reread, observation('crm', 'z', person({ phones: ['+4670111'] }))],
      policy: POLICY,
      now: LATER,
      decisions: result.decisions,
    });
    expect(later.absorbed).toEqual([]);
    expect(later.outcomes.map((outcome) => [outcome.customerId, outcome.outcome])).toEqual([
      ['part-1', 'updated'],
      // One key in common with each: the smaller id is kept, the other dropped, never merged.
      [cluster.golden.id, 'updated'],
    ]);
  });

  it.each<[string, () => CustomerCluster, SplitPart[], ReconcileErrorCode]>([
    ['no part', merged, [], ReconcileErrorCode.SplitWithoutParts],
    [
      'a record the customer does not hold',
      merged,
      [{ id: 'p', keys: [key(gone)] }],
      ReconcileErrorCode.SplitUnknownMember,
    ],
    [
      'a record in two parts',
      merged,
      [
        { id: 'p', keys: [key(ann)] },
        { id: 'q', keys: [key(ann)] },
      ],
      ReconcileErrorCode.SplitRepeatedMember,
    ],
    [
      'a record twice in one part',
      merged,
      [{ id: 'p', keys: [key(ann), key(ann)] }],
      ReconcileErrorCode.SplitRepeatedMember,
    ],
    ['an empty part', merged, [{ id: 'p', keys: [] }], ReconcileErrorCode.SplitEmptyPart],
    [
      'no record left to the customer',
      merged,
      [
        { id: 'p', keys: [key(ann), key(ada)] },
        { id: 'q', keys: [key(anna)] },
      ],
      ReconcileErrorCode.SplitNothingLeft,
    ],
    [
      'only deleted records left to the customer',
      () => merged([ada, anna, gone]),
      [{ id: 'p', keys: [key(ada), key(anna)] }],
      ReconcileErrorCode.SplitNothingLeft,
    ],
    [
      'a part with the id of the customer split',
      merged,
      [{ id: merged().golden.id, keys: [key(ann)] }],
      ReconcileErrorCode.SplitInvalidPartId,
    ],
    [
      'two parts with one id',
      merged,
      [
        { id: 'p', keys: [key(ann)] },
        { id: 'p', keys: [key(anna)] },
      ],
      ReconcileErrorCode.SplitInvalidPartId,
    ],
    [
      'an empty part id',
      merged,
      [{ id: '', keys: [key(ann)] }],
      ReconcileErrorCode.SplitInvalidPartId,
    ],
    [
      'a revived part whose previous record has another id',
      merged,
      [{ id: 'p', keys: [key(ann)], previous: { ...merged().golden, id: 'q' } }],
      ReconcileErrorCode.SplitInvalidPartId,
    ],
    [
      'a customer never published',
      () =>
        merged([
          { ...ada, deleted: true },
          { ...anna, deleted: true },
        ]),
      [{ id: 'p', keys: [key(anna)] }],
      ReconcileErrorCode.SplitUnpublished,
    ],
  ])('refuses %s', (_case, cluster, parts, code) => {
    const error = thrownBy(() => split(cluster(), parts));
    expect(error).toBeInstanceOf(ReconcileException);
    expect(error).toMatchObject({ code });
  });
});
