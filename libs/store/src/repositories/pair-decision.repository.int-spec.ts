import { type SourceKey } from '@crosswalk/model';
import { type CrosswalkStore } from '../crosswalk-store';
import { storeBackends } from '../testing/store-backends';
import { type StoredPairDecision } from './pair-decision.repository';

const T1 = '2026-02-01T10:00:00.000Z';
const T2 = '2026-02-02T10:00:00.000Z';

function key(connector: string, externalId: string, object = 'customers'): SourceKey {
  return { connector, object, externalId };
}

function decision(
  left: SourceKey,
  right: SourceKey,
  verdict: StoredPairDecision['verdict'],
  decidedAt = T1,
): StoredPairDecision {
  return { left, right, verdict, origin: 'review', decidedBy: 'ops@x.se', decidedAt };
}

describe.each(storeBackends('decisions'))('PairDecisionRepository on $name', (backend) => {
  let store: CrosswalkStore;

  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  afterAll(() => backend.close());

  it('stores a pair once in canonical order, the later decision replacing the earlier', async () => {
    const erp = key('erp', '7');
    const crm = key('crm', '3');
    await store.transaction((tx) => tx.decisions.record([decision(erp, crm, 'distinct')]));
    await store.transaction((tx) =>
      tx.decisions.record([{ ...decision(crm, erp, 'same', T2), origin: 'split' }]),
    );
    expect(await store.read.decisions.count()).toBe(1);
    expect(await store.read.decisions.findInvolving([erp])).toEqual([
      {
        left: crm,
        right: erp,
        verdict: 'same',
        origin: 'split',
        decidedBy: 'ops@x.se',
        decidedAt: T2,
      },
    ]);
  });

  it('keeps two keys whose strings coincide apart, and one row whatever their order', async () => {
    const a = key('web', 'x/1', 'orders');
    const b = key('web', '1', 'orders/x');
    await store.read.decisions.record([decision(a, b, 'distinct'), decision(b, a, 'distinct')]);
    const found = await store.read.decisions.findInvolving([a]);
    expect(found).toHaveLength(1);
    expect(await store.read.decisions.findInvolving([b])).toEqual(found);
  });

  it('finds decisions by either side, and every decision for a full re-cluster', async () => {
    await store.read.decisions.record([
      decision(key('hub', 'a'), key('hub', 'b'), 'distinct'),
      decision(key('hub', 'b'), key('hub', 'c'), 'same'),
      decision(key('hub', 'd'), key('hub', 'e'), 'same'),
    ]);
    const viaB = await store.read.decisions.findInvolving([key('hub', 'b'), key('hub', 'zz')]);
    expect(viaB.map((found) => [found.left.externalId, found.right.externalId])).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    const viaRight = await store.read.decisions.findInvolving([key('hub', 'e')]);
    expect(viaRight.map((found) => found.left.externalId)).toEqual(['d']);
    expect(await store.read.decisions.findInvolving([])).toEqual([]);

    const all = await store.read.decisions.findAll();
    expect(all).toHaveLength(await store.read.decisions.count());
    expect(all.filter((found) => found.left.connector === 'hub')).toHaveLength(3);
  });

  it('records and finds tens of thousands of pairs within the bind limits', async () => {
    const pairs = Array.from({ length: 40_000 }, (_, index) =>
      decision(key('bulk-right', String(index)), key('bulk-left', String(index)), 'distinct'),
    );
    await store.transaction((tx) => tx.decisions.record(pairs));
    const found = await store.read.decisions.findInvolving(pairs.map((pair) => pair.left));
    expect(found).toHaveLength(40_000);
    expect(found.every((pair) => pair.left.connector === 'bulk-left')).toBe(true);
  });
});
