import { type CrosswalkStore } from '../crosswalk-store';
import { createDataSource } from '../data-source/create-data-source';
import { type StoreOptions } from '../data-source/store-options';
import { storeBackends } from '../testing/store-backends';

const model = { version: 'fs-1', fields: { email: { m: [0.9, 0.1], u: [0.01, 0.99] } } };

describe.each(storeBackends('models'))('MatchModelRepository on $name', (backend) => {
  let store: CrosswalkStore;
  let options: StoreOptions;

  beforeAll(async () => {
    ({ store, options } = await backend.open());
  });

  afterAll(() => backend.close());

  it('numbers saved models, activates the newest and can go back to an earlier one', async () => {
    expect(await store.read.models.findActive()).toBeNull();
    expect(await store.read.models.list()).toEqual([]);

    const first = await store.transaction((tx) =>
      tx.models.save({ model, trainedAt: 'T1', trainedOn: 10_000 }),
    );
    const second = await store.transaction((tx) =>
      tx.models.save({
        model: { ...model, version: 'fs-2' },
        trainedAt: 'T2',
        trainedOn: 20_000,
        metrics: { f1: 0.985 },
      }),
    );
    expect([first, second]).toEqual([1, 2]);
    expect(await store.read.models.findActive()).toEqual({
      version: 2,
      model: { ...model, version: 'fs-2' },
      trainedAt: 'T2',
      trainedOn: 20_000,
      metrics: { f1: 0.985 },
    });
    expect(await store.read.models.list()).toEqual([
      { version: 1, trainedAt: 'T1', trainedOn: 10_000, metrics: null, active: false },
      { version: 2, trainedAt: 'T2', trainedOn: 20_000, metrics: { f1: 0.985 }, active: true },
    ]);

    expect(await store.transaction((tx) => tx.models.activate(1))).toBe(true);
    expect((await store.read.models.findActive())?.model).toEqual(model);
    expect(await store.read.models.activate(1)).toBe(true);
    expect(await store.read.models.activate(99)).toBe(false);
    expect((await store.read.models.list()).filter((row) => row.active)).toHaveLength(1);
  });

  it('lets the database itself refuse a second active model', async () => {
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    try {
      // Model 1 is active (the test above): a second active row breaks the partial unique index.
      const active = options.type === 'postgres' ? 'true' : '1';
      await expect(
        dataSource.query(
          `INSERT INTO match_models (version, model, trained_at, trained_on, active) VALUES (100, '{}', 'T9', 1, ${active})`,
        ),
      ).rejects.toThrow();
    } finally {
      await dataSource.destroy();
    }
  });
});
