import { type RawSourceRecord } from '@crosswalk/connectors';
import { publishedMessages } from '@crosswalk/events';
import { type SourceKey, sourceKeyString } from '@crosswalk/model';
import { type CrosswalkStore } from '@crosswalk/store';
import { storeBackends } from '../../../store/src/testing/store-backends';
import { CustomerCurationService } from '../curation/customer-curation.service';
import { ListSource } from '../testing/list-source.fixture';
import { type MatchingSettings } from '../match/matcher.resolver';
import { type RecordMapper } from '../page/record-mapper';
import { ConnectorSyncService } from '../run/connector-sync.service';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../run/sync-settings';
import { FullReconcileService } from './full-reconcile.service';
import {
  fixturePools,
  generateSourceRecords,
  SYNTHETIC_CONNECTORS,
  toSyntheticObservation,
  type SyntheticSourceRecord,
} from '@crosswalk/synthetic';

/** Maps a synthetic record carried whole in the payload, as its source's mapping would. */
const syntheticMapper: RecordMapper = {
  map: (_object, payload) => ({
    ok: true,
    facts: toSyntheticObservation(payload as unknown as SyntheticSourceRecord).observation.facts,
  }),
};

function settingsWith(mode: MatchingSettings['mode']): SyncSettings {
  return {
    ...DEFAULT_SYNC_SETTINGS,
    backoffMs: 1,
    policy: { sourcePriority: ['crm', 'erp-sql'], staleAfterDays: 3_650 },
    defaultRegion: 'SE',
    matching: { mode, thresholds: null },
  };
}

function rowOf(record: SyntheticSourceRecord): RawSourceRecord {
  return {
    object: record.object,
    externalId: record.externalId,
    payload: { ...record },
    deleted: false,
  };
}

/** Records of two sources (the ERP and the CRM) with their known truth. */
function syntheticSources(records: number): {
  erp: SyntheticSourceRecord[];
  crm: SyntheticSourceRecord[];
} {
  const all = [
    ...generateSourceRecords(fixturePools(), { records: Math.round(records * 1.4), seed: 2026 }),
  ].filter((record) => record.source !== 'webshop');
  const taken = all.slice(0, records);
  return {
    erp: taken.filter((record) => record.source === 'erp'),
    crm: taken.filter((record) => record.source === 'crm'),
  };
}

interface PairQuality {
  precision: number;
  recall: number;
  f1: number;
}

function pairs(groups: Iterable<number>): number {
  let total = 0;
  for (const size of groups) total += (size * (size - 1)) / 2;
  return total;
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

describe.each(storeBackends('recluster'))('FullReconcileService on $name', (backend) => {
  let store: CrosswalkStore;
  let erp: ListSource;
  let crm: ListSource;
  const truth = new Map<string, string>();
  const { erp: erpRecords, crm: crmRecords } = syntheticSources(2_500);

  const syncAll = async (source: ListSource, settings: SyncSettings) => {
    await store.transaction((tx) => tx.checkpoints.clear(source.name));
    return new ConnectorSyncService(store, settings).run(source.target(500, syntheticMapper), {
      trigger: 'cli',
    });
  };

  /** Every live source record's customer, by source key. */
  const assignments = async (): Promise<Map<string, string>> => {
    const result = new Map<string, string>();
    let after: SourceKey | null = null;
    for (;;) {
      const page = await store.read.sourceRecords.pageObservations(after, 1_000);
      const last = page.at(-1);
      if (last === undefined) return result;
      for (const { customerId, observation } of page) {
        if (customerId !== null && !observation.deleted) {
          result.set(sourceKeyString(observation), customerId);
        }
      }
      after = last.observation;
    }
  };

  const quality = async (): Promise<PairQuality> => {
    const assigned = await assignments();
    const keys = [...assigned.keys()];
    const predicted = pairs(countBy(keys.map((key) => assigned.get(key) ?? '')).values());
    const actual = pairs(countBy(keys.map((key) => truth.get(key) ?? key)).values());
    const correct = pairs(
      countBy(keys.map((key) => `${assigned.get(key) ?? ''}|${truth.get(key) ?? key}`)).values(),
    );
    const precision = predicted === 0 ? 1 : correct / predicted;
    const recall = actual === 0 ? 1 : correct / actual;
    return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
  };

  /** Ids of the messages the pending outbox rows publish. */
  const outboxIds = async () =>
    publishedMessages(await store.read.outbox.findPending(1_000_000, false)).map((row) => row.id);

  const service = () => new FullReconcileService(store, settingsWith('probabilistic'));

  let keysOnly: PairQuality;

  beforeAll(async () => {
    ({ store } = await backend.open());
    for (const record of [...erpRecords, ...crmRecords]) {
      const key = { connector: SYNTHETIC_CONNECTORS[record.source], ...record };
      truth.set(sourceKeyString(key), record.entityId);
    }
    erp = new ListSource(SYNTHETIC_CONNECTORS.erp, erpRecords.map(rowOf));
    crm = new ListSource(SYNTHETIC_CONNECTORS.crm, crmRecords.map(rowOf));
    await syncAll(erp, settingsWith('deterministic'));
    await syncAll(crm, settingsWith('deterministic'));
    keysOnly = await quality();
  });

  afterAll(() => backend.close());

  it('reports what it would change in a dry run, and writes nothing', async () => {
    const events = (await outboxIds()).length;
    const before = await assignments();
    const report = await service().run({ retrain: false, dryRun: true });
    expect(report).toMatchObject({
      records: erpRecords.length + crmRecords.length,
      dryRun: true,
      trained: true,
      events: 0,
      modelVersion: 0,
    });
    expect(report.merged).toBeGreaterThan(0);
    expect(report.customersAfter).toBeLessThan(report.customersBefore);
    expect(await store.read.models.findActive()).toBeNull();
    expect((await outboxIds()).length).toBe(events);
    expect(await assignments()).toEqual(before);
    expect(await store.read.reviews.countByStatus()).toMatchObject({ pending: 0 });
  });

  it('trains and stores a model, and merges the duplicates the keys missed', async () => {
    const eventsBefore = (await outboxIds()).length;
    const report = await service().run({ retrain: false, dryRun: false });
    expect(report).toMatchObject({ trained: true, modelVersion: 1, dryRun: false });
    expect(report.merged).toBeGreaterThan(0);
    expect(report.events).toBe((await outboxIds()).length - eventsBefore);
    expect(report.events).toBeGreaterThan(0);
    expect(await store.read.models.findActive()).toMatchObject({ version: 1 });

    const reclustered = await quality();
    process.stdout.write(`${backend.name}: ${JSON.stringify({ keysOnly, reclustered, report })}\n`);
    expect(reclustered.recall).toBeGreaterThan(keysOnly.recall);
    expect(reclustered.f1).toBeGreaterThan(keysOnly.f1);
    // Households that share a phone were one customer under the keys alone: split apart now.
    expect(reclustered.precision).toBeGreaterThan(keysOnly.precision);
    const customers = await store.read.customers.countByState();
    expect(customers.live).toBe(report.customersAfter);
    expect(customers.merged).toBeGreaterThan(0);

    const ids = await outboxIds();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes nothing when run again with nothing changed', async () => {
    const events = (await outboxIds()).length;
    const before = await assignments();
    const report = await service().run({ retrain: false, dryRun: false });
    expect(report).toMatchObject({
      trained: false,
      modelVersion: 1,
      merged: 0,
      split: 0,
      events: 0,
    });
    expect((await outboxIds()).length).toBe(events);
    expect(await assignments()).toEqual(before);
  });

  it('keeps apart two records a person split', async () => {
    const assigned = await assignments();
    const byCustomer = new Map<string, string[]>();
    for (const [key, customerId] of assigned) {
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), key]);
    }
    // A customer the re-clustering joined from two sources' records, split by hand.
    const [customerId, members] =
      [...byCustomer.entries()].find(
        ([, keys]) => keys.length === 2 && keys.some((key) => key.startsWith('crm/')),
      ) ?? [];
    expect(members).toBeDefined();
    const [kept, cut] = (members ?? []).map((key) => {
      const [connector = '', object = '', externalId = ''] = key.split('/');
      return { connector, object, externalId };
    });
    const curation = new CustomerCurationService(store, settingsWith('probabilistic'));
    await curation.split(customerId ?? '', [[cut as SourceKey]], { by: 'ops@example.se' });

    const report = await service().run({ retrain: false, dryRun: false });
    expect(report.merged).toBe(0);
    const after = await assignments();
    const keptCustomer = after.get(sourceKeyString(kept as SourceKey));
    const cutCustomer = after.get(sourceKeyString(cut as SourceKey));
    expect(keptCustomer).not.toBe(cutCustomer);
    // Nor are they proposed to each other for review.
    const { items } = await store.read.reviews.findPending({ limit: 10_000 });
    const between = items.filter(
      (review) =>
        [review.customerId, review.candidateCustomerId].sort().join() ===
        [keptCustomer, cutCustomer].sort().join(),
    );
    expect(between).toEqual([]);
  });

  it('links a new, mistyped duplicate in an incremental sync with the stored model', async () => {
    const original = crmRecords.find(
      (record) =>
        record.object === 'contacts' &&
        ['Birthdate', 'Phone', 'street', 'LastName'].every((field) => record.fields[field]),
    );
    expect(original).toBeDefined();
    const base = original as SyntheticSourceRecord;
    const customerId = (await assignments()).get(
      sourceKeyString({ connector: SYNTHETIC_CONNECTORS.crm, ...base }),
    );
    const lastName = base.fields['LastName'] ?? '';
    const duplicate: SyntheticSourceRecord = {
      ...base,
      externalId: `${base.externalId}-dup`,
      // A letter doubled, another e-mail and no phone: no key the deterministic matcher shares.
      fields: {
        ...base.fields,
        LastName: `${lastName.slice(0, 2)}${lastName.slice(1)}`,
        Email: `new.${base.externalId.toLowerCase()}@mail.example`,
        Phone: '',
      },
    };
    crm.rows = [rowOf(duplicate)];
    await store.transaction((tx) => tx.checkpoints.clear(crm.name));
    const run = await new ConnectorSyncService(store, settingsWith('probabilistic')).run(
      crm.target(500, syntheticMapper),
      { trigger: 'cli' },
    );
    expect(run.warnings).toEqual([]);
    expect(run.counts).toMatchObject({ read: 1, created: 0 });
    const links = await store.read.links.findCustomerIds([
      {
        connector: SYNTHETIC_CONNECTORS.crm,
        object: duplicate.object,
        externalId: duplicate.externalId,
      },
    ]);
    expect([...links.values()]).toEqual([customerId]);
    const [link] = (await store.read.links.findByCustomer(customerId ?? '')).filter(
      (candidate) => candidate.key.externalId === duplicate.externalId,
    );
    expect(link?.evidence).toMatchObject({
      rule: 'match',
      candidates: [{ customerId, score: { matchProbability: expect.any(Number) } }],
    });
  });
});

describe.each(storeBackends('recluster-overtaken'))(
  'FullReconcileService overtaken on $name',
  (backend) => {
    let store: CrosswalkStore;
    const { erp: erpRecords, crm: crmRecords } = syntheticSources(2_500);

    beforeAll(async () => {
      ({ store } = await backend.open());
      for (const [connector, records] of [
        [SYNTHETIC_CONNECTORS.erp, erpRecords],
        [SYNTHETIC_CONNECTORS.crm, crmRecords],
      ] as const) {
        await new ConnectorSyncService(store, settingsWith('deterministic')).run(
          new ListSource(connector, records.map(rowOf)).target(500, syntheticMapper),
          { trigger: 'cli' },
        );
      }
    });

    afterAll(() => backend.close());

    const customerOf = async (key: SourceKey) =>
      (await store.read.links.findCustomerIds([key])).get(sourceKeyString(key));

    it('splits off what is still there when a person split a planned record off first', async () => {
      const service = new FullReconcileService(store, settingsWith('probabilistic'));
      const phases = service as unknown as {
        applySplits: (
          plan: { splits: { customerId: string; parts: number[][] }[] },
          replica: { keys: SourceKey[] },
          ...rest: unknown[]
        ) => Promise<number>;
      };
      const applySplits = phases.applySplits.bind(service);
      let planned: { customerId: string; cut: SourceKey; siblings: SourceKey[] } | undefined;
      phases.applySplits = async (plan, replica, ...rest) => {
        // Between the plan's read of the replica and its writes, a person cuts the first
        // record of a planned part off its customer by hand.
        const split = plan.splits.find((candidate) => candidate.parts.length > 0);
        const [cut, ...siblings] = (split?.parts[0] ?? []).map(
          (record) => replica.keys[record] as SourceKey,
        );
        if (split === undefined || cut === undefined) throw new Error('the plan has no split');
        planned = { customerId: split.customerId, cut, siblings };
        await new CustomerCurationService(store, settingsWith('probabilistic')).split(
          split.customerId,
          [[cut]],
          { by: 'ops@example.se' },
        );
        return applySplits(plan, replica, ...rest);
      };

      const cutBy = async () => customerOf(planned?.cut as SourceKey);
      const report = await service.run({ retrain: false, dryRun: false });

      expect(planned).toBeDefined();
      const { customerId, siblings } = planned as NonNullable<typeof planned>;
      expect(report.overtaken).toBeGreaterThanOrEqual(1);
      expect(report.events).toBeGreaterThan(0);
      // The person's split holds, and the rest of the planned part left the customer too.
      expect(await cutBy()).not.toBe(customerId);
      for (const sibling of siblings) expect(await customerOf(sibling)).not.toBe(customerId);
      expect((await store.read.customers.findById(customerId))?.deleted).toBe(false);
    });
  },
);
