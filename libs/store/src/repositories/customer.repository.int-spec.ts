import { type GoldenRecord } from '@crosswalk/model';
import { type CrosswalkStore } from '../crosswalk-store';
import { storeBackends } from '../testing/store-backends';

const AT = '2026-02-01T10:00:00.000Z';
const LATER = '2026-02-05T10:00:00.000Z';

function golden(id: string): GoldenRecord {
  return {
    id,
    version: 1,
    kind: 'organization',
    legalName: `Company ${id}`,
    emails: [],
    phones: [],
    addresses: [],
    identifiers: [],
    sources: [],
    lineage: {},
    quality: { completeness: 0.5, stale: false, conflicts: [] },
    deleted: false,
    createdAt: AT,
    updatedAt: AT,
  };
}

describe.each(storeBackends('customers'))('CustomerRepository on $name', (backend) => {
  let store: CrosswalkStore;

  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  afterAll(() => backend.close());

  it('lists the customers merged into one, and revives an absorbed one for an unmerge', async () => {
    await store.transaction(async (tx) => {
      await tx.customers.save(['s', 'x', 'y', 'z'].map(golden));
      await tx.customers.markMerged(
        [
          { id: 'y', mergedInto: 's' },
          { id: 'x', mergedInto: 's' },
          { id: 'z', mergedInto: 'y' },
        ],
        AT,
      );
    });
    expect(await store.read.customers.findAbsorbedInto('s')).toEqual(['x', 'y']);
    expect(await store.read.customers.findAbsorbedInto('y')).toEqual(['z']);
    expect(await store.read.customers.findAbsorbedInto('x')).toEqual([]);
    expect(await store.read.customers.findById('x')).toBeNull();
    expect((await store.read.customers.findRecord('x'))?.legalName).toBe('Company x');
    expect(await store.read.customers.findRecord('unknown')).toBeNull();

    expect(await store.transaction((tx) => tx.customers.revive('x', LATER))).toBe(true);
    expect(await store.read.customers.revive('x', LATER)).toBe(false);
    expect(await store.read.customers.revive('s', LATER)).toBe(false);
    expect(await store.read.customers.revive('unknown', LATER)).toBe(false);
    expect((await store.read.customers.findById('x'))?.id).toBe('x');
    expect(await store.read.customers.resolveId('x')).toBe('x');
    expect(await store.read.customers.findAbsorbedInto('s')).toEqual(['y']);
    expect(await store.read.customers.countByState()).toEqual({ live: 2, deleted: 0, merged: 2 });
  });
});
