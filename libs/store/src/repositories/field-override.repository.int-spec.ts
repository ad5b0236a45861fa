import { type CrosswalkStore } from '../crosswalk-store';
import { storeBackends } from '../testing/store-backends';
import { type StoredFieldOverride } from './field-override.repository';

function pinned(
  field: StoredFieldOverride['field'],
  value: StoredFieldOverride['value'],
  pinnedAt: string,
): StoredFieldOverride {
  return { field, value, pinnedBy: 'ops@x.se', pinnedAt };
}

describe.each(storeBackends('overrides'))('FieldOverrideRepository on $name', (backend) => {
  let store: CrosswalkStore;

  beforeAll(async () => {
    ({ store } = await backend.open());
  });

  afterAll(() => backend.close());

  it('pins, replaces and unpins values, and lists them per customer by field', async () => {
    await store.transaction(async (tx) => {
      await tx.overrides.pin('a', pinned('fullName', 'Anna Berg', 'T1'));
      await tx.overrides.pin('a', {
        ...pinned('emails', ['anna@x.se'], 'T1'),
        reason: 'verified by phone',
      });
      await tx.overrides.pin('a', pinned('fullName', 'Anna Bergström', 'T2'));
      await tx.overrides.pin('b', pinned('birthDate', undefined, 'T1'));
    });
    const found = await store.read.overrides.findFor(['a', 'b', 'none']);
    expect([...found.keys()].sort()).toEqual(['a', 'b']);
    expect(found.get('a')).toEqual([
      {
        field: 'emails',
        value: ['anna@x.se'],
        pinnedBy: 'ops@x.se',
        pinnedAt: 'T1',
        reason: 'verified by phone',
      },
      { field: 'fullName', value: 'Anna Bergström', pinnedBy: 'ops@x.se', pinnedAt: 'T2' },
    ]);
    expect(found.get('b')?.[0]?.value).toBeUndefined();

    expect(await store.read.overrides.unpin('a', 'fullName')).toBe(true);
    expect(await store.read.overrides.unpin('a', 'fullName')).toBe(false);
    expect((await store.read.overrides.findFor(['a'])).get('a')?.map((o) => o.field)).toEqual([
      'emails',
    ]);
  });

  it('gives the survivor absorbed customers’ pins: its own pins win, then the newest', async () => {
    await store.transaction(async (tx) => {
      await tx.overrides.pin('survivor', pinned('emails', ['own@x.se'], 'T1'));
      await tx.overrides.pin('old', pinned('emails', ['old@x.se'], 'T9'));
      await tx.overrides.pin('old', pinned('fullName', 'Old Name', 'T2'));
      await tx.overrides.pin('newer', pinned('fullName', 'Newer Name', 'T5'));
      await tx.overrides.pin('newer', pinned('phones', ['+46701234567'], 'T3'));
      // Absorbed into `old` in the same merge: follows the chain to the survivor.
      await tx.overrides.pin('chained', pinned('website', 'https://x.se', 'T4'));
      await tx.overrides.pin('bystander', pinned('fullName', 'Someone Else', 'T8'));
    });
    await store.transaction((tx) =>
      tx.overrides.moveTo([
        { id: 'old', mergedInto: 'survivor' },
        { id: 'newer', mergedInto: 'survivor' },
        { id: 'chained', mergedInto: 'old' },
      ]),
    );
    const found = await store.read.overrides.findFor([
      'survivor',
      'old',
      'newer',
      'chained',
      'bystander',
    ]);
    // The absorbed keep theirs, for an unmerge to hand back.
    expect([...found.keys()].sort()).toEqual(['bystander', 'chained', 'newer', 'old', 'survivor']);
    expect(found.get('old')?.map((o) => o.field)).toEqual(['emails', 'fullName']);
    expect(found.get('survivor')?.map((o) => [o.field, o.value])).toEqual([
      ['emails', ['own@x.se']],
      ['fullName', 'Newer Name'],
      ['phones', ['+46701234567']],
      ['website', 'https://x.se'],
    ]);
    await store.read.overrides.moveTo([]);
  });

  it('reads the pins of tens of thousands of customers within the bind limits', async () => {
    const ids = Array.from({ length: 40_000 }, (_, index) => `bulk-${index}`);
    await store.read.overrides.pin('bulk-39999', pinned('domain', 'x.se', 'T1'));
    const found = await store.read.overrides.findFor(ids);
    expect([...found.keys()]).toEqual(['bulk-39999']);
  });
});
