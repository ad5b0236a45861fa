import { type SourceKey, type SourceObservation } from '@crosswalk/model';
import { type CrosswalkStore } from '../crosswalk-store';
import { storeBackends } from '../testing/store-backends';

const AT = '2026-02-01T10:00:00.000Z';

function observation(connector: string, externalId: string, deleted = false): SourceObservation {
  return {
    connector,
    object: 'customers',
    externalId,
    facts: {
      kind: 'person',
      fullName: `Person ${externalId}`,
      emails: [],
      phones: [],
      addresses: [],
      identifiers: [],
    },
    observedAt: AT,
    deleted,
  };
}

function keyOf(item: SourceKey): string {
  return `${item.connector}/${item.object}/${item.externalId}`;
}

describe.each(storeBackends('replica'))('SourceRecordRepository on $name', (backend) => {
  let store: CrosswalkStore;

  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  afterAll(() => backend.close());

  it('pages every stored observation in key order, deleted and unlinked ones included', async () => {
    const observations = [
      observation('erp', '9'),
      observation('erp', '10', true),
      observation('crm', 'b'),
      observation('crm', 'a'),
      observation('web', '1'),
    ];
    await store.transaction(async (tx) => {
      await tx.sourceRecords.save(
        observations.map((item) => ({
          observation: item,
          payload: { id: item.externalId },
          contentHash: `h-${item.externalId}`,
          runId: 'r1',
          seenAt: AT,
        })),
      );
      await tx.links.save(
        observations
          .filter((item) => item.connector !== 'web')
          .map((item) => ({
            key: item,
            customerId: `c-${item.externalId}`,
            evidence: { rule: 'new' },
          })),
        AT,
      );
    });

    const everything = await store.read.sourceRecords.pageObservations(null, 100);
    expect(everything.map((item) => [keyOf(item.observation), item.customerId])).toEqual([
      ['crm/customers/a', 'c-a'],
      ['crm/customers/b', 'c-b'],
      ['erp/customers/10', 'c-10'],
      ['erp/customers/9', 'c-9'],
      ['web/customers/1', null],
    ]);
    expect(everything[2]?.observation).toEqual(observation('erp', '10', true));

    const paged: string[] = [];
    let after: SourceKey | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await store.read.sourceRecords.pageObservations(after, 2);
      paged.push(...page.map((item) => keyOf(item.observation)));
      const last = page.at(-1);
      if (last === undefined) break;
      after = last.observation;
    }
    expect(paged).toEqual(everything.map((item) => keyOf(item.observation)));
  });
});
