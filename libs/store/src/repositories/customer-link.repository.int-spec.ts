import { type SourceKey } from '@crosswalk/model';
import { type CrosswalkStore } from '../crosswalk-store';
import { storeBackends } from '../testing/store-backends';

const T1 = '2026-02-01T10:00:00.000Z';
const T2 = '2026-02-02T10:00:00.000Z';

function key(connector: string, externalId: string): SourceKey {
  return { connector, object: 'customers', externalId };
}

describe.each(storeBackends('links'))('CustomerLinkRepository on $name', (backend) => {
  let store: CrosswalkStore;

  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  afterAll(() => backend.close());

  it('lists a customer’s links with their evidence and when they were made', async () => {
    await store.transaction(async (tx) => {
      await tx.links.save(
        [
          { key: key('erp', '2'), customerId: 'c1', evidence: { rule: 'new' } },
          { key: key('other', '9'), customerId: 'c2', evidence: { rule: 'new' } },
        ],
        T1,
      );
      await tx.links.save(
        [
          {
            key: key('crm', '5'),
            customerId: 'c1',
            evidence: { rule: 'match', candidates: [{ customerId: 'c1', sharedKeys: ['vat:1'] }] },
          },
        ],
        T2,
      );
    });
    expect(await store.read.links.findByCustomer('c1')).toEqual([
      {
        key: key('crm', '5'),
        customerId: 'c1',
        evidence: { rule: 'match', candidates: [{ customerId: 'c1', sharedKeys: ['vat:1'] }] },
        linkedAt: T2,
      },
      { key: key('erp', '2'), customerId: 'c1', evidence: { rule: 'new' }, linkedAt: T1 },
    ]);
    expect(await store.read.links.findByCustomer('none')).toEqual([]);
  });
});
